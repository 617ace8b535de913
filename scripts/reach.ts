/**
 * Reach figures for the issue notes: over the corpus (`../shared/corpus`, names-only build
 * contexts) and over `e2e/apps/*` (real build contexts), with the default transforms:
 * - files changed, in total and per transform (a file counts for each transform with a change);
 * - broad copies a dependency install follows (`test/helpers/broad-installs.ts`): how many the
 *   default run still leaves above an install, how many of those stages already install the
 *   ecosystem above the copy (manifest-first already), and the reasons the rest stay, from
 *   split-manifest-copy's advice grouped into classes (`reasonClass`); a copy with no advice
 *   line is counted as `SILENT`;
 * - the moves the re-run guard refused (advice starting "Not done:"), by transform.
 *
 *     node --import ./test/helpers/ts-register.mjs scripts/reach.ts [--examples N]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadBuildContext } from '../src/context/index.js';
import { fixSource, type FixResult } from '../src/core/runner.js';
import { decodeSource } from '../src/core/source.js';
import type { BuildContextInfo } from '../src/core/transform.js';
import { parseDockerfile } from '../src/model/dockerfile.js';
import { TRANSFORMS } from '../transforms/index.js';
import { adviceFor, broadInstalls } from '../test/helpers/broad-installs.js';
import { corpusDir, loadCorpus } from '../test/helpers/corpus.js';

interface Input {
  rel: string;
  text: string;
  buildContext?: BuildContextInfo;
}

/**
 * Reason classes of split-manifest-copy's advice. The advice names its blocking facts in
 * order; the class is that of the first one (`firstFact`), by the first rule that matches.
 */
const CLASSES: [RegExp, string][] = [
  [/Windows image/, 'Windows stage: RUNs not analysed'],
  [/already copies the same tree/, 'an earlier broad copy already copies the tree'],
  [/names its packages and reads no manifest/, 'install of named packages: no manifest to copy'],
  [/A `go mod download` step was not added/, 'Go build needs the source; no download step added'],
  [/needs the source, so it must stay|Cargo has no manifests-only step/, 'build needs the source; no deps-only step in its ecosystem'],
  [/is not in the build context/, 'manifests missing from the build context'],
  [/^could not read /, 'manifest contents not readable (scripts, workspaces, includes unknown)'],
  [/may not exist before the COPY/, 'destination folder would be made by the copy (mode)'],
  [/\.dockerignore/, 'install output not excluded by .dockerignore'],
  [/may rewrite .*lock/i, 'the install may rewrite its lock file'],
  [/is not inside the copied folder|outside what .* copies|outside the copied folder/, 'the install reads or runs outside the copied folder'],
  [/autoloader|classmap/i, 'Composer autoloader needs the source'],
  [/cannot be analysed|has dynamic arguments/, 'a command before the install cannot be analysed'],
  [/runs a package, possibly from the project/, 'npx runs a package, possibly from the project'],
  [/uses the project|installs the project|reads the source|reads the repository|-e |editable|local path/, 'the install (or a command in its RUN) uses the project'],
  [/may read the copied files/, 'a RUN between may read the copied files'],
  [/writes into|touches .* in or around|the (COPY|ADD) at line/, 'a step between writes into the copied folder'],
  [/bind-mounts/, 'the RUN bind-mounts files'],
  [/with package names changes package\.json|another Gemfile/, 'the install changes or picks its manifests'],
  [/^Not done:.*re-run/, 're-run guard: another edit would re-run more'],
];

/** The first blocking fact of an advice line. */
function firstFact(message: string): string {
  const m = /(?:cannot be shown safe|needs more than its manifests): (.*)$/.exec(message) ?? /, but (.*)$/.exec(message);
  return m ? m[1].split('; ')[0] : message;
}

