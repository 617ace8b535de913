/**
 * Corpus evidence for `cache-mounts`: runs the transform alone over every Dockerfile under a
 * corpus folder and reports errors, idempotence, files changed, files where a covered package
 * manager runs (the applicability denominator) and why the others were skipped.
 *
 *     npx tsc -p tsconfig.json && node dist/scripts/corpus-cache-mounts.js [/work/shared/corpus] [--diffs DIR] [--json FILE]
 *
 * `--unsafe` runs the transform in --unsafe mode. No build context is used (the corpus holds only Dockerfiles and a listing), so the numbers
 * are those of the "no context" mode: only what is safe without one.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { fixSource } from '../src/core/runner.js';
import { parseDockerfile } from '../src/model/dockerfile.js';
import { ECOSYSTEMS } from '../src/ecosystems/index.js';
import { parseShell } from '../src/shell/index.js';
import cacheMounts from '../transforms/cache-mounts.js';

const args = process.argv.slice(2);
const root = args.find((a) => !a.startsWith('--')) ?? '/work/shared/corpus';
const diffDir = args.includes('--diffs') ? args[args.indexOf('--diffs') + 1] : null;
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const unsafe = args.includes('--unsafe');

const isDockerfile = (name: string) => /^(Dockerfile|Containerfile)([.-].*)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);

function walk(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (isDockerfile(e)) out.push(p);
  }
  return out;
}

let runsWithPm = 0;
let runsChanged = 0;

/** Ecosystems whose install commands run in the file (any RUN form; heredocs by a word match). */
function pmsIn(text: string): Set<string> {
  const found = new Set<string>();
  const model = parseDockerfile(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  const windows = model.escape === '`' || model.stages.some((s) => /windows|nanoserver|servercore|ltsc20/i.test(s.base));
  for (const i of model.instructions) {
    if (i.keyword !== 'RUN') continue;
    const cmds: { name: string; args: (string | null)[] }[] = [];
    if (i.json) cmds.push({ name: i.json[0] ?? '', args: i.json.slice(1) });
    else {
      const r = parseShell(i.body, model.escape) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (r.ok) for (const c of r.script.commands) cmds.push({ name: c.name?.value ?? '', args: c.args.map((a: any) => a.value) }); // eslint-disable-line @typescript-eslint/no-explicit-any
      if (i.heredoc || !r.ok) {
        // Heredoc or unreadable: count the package manager words line by line.
        for (const line of i.body.split('\n')) {
          const w = line.trim().split(/\s+/);
          if (w[0]) cmds.push({ name: w[0], args: w.slice(1) });
        }
      }
    }
    // A neutral environment: Yarn commands count as classic unless they show berry (`--immutable`).
    const env = { env: new Map<string, string>(), home: '/root', root: true, workdir: null, baseImage: '' };
    let any = false;
    for (const c of cmds) for (const e of ECOSYSTEMS) if (e.matches(c, env) && e.isInstall(c)) (found.add(e.id), (any = true));
    if (any && !windows) runsWithPm++;
  }
  return found;
}

const files = walk(root, []);
let errors = 0;
let nonIdempotent = 0;
let changed = 0;
let withPm = 0;
const changedWithPm: string[] = [];
const perEco = new Map<string, { files: number; changed: number }>();
const reasons = new Map<string, number>();
const errorList: string[] = [];
const refused: string[] = [];
const t0 = Date.now();

for (const f of files) {
  const input = readFileSync(f, 'utf8');
  const rel = relative(root, f);
  const pms = pmsIn(input);
  if (pms.size) withPm++;
  const r = fixSource(input, { transforms: [cacheMounts], path: rel, unsafe });
  if (r.error?.code === 'E_NOT_DOCKERFILE') {
    refused.push(`${rel}: ${r.error.message}`);
    continue;
  }
  if (r.error) {
    errors++;
    errorList.push(`${rel}: ${r.error.code} ${r.error.message}`);
    continue;
  }
  const again = fixSource(r.output, { transforms: [cacheMounts], path: rel, unsafe });
  if (again.error || again.output !== r.output) {
    nonIdempotent++;
    errorList.push(`${rel}: not idempotent ${again.error?.message ?? ''}`);
  }
  const mountedEcos = new Set<string>();
  for (const c of r.changes) {
    const m = /^Added a BuildKit cache mount for (.+?) \(\//.exec(c.message);
    if (m) for (const e of ECOSYSTEMS) if (m[1].split(/, | and /).includes(e.label)) mountedEcos.add(e.id);
  }
  for (const id of pms) {
    const s = perEco.get(id) ?? { files: 0, changed: 0 };
    s.files++;
    if (mountedEcos.has(id)) s.changed++;
    perEco.set(id, s);
  }
  for (const a of r.advice) {
    const key = a.message.replace(/line \d+/g, 'line N').replace(/`[^`]*`/g, '`…`').replace(/\/[\w./-]+/g, '<path>').slice(0, 160);
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  runsChanged += r.changes.length;
  if (r.changed) {
    changed++;
    if (pms.size) changedWithPm.push(rel);
    if (diffDir) {
      mkdirSync(diffDir, { recursive: true });
      const name = rel.replace(/[\/]/g, '__') + '.diff';
      const msgs = r.changes.map((c) => `# line ${c.line}: ${c.message}`).join('\n');
      writeFileSync(join(diffDir, name), msgs + '\n' + createTwoFilesPatch('a/' + rel, 'b/' + rel, input, r.output));
    }
  }
}

const summary = {
  corpus: root,
  files: files.length,
  errors,
  refusedNotDockerfile: refused,
  nonIdempotent,
  changed,
  withPackageManager: withPm,
  changedWithPackageManager: changedWithPm.length,
  applicability: withPm ? Number(((changedWithPm.length / withPm) * 100).toFixed(1)) : 0,
  runsWithPackageManagerLinux: runsWithPm,
  runsChanged,
  runApplicability: runsWithPm ? Number(((runsChanged / runsWithPm) * 100).toFixed(1)) : 0,
  perEcosystem: Object.fromEntries([...perEco].sort((a, b) => b[1].files - a[1].files)),
  skipReasons: Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1]).slice(0, 40)),
  errorList,
  ms: Date.now() - t0,
};
console.log(JSON.stringify(summary, null, 2));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(summary, null, 2) + '\n');
