/**
 * Fixture harness. Each `__fixtures__/<transform>/<case>/` holds `input.Dockerfile`,
 * `output.Dockerfile` (absent: the input must not change), and optionally `options.json`
 * (`{"transforms": [...], "unsafe": true, "options": {"<id>": {...}}, "error": "E_..."}`),
 * `messages.txt` (the explanations users see, and the companion file edits) and a `context/` folder (the build context).
 *
 * For every case: the output is byte-exact, a second run changes nothing, the output
 * re-parses (and the model's scanner agrees with a whole dockerfile-ast parse), and the
 * CRLF copy of the input gives the CRLF copy of the output.
 * `UPDATE_FIXTURES=1 npm test` rewrites expected files (never in CI).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixSource, type FixResult } from '../src/core/runner.js';
import { parseDockerfile } from '../src/model/dockerfile.js';
import { loadBuildContext } from '../src/context/index.js';
import { TRANSFORMS, findTransform } from '../transforms/index.js';
import { scanDifference } from './helpers/random-edits.js';

const ROOT = join(import.meta.dirname, '..', '__fixtures__');
const UPDATE = process.env.UPDATE_FIXTURES === '1' && !process.env.CI;

interface CaseOptions {
  transforms?: string[];
  unsafe?: boolean;
  options?: Record<string, Record<string, unknown>>;
  error?: string;
}

function messagesOf(r: FixResult): string {
  const lines = [
    ...r.warnings.map((w) => `warning line ${w.line}: ${w.message}`),
    ...r.changes.map((c) => `change ${c.transform} line ${c.line}: ${c.message}`),
    ...r.advice.map((a) => `advice ${a.transform} line ${a.line}: ${a.message}`),
    ...r.companions.map((c) => `companion ${c.path}: append ${c.append.join(', ')}`),
    ...(r.error ? [`error ${r.error.code}: ${r.error.message}`] : []),
  ];
  return lines.join('\n') + (lines.length ? '\n' : '');
}

const groups = existsSync(ROOT) ? readdirSync(ROOT).sort() : [];

test('every transform has fixtures with a changing and a must-not-change case', () => {
  for (const t of TRANSFORMS) {
    expect(groups).toContain(t.id);
    const cases = readdirSync(join(ROOT, t.id));
    expect(cases.some((c) => existsSync(join(ROOT, t.id, c, 'output.Dockerfile')))).toBe(true);
    expect(cases.some((c) => !existsSync(join(ROOT, t.id, c, 'output.Dockerfile')))).toBe(true);
  }
});

for (const group of groups) {
  describe(group, () => {
    for (const name of readdirSync(join(ROOT, group)).sort()) {
      const dir = join(ROOT, group, name);
      test(name, () => {
        const input = readFileSync(join(dir, 'input.Dockerfile'), 'utf8');
        const opts: CaseOptions = existsSync(join(dir, 'options.json')) ? JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) : {};
        const ids = opts.transforms ?? [group];
        const transforms = ids.map((id) => {
          const t = findTransform(id);
          if (!t) throw new Error(`unknown transform ${id} in ${dir}`);
          return t;
        });
        const buildContext = existsSync(join(dir, 'context')) ? loadBuildContext(join(dir, 'context')) : undefined;
        const run = (text: string) => fixSource(text, { transforms, unsafe: opts.unsafe, options: opts.options, buildContext, path: 'Dockerfile' });

        const first = run(input);
        const outPath = join(dir, 'output.Dockerfile');
        const msgPath = join(dir, 'messages.txt');
        if (UPDATE) {
          if (first.changed) writeFileSync(outPath, first.output);
          else rmSync(outPath, { force: true });
          writeFileSync(msgPath, messagesOf(first));
        }
        if (opts.error) {
          expect(first.error?.code).toBe(opts.error);
          expect(first.output).toBe(input);
          return;
        }
        expect(first.error).toBeUndefined();
        const expected = existsSync(outPath) ? readFileSync(outPath, 'utf8') : input;
        expect(first.output).toBe(expected);
        expect(first.changed).toBe(existsSync(outPath));
        if (existsSync(msgPath)) expect(messagesOf(first)).toBe(readFileSync(msgPath, 'utf8'));

        // Idempotent: a second run changes nothing.
        const second = run(first.output);
        expect(second.error).toBeUndefined();
        expect(second.output).toBe(first.output);

        // The model's scanner agrees with a whole dockerfile-ast parse on the input and the output.
        expect(scanDifference(input.replace(/^\uFEFF/, ''))).toBeNull();
        expect(scanDifference(first.output.replace(/^\uFEFF/, ''))).toBeNull();

        // Re-parses into as many instructions as the fixes declared.
        const reparsed = parseDockerfile(first.output.replace(/^\uFEFF/, ''));
        expect(reparsed.stages.length).toBe(parseDockerfile(input.replace(/^\uFEFF/, '')).stages.length);

        // CRLF in, CRLF out (only for LF inputs: the CRLF fixtures are their own case).
        if (!input.includes('\r')) {
          const crlf = run(input.replace(/\n/g, '\r\n'));
          expect(crlf.error).toBeUndefined();
          expect(crlf.output).toBe(expected.replace(/\n/g, '\r\n'));
        }
      });
    }
  });
}
