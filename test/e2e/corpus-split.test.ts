/**
 * Corpus evidence for split-manifest-copy (not part of `npm test`; run with
 * `npm test -- --testPathIgnorePatterns=/node_modules/ test/e2e/corpus-split`).
 *
 * Runs the transform alone over every Dockerfile of ../shared/corpus with a build context made
 * from its `context-files.txt` (names only: every file exists, none can be read), once as is
 * and once with `--unsafe`. Checks: no errors, idempotent. Counts files changed and files
 * where a broad copy is followed by a package-manager install in the same stage
 * (applicability), and writes every diff to $SPLIT_CORPUS_OUT (default /tmp/split-corpus).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPatch } from 'diff';
import { fixSource } from '../../src/core/runner.js';
import { memoryContext } from '../../src/context/memory.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { splitWords, unquote } from '../../src/model/state.js';
import split from '../../transforms/split-manifest-copy.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
const OUT = process.env.SPLIT_CORPUS_OUT ?? '/tmp/split-corpus';

/** Rough detector, for counting only: a deps install of a manifest-first ecosystem. */
const INSTALL_RE =
  /\b(npm\s+(ci|i|install|clean-install)\b|yarn(\s+install)?\s*($|&&|;|\\|--)|pnpm\s+(i|install|fetch)\b|bun\s+(i|install)\b|pip[0-9.]*\s+install\b|uv\s+(sync|pip\s+install)\b|poetry\s+install\b|pipenv\s+(install|sync)\b|go\s+mod\s+download\b|dependency:go-offline|bundle(\s+install)?\s*($|&&|;|\\|--)|composer\s+install\b|dotnet\s+restore\b)/m;
const BUILD_RE = /\b(go\s+(build|install)|mvn|mvnw|gradle|gradlew|cargo\s+(build|install)|dotnet\s+(publish|build))\b/;

test('split-manifest-copy over the corpus', () => {
  if (!existsSync(join(CORPUS, 'FEATURES.tsv'))) return;
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = readFileSync(join(CORPUS, 'FEATURES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);
  const stats = { files: 0, notDockerfile: 0, errors: 0, nonIdempotent: 0, broadCopy: 0, applicable: 0, buildOnly: 0, changed: 0, changedUnsafe: 0, advice: 0 };
  const reasons = new Map<string, number>();
  const errors: string[] = [];
  for (const rel of files) {
    const path = join(CORPUS, rel);
    if (!existsSync(path)) continue;
    stats.files++;
    const text = readFileSync(path, 'utf8');
    const listing = join(dirname(path), 'context-files.txt');
    const names = existsSync(listing) ? readFileSync(listing, 'utf8').split('\n').filter(Boolean) : [];
    const ctx = memoryContext(Object.fromEntries(names.map((n) => [n, null])));

    // Applicability: a broad copy followed, in the same stage, by an install (or a build).
    const model = parseDockerfile(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
    let applicable = false;
    let buildOnly = false;
    let broad = false;
    for (const st of model.stages) {
      const ins = st.instructions;
      for (let k = 0; k < ins.length; k++) {
        const i = ins[k];
        if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || i.flags.some((f) => f.name === 'from')) continue;
        const w = splitWords(i.body.trim()).map(unquote);
        if (w.length !== 2 || (w[0] !== '.' && w[0] !== './')) continue;
        broad = true;
        const later = ins.slice(k + 1).filter((j) => j.keyword === 'RUN');
        if (later.some((j) => INSTALL_RE.test(j.body))) applicable = true;
        else if (later.some((j) => BUILD_RE.test(j.body))) buildOnly = true;
      }
    }
    if (broad) stats.broadCopy++;
    if (applicable) stats.applicable++;
    else if (buildOnly) stats.buildOnly++;

    for (const unsafe of [false, true]) {
      const r = fixSource(text, { transforms: [split], unsafe, buildContext: ctx, path: rel });
      if (r.error?.code === 'E_NOT_DOCKERFILE') {
        // The engine refuses input that is not a Dockerfile (e.g. INCLUDE-based templates): not the transform's doing.
        if (!unsafe) stats.notDockerfile++;
        continue;
      }
      if (r.error) {
        stats.errors++;
        errors.push(`${rel}: ${r.error.code} ${r.error.message}`);
        continue;
      }
      const again = fixSource(r.output, { transforms: [split], unsafe, buildContext: ctx, path: rel });
      if (again.output !== r.output || again.error) {
        stats.nonIdempotent++;
        errors.push(`${rel}: not idempotent (unsafe=${unsafe})`);
      }
      if (!unsafe) {
        for (const a of r.advice) {
          stats.advice++;
          const key = a.message
            .replace(/`[^`]*`/g, '`…`')
            .replace(/line \d+/g, 'line N')
            .replace(/\d+/g, 'N')
            .slice(0, 140);
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        }
      }
      if (r.changed) {
        if (unsafe) stats.changedUnsafe++;
        else stats.changed++;
        const name = rel.replace(/\//g, '__');
        const msgs = r.changes.map((c) => `# ${c.message}`).join('\n');
        writeFileSync(join(OUT, `${unsafe ? 'unsafe' : 'safe'}__${name}.diff`), msgs + '\n' + createPatch(rel, text, r.output));
      }
    }
  }
  const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 25);
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify({ stats, errors, topAdvice: top }, null, 2));
  console.log(JSON.stringify(stats, null, 2));
  expect(errors).toEqual([]);
});
