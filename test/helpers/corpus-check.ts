/**
 * The corpus check's work: every corpus Dockerfile through the engine with the build
 * context its `context-files.txt` describes, recording every failed check.
 *
 * `test/corpus.test.ts` runs this in plain Node child processes (one per shard), not inside
 * jest: in jest's VM context every global lookup (`Math`, `String`...) goes through a slow
 * interceptor, and dockerfile-ast's hot loops run 10-40x slower there.
 *
 *     node --enable-source-maps --import ./test/helpers/ts-register.mjs test/helpers/corpus-check.ts [--shard i/n] [--text]
 *
 * prints a {@link CorpusReport} as JSON (or the summary with `--text`).
 *
 * Checks, with all default transforms together: no throw; no `FixResult.error` except bad
 * inputs (`E_NOT_DOCKERFILE`); every output re-parses with the same stages, FROM lines (byte for
 * byte, same order), parser directives (besides `syntax`) and escape character, no new unknown
 * instruction and no fewer instructions; a second run on the output is error-free and changes
 * nothing; the `changed` flag and the change list agree with the bytes (a file without changes
 * is byte-identical). Then every registered transform alone: no throw, errors and changed files
 * counted; for the order-only transforms (`reorder-for-cache`, `arg-near-use`) also the re-parse
 * and FROM checks, and every stage keeps exactly the same instructions, byte for byte, and the
 * file the same non-blank lines: only their order moves. No refusal is silent (`silentCopy`): every
 * broad copy of the default output that a dependency install still follows (`broad-installs.ts`),
 * unless the stage already installs that ecosystem above it, has exactly one split-manifest-copy
 * advice line. A transform that is off by default
 * (so never in the default run) gets every check alone, the second run included.
 */
import { fileURLToPath } from 'node:url';
import { fixSource, type FixResult } from '../../src/core/runner.js';
import { decodeSource } from '../../src/core/source.js';
import type { Transform } from '../../src/core/transform.js';
import { KEYWORDS, parseDockerfile, type DockerfileModel } from '../../src/model/dockerfile.js';
import { TRANSFORMS } from '../../transforms/index.js';
import { corpusDir, loadCorpus, type CorpusFile } from './corpus.js';
import { randomEditRounds, scanDifference } from './random-edits.js';
import { cacheMountCount, downloadNothingMounts } from './useless-mounts.js';
import { adviceFor, broadInstalls } from './broad-installs.js';

/** Transforms that may only move instructions (with their comments), never edit one. */
export const ORDER_ONLY = new Set(['reorder-for-cache', 'arg-near-use']);
/** Error codes that mean "bad input", not a dockerfix failure. */
export const BAD_INPUT = new Set(['E_NOT_DOCKERFILE']);

