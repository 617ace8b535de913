/**
 * Corpus evidence for `reorder-for-cache` and `arg-near-use` (opt-in: it reads every
 * Dockerfile under ../shared/corpus). Run with
 *
 *     DOCKERFIX_CORPUS=1 npm test -- test/corpus/reorder-args
 *
 * For each transform alone, over every Dockerfile: no error, idempotent, and in every
 * stage the multiset of instructions is unchanged with each instruction's text
 * byte-identical (only the order changes). Writes a summary and one diff per changed
 * file to `$DOCKERFIX_CORPUS_OUT` (default `.corpus-results/`) for reading.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { fixSource } from '../../src/core/runner.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { findTransform } from '../../transforms/index.js';

const CORPUS = process.env.DOCKERFIX_CORPUS_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
const OUT = process.env.DOCKERFIX_CORPUS_OUT ?? join(import.meta.dirname, '..', '..', '.corpus-results');
const enabled = process.env.DOCKERFIX_CORPUS === '1';

function dockerfiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...dockerfiles(p));
    else if (!/\.(txt|tsv|md)$/.test(name)) out.push(p);
  }
  return out;
}

/** Per stage: the sorted instruction texts (FROM included). */
function stageMultisets(text: string): string[][] {
  const m = parseDockerfile(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  return [m.globals.map((i) => i.text).sort(), ...m.stages.map((s) => [s.from.text, ...s.instructions.map((i) => i.text)].sort())];
}

(enabled ? describe : describe.skip)('corpus: reorder-for-cache and arg-near-use', () => {
  const files = enabled ? dockerfiles(CORPUS) : [];
  const only = process.env.DOCKERFIX_CORPUS_ONLY;
  for (const id of ['reorder-for-cache', 'arg-near-use'].filter((x) => !only || x === only)) {
    test(id, () => {
      const t = findTransform(id)!;
      const problems: string[] = [];
      const changed: string[] = [];
      let advice = 0;
      mkdirSync(join(OUT, id), { recursive: true });
      for (const f of files) {
        const rel = relative(CORPUS, f);
        const input = readFileSync(f, 'utf8');
        const r = fixSource(input, { transforms: [t], path: rel });
        advice += r.advice.length;
        if (r.error) {
          if (r.error.code !== 'E_NOT_DOCKERFILE') problems.push(`${rel}: ${r.error.code} ${r.error.message}`);
          continue;
        }
        if (!r.changed) continue;
        changed.push(rel);
        const again = fixSource(r.output, { transforms: [t], path: rel });
        if (again.error || again.changed) problems.push(`${rel}: not idempotent`);
        const before = stageMultisets(input);
        const after = stageMultisets(r.output);
        if (JSON.stringify(before) !== JSON.stringify(after)) problems.push(`${rel}: instructions changed, not only their order`);
        const notes = r.changes.map((c) => `# ${c.message}`).join('\n');
        writeFileSync(join(OUT, id, rel.replace(/\//g, '__') + '.diff'), notes + '\n' + createTwoFilesPatch(rel, rel, input, r.output));
      }
      writeFileSync(join(OUT, `${id}.summary.txt`), `${files.length} files, ${changed.length} changed, ${advice} advice, ${problems.length} problems\n${changed.join('\n')}\n${problems.join('\n')}\n`);
      expect(problems).toEqual([]);
    });
  }
});