export function reasonClass(message: string): string {
  const fact = firstFact(message);
  for (const [re, name] of CLASSES) if (re.test(fact)) return name;
  return 'other: ' + fact.replace(/`[^`]*`/g, '`…`').replace(/\d+/g, 'N').slice(0, 70);
}

function inc(m: Map<string, number>, k: string, n = 1) {
  m.set(k, (m.get(k) ?? 0) + n);
}

function report(label: string, inputs: Input[], examples: number): string {
  const defaults = TRANSFORMS.filter((t) => t.defaultEnabled);
  const changedBy = new Map<string, number>();
  const reasons = new Map<string, number>();
  const sample = new Map<string, string[]>();
  const refused = new Map<string, number>();
  let changed = 0;
  let errors = 0;
  let broad = 0;
  let stay = 0;
  let already = 0;
  let split = 0;
  for (const f of inputs) {
    let r: FixResult;
    try {
      r = fixSource(f.text, { transforms: defaults, buildContext: f.buildContext, path: f.rel });
    } catch {
      errors++;
      continue;
    }
    if (r.error) {
      errors++;
      continue;
    }
    if (r.changed) changed++;
    for (const id of new Set(r.changes.map((c) => c.transform))) inc(changedBy, id);
    for (const a of r.advice) if (a.message.startsWith('Not done:')) inc(refused, a.transform);
    if (r.changes.some((c) => c.transform === 'split-manifest-copy')) split++;
    const before = broadInstalls(parseDockerfile(decodeSource(f.text).text)).filter((b) => !b.alreadySplit).length;
    const left = broadInstalls(parseDockerfile(decodeSource(r.output).text));
    broad += before;
    for (const b of left) {
      if (b.alreadySplit) {
        already++;
        continue;
      }
      stay++;
      const a = adviceFor(b, r.advice);
      const cls = a.length ? reasonClass(a[0].message) : 'SILENT (no advice)';
      inc(reasons, cls);
      const s = sample.get(cls) ?? [];
      if (s.length < examples) s.push(`${f.rel}:${b.copy.startLine + 1}`);
      sample.set(cls, s);
    }
  }
  const lines = [`== ${label}: ${inputs.length} Dockerfiles, changed ${changed}, errors ${errors}`];
  lines.push('files changed per transform:');
  for (const t of TRANSFORMS) lines.push(`  ${t.id.padEnd(20)} ${changedBy.get(t.id) ?? 0}`);
  lines.push(`broad copies followed by a dependency install (input): ${broad}; files split by split-manifest-copy: ${split}`);
  lines.push(`in the output, still followed by an install: ${stay} (plus ${already} in stages that already install that ecosystem above the copy)`);
  lines.push('reasons they stay (split-manifest-copy advice, by class):');
  for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  ${String(n).padStart(4)}  ${k}${examples ? `  e.g. ${sample.get(k)!.join(', ')}` : ''}`);
  }
  lines.push(`moves refused by the re-run guard ("Not done:" advice): ${[...refused].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  return lines.join('\n');
}

function main() {
  const root = resolve(new URL('..', import.meta.url).pathname);
  const k = process.argv.indexOf('--examples');
  const examples = k === -1 ? 0 : Number(process.argv[k + 1] ?? 2);
  const corpus = loadCorpus(corpusDir(root))
    .filter((f) => f.text !== null)
    .map((f) => ({ rel: f.rel, text: f.text!, buildContext: f.buildContext }));
  const appsDir = join(root, 'e2e', 'apps');
  const apps: Input[] = existsSync(appsDir)
    ? readdirSync(appsDir)
        .sort()
        .filter((a) => existsSync(join(appsDir, a, 'Dockerfile')))
        .map((a) => ({ rel: `e2e/apps/${a}/Dockerfile`, text: readFileSync(join(appsDir, a, 'Dockerfile'), 'utf8'), buildContext: loadBuildContext(join(appsDir, a), join(appsDir, a, 'Dockerfile')) }))
    : [];
  console.log(report('corpus', corpus, examples));
  console.log('');
  console.log(report('e2e/apps', apps, examples));
}

if (process.argv[1]?.endsWith("reach.ts")) main();