export const CATEGORIES = ['crash', 'error', 'reparse', 'idempotent', 'from', 'untouched', 'orderOnly', 'scan', 'uselessMount', 'silentCopy'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface RunCounts {
  changed: number;
  /** Files per error code. */
  errors: Record<string, number>;
}

export interface CorpusReport {
  dir: string;
  /** Files in this report (its shard). */
  files: number;
  /** Paths relative to `dir`, for the cross-check against FEATURES.tsv. */
  paths: string[];
  nonUtf8: string[];
  defaults: string[];
  all: RunCounts;
  perTransform: ({ id: string; defaultEnabled: boolean } & RunCounts)[];
  /** `path: code message` of files rejected as bad input by the default run. */
  badInputs: string[];
  failures: Record<Category, string[]>;
  /** Alone runs skipped because the transform proposed nothing on the file in the default run. */
  skippedAlone: number;
  /** Texts on which the model's scanner was compared with a whole dockerfile-ast parse. */
  scanned: { inputs: number; outputs: number; randomEdits: number };
  /** Cache mounts the default run added, and how many of them on steps that download nothing (must be 0; `useless-mounts.ts`). */
  mounts: { added: number; downloadNothing: number };
  /** Wall and CPU (user + system) milliseconds of the checks, without loading the files. */
  ms: number;
  cpuMs: number;
}

function model(text: string): DockerfileModel {
  return parseDockerfile(decodeSource(text).text);
}

/** The physical lines of every FROM instruction, in order. */
function fromLines(m: DockerfileModel): string[] {
  return m.stages.map((s) => m.text.slice(m.lines.starts[s.from.startLine], m.lines.lineEnd(s.from.endLine)));
}

function countBy(xs: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** null when `a` and `b` hold the same strings as often; else the first one lost and the first one added. */
function multisetDiff(a: string[], b: string[]): string | null {
  const ca = countBy(a);
  const cb = countBy(b);
  const lost = [...ca].find(([k, n]) => (cb.get(k) ?? 0) < n)?.[0];
  const added = [...cb].find(([k, n]) => (ca.get(k) ?? 0) < n)?.[0];
  if (lost === undefined && added === undefined) return null;
  const show = (s: string) => JSON.stringify(s.length > 80 ? s.slice(0, 77) + '...' : s);
  return [lost !== undefined ? `lost ${show(lost)}` : '', added !== undefined ? `new ${show(added)}` : ''].filter(Boolean).join('; ');
}

/** Why the output does not parse into the same Dockerfile skeleton as the input, or null. */
export function reparseProblem(before: DockerfileModel, after: DockerfileModel): string | null {
  if (after.stages.length !== before.stages.length) return `stage count ${before.stages.length} → ${after.stages.length}`;
  if (after.escape !== before.escape) return `escape character ${before.escape} → ${after.escape}`;
  const dirs = (m: DockerfileModel) => m.directives.filter((d) => d.name !== 'syntax').map((d) => `${d.name}=${d.value}`);
  if (dirs(after).join('\n') !== dirs(before).join('\n')) return `parser directives [${dirs(before).join(', ')}] → [${dirs(after).join(', ')}]`;
  const unknown = (m: DockerfileModel) => countBy(m.instructions.filter((i) => !KEYWORDS.has(i.keyword)).map((i) => i.keyword));
  const ub = unknown(before);
  for (const [k, n] of unknown(after)) if (n > (ub.get(k) ?? 0)) return `new unknown instruction ${k}`;
  if (after.instructions.length < before.instructions.length) return `instruction count ${before.instructions.length} → ${after.instructions.length}`;
  return null;
}

export function fromProblem(before: DockerfileModel, after: DockerfileModel): string | null {
  const fb = fromLines(before);
  const fa = fromLines(after);
  if (fb.length === fa.length && fb.every((l, i) => l === fa[i])) return null;
  const i = fb.findIndex((l, k) => l !== fa[k]);
  return `FROM #${i + 1} ${JSON.stringify(fb[i])} → ${JSON.stringify(fa[i])}`;
}

/** Order-only: each stage (and the globals) holds the same instruction texts, and the file the same non-blank lines. */
export function orderOnlyProblem(before: DockerfileModel, after: DockerfileModel): string | null {
  const groups = (m: DockerfileModel) => [m.globals, ...m.stages.map((s) => [s.from, ...s.instructions])].map((g) => g.map((i) => i.text));
  const gb = groups(before);
  const ga = groups(after);
  if (gb.length !== ga.length) return `stage count ${gb.length - 1} → ${ga.length - 1}`;
  for (let s = 0; s < gb.length; s++) {
    const d = multisetDiff(gb[s], ga[s]);
    if (d) return `instructions ${s === 0 ? 'before the first FROM' : `of stage ${s}`} changed, not just their order: ${d}`;
  }
  const lines = (m: DockerfileModel) => m.text.split('\n').filter((l) => l.trim() !== '');
  const d = multisetDiff(lines(before), lines(after));
  return d ? `the file's non-blank lines changed, not just their order: ${d}` : null;
}

/** Checks `files` with the registry's transforms; never throws for a file. */
export function checkCorpus(dir: string, files: CorpusFile[], transforms: readonly Transform[] = TRANSFORMS): CorpusReport {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // The default run goes through wrappers that note whether each transform's first call (pass 1,
  // on the file's own text) proposed anything. Transforms are pure functions of their context,
  // so one that proposed nothing there proposes nothing alone either: its alone run is known to
  // leave the file unchanged and is skipped (set DOCKERFIX_CORPUS_FULL=1 to run it anyway).
  const full = process.env.DOCKERFIX_CORPUS_FULL === '1';
  let firstCall = new Map<string, boolean>();
  const watch = (t: Transform): Transform => {
    const w = Object.create(t) as Transform;
    w.run = (ctx) => {
      const out = t.run(ctx);
      if (!firstCall.has(t.id)) firstCall.set(t.id, out.fixes.some((f) => f.edits.length > 0));
      return out;
    };
    return w;
  };
  const defaults = transforms.filter((t) => t.defaultEnabled);
  const watchedDefaults = defaults.map(watch);
  const failures = Object.fromEntries(CATEGORIES.map((c) => [c, [] as string[]])) as Record<Category, string[]>;
  const report: CorpusReport = {
    dir,
    files: files.length,
    paths: files.map((f) => f.rel),
    nonUtf8: [],
    defaults: defaults.map((t) => t.id),
    all: { changed: 0, errors: {} },
    perTransform: transforms.map((t) => ({ id: t.id, defaultEnabled: t.defaultEnabled, changed: 0, errors: {} })),
    badInputs: [],
    failures,
    skippedAlone: 0,
    scanned: { inputs: 0, outputs: 0, randomEdits: 0 },
    mounts: { added: 0, downloadNothing: 0 },
    ms: 0,
    cpuMs: 0,
  };

  for (const file of files) {
    const text = file.text;
    if (text === null) {
      report.nonUtf8.push(file.rel);
      continue;
    }
    let inputModel: DockerfileModel | undefined;
    const before = () => (inputModel ??= model(text));

    try {
      const decoded = decodeSource(text).text;
      const diff = scanDifference(decoded);
      report.scanned.inputs++;
      if (diff) failures.scan.push(`${file.rel}: ${diff}`);
      const edits = randomEditRounds(file.rel, decoded);
      report.scanned.randomEdits += edits.edits;
      for (const f of edits.failures) failures.scan.push(`${file.rel}: ${f}`);
    } catch (e) {
      failures.crash.push(`${file.rel} (random edits): threw ${(e as Error).message}`);
    }

    const run = (input: string, ts: readonly Transform[], at: string): FixResult | null => {
      try {
        return fixSource(input, { transforms: ts, buildContext: file.buildContext, path: file.rel });
      } catch (e) {
        failures.crash.push(`${at}: threw ${((e as Error).stack ?? String(e)).split('\n').slice(0, 4).join(' | ')}`);
        return null;
      }
    };

    /** `deep`: re-parse and compare the output; `rerun`: run again on the output (idempotence). */
    const check = (ts: readonly Transform[], label: string, counts: RunCounts, deep: boolean, rerun: boolean) => {
      const at = `${file.rel} [${label}]`;
      const first = run(text, ts, at);
      if (!first) return;
      if (first.error) {
        counts.errors[first.error.code] = (counts.errors[first.error.code] ?? 0) + 1;
        const line = `${first.error.code} ${first.error.message}`;
        if (!BAD_INPUT.has(first.error.code)) failures.error.push(`${at}: ${line}`);
        else if (label === 'default') report.badInputs.push(`${file.rel}: ${line}`);
        if (first.output !== text || first.changed) failures.untouched.push(`${at}: the output differs from the input despite the error`);
        return;
      }
      const identical = Buffer.from(first.output, 'utf8').equals(file.bytes);
      if (first.changed === identical) failures.untouched.push(`${at}: changed=${first.changed} but the output ${identical ? 'is' : 'is not'} byte-identical`);
      else if (first.changes.length === 0 && !identical) failures.untouched.push(`${at}: no change reported but the output differs`);
      else if (first.changes.length > 0 && identical) failures.untouched.push(`${at}: ${first.changes.length} change(s) reported but the output is byte-identical`);
      if (label === 'default') {
        // No refusal is silent: a broad copy an install still follows has exactly one advice line.
        for (const b of broadInstalls(model(first.output))) {
          const n = b.alreadySplit ? 1 : adviceFor(b, first.advice).length;
          if (n !== 1) failures.silentCopy.push(`${at}: \`${b.copy.text.split('\n')[0]}\` (line ${b.copy.startLine + 1}) stays above \`${b.command.slice(0, 60)}\` (line ${b.run.startLine + 1}) with ${n} advice lines`);
        }
      }
      if (identical) return;
      counts.changed++;
      if (!deep) return;

      const after = model(first.output);
      if (label === 'default') {
        const diff = scanDifference(decodeSource(first.output).text);
        report.scanned.outputs++;
        if (diff) failures.scan.push(`${at} (output): ${diff}`);
        report.mounts.added += Math.max(0, cacheMountCount(after) - cacheMountCount(before()));
        const useless = downloadNothingMounts(after) - downloadNothingMounts(before());
        if (useless > 0) {
          report.mounts.downloadNothing += useless;
          failures.uselessMount.push(`${at}: ${useless} cache mount(s) added on a step that downloads nothing`);
        }
      }
      const problem = reparseProblem(before(), after);
      if (problem) failures.reparse.push(`${at}: ${problem}`);
      const from = fromProblem(before(), after);
      if (from) failures.from.push(`${at}: ${from}`);
      if (ORDER_ONLY.has(label)) {
        const p = orderOnlyProblem(before(), after);
        if (p) failures.orderOnly.push(`${at}: ${p}`);
      }
      if (!rerun) return;
      const second = run(first.output, ts, `${at} (second run)`);
      if (!second) return;
      if (second.error) failures.reparse.push(`${at}: a run on the output fails: ${second.error.code} ${second.error.message}`);
      else if (second.changed || second.output !== first.output) {
        const c = second.changes[0];
        failures.idempotent.push(`${at}: a second run changes it again` + (c ? ` (${c.transform} line ${c.line}: ${c.message.slice(0, 120)})` : ''));
      }
    };

    firstCall = new Map();
    check(watchedDefaults, 'default', report.all, true, true);
    // Alone, a default transform is only counted (the default run checked its output), except
    // the order-only ones; a transform that is off by default gets every check here.
    const proposed = firstCall;
    transforms.forEach((t, k) => {
      if (!full && proposed.get(t.id) === false) {
        report.skippedAlone++;
        return;
      }
      check([t], t.id, report.perTransform[k], ORDER_ONLY.has(t.id) || !t.defaultEnabled, !t.defaultEnabled);
    });
  }
  report.ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  report.cpuMs = (cpu.user + cpu.system) / 1000;
  return report;
}

/** Adds shard reports together. */
export function mergeReports(parts: CorpusReport[]): CorpusReport {
  const add = (a: Record<string, number>, b: Record<string, number>) => {
    for (const [k, n] of Object.entries(b)) a[k] = (a[k] ?? 0) + n;
  };
  const [first, ...rest] = parts;
  const out: CorpusReport = structuredClone(first);
  for (const r of rest) {
    out.files += r.files;
    out.paths.push(...r.paths);
    out.nonUtf8.push(...r.nonUtf8);
    out.all.changed += r.all.changed;
    add(out.all.errors, r.all.errors);
    r.perTransform.forEach((t, k) => {
      out.perTransform[k].changed += t.changed;
      add(out.perTransform[k].errors, t.errors);
    });
    out.badInputs.push(...r.badInputs);
    for (const c of CATEGORIES) out.failures[c].push(...r.failures[c]);
    out.skippedAlone += r.skippedAlone;
    out.scanned.inputs += r.scanned.inputs;
    out.scanned.outputs += r.scanned.outputs;
    out.scanned.randomEdits += r.scanned.randomEdits;
    out.mounts.added += r.mounts.added;
    out.mounts.downloadNothing += r.mounts.downloadNothing;
    out.ms = Math.max(out.ms, r.ms);
    out.cpuMs += r.cpuMs;
  }
  out.paths.sort();
  for (const c of CATEGORIES) out.failures[c].sort();
  out.badInputs.sort();
  out.nonUtf8.sort();
  return out;
}

/** The counts in one compact block. */
export function formatReport(r: CorpusReport, wallMs?: number): string {
  const fmt = (m: Record<string, number>) => (Object.keys(m).length ? Object.entries(m).map(([k, n]) => `${k} ${n}`).join(', ') : 'none');
  const checked = r.files - r.nonUtf8.length;
  const errored = Object.values(r.all.errors).reduce((a, b) => a + b, 0);
  const failed = CATEGORIES.filter((c) => r.failures[c].length).map((c) => `${c} ${r.failures[c].length}`);
  return [
    `corpus check: ${r.dir}`,
    `  files ${r.files} (checked ${checked}, not UTF-8 ${r.nonUtf8.length})${wallMs === undefined ? '' : ` in ${(wallMs / 1000).toFixed(1)} s`}; checks ${(r.ms / 1000).toFixed(1)} s wall (slowest shard), ${(r.cpuMs / 1000).toFixed(1)} s CPU`,
    `  default [${r.defaults.join(', ')}]: changed ${r.all.changed}, unchanged ${checked - r.all.changed - errored}, errors ${errored} (${fmt(r.all.errors)})`,
    ...r.perTransform.map((t) => `  alone ${t.id}${t.defaultEnabled ? '' : ' (off by default)'}: changed ${t.changed}, errors ${fmt(t.errors)}`),
    `  (${r.skippedAlone} alone runs skipped: the transform proposed nothing on the file in the default run)`,
    `  scanner vs whole dockerfile-ast parse: ${r.scanned.inputs} inputs, ${r.scanned.outputs} outputs, ${r.scanned.randomEdits} randomly edited texts`,
    `  cache mounts added by the default run: ${r.mounts.added}; on steps that download nothing: ${r.mounts.downloadNothing}`,
    ...r.badInputs.map((b) => `  bad input: ${b}`),
    ...r.nonUtf8.map((f) => `  not UTF-8: ${f}`),
    `  failures: ${failed.length ? failed.join(', ') : 'none'}`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const shardArg = args[args.indexOf('--shard') + 1];
  const [index, count] = args.includes('--shard') && shardArg ? shardArg.split('/').map(Number) : [0, 1];
  const dir = corpusDir(fileURLToPath(new URL('../..', import.meta.url)));
  const files = loadCorpus(dir).filter((_, k) => k % count === index);
  const report = checkCorpus(dir, files);
  process.stdout.write(args.includes('--text') ? formatReport(report, report.ms) + '\n' : JSON.stringify(report));
}
