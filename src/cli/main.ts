/**
 * The CLI: `main(argv, io)` parses the command line, finds the files, runs the engine on
 * each, writes (unless a no-write mode is on), prints the report and returns the exit
 * code. It never calls `process.exit` and touches no global stream: everything goes
 * through `io`, so tests run it in-process.
 *
 * Where output goes:
 * - stdout carries the result: the report (`-f`, default `stylish`); with `--dry-run`
 *   the diff; with `-l` the paths; with `--stdin` the fixed text. `-o FILE` sends that
 *   to a file instead.
 * - When stdout carries the diff, the paths or the fixed text, the `stylish` notes (what
 *   changed and why, advice, errors) go to stderr, so the result stays pipeable.
 * - stderr also gets the summary line (`Results: ...`, not with `-q`) and, on a terminal
 *   outside CI with the `stylish` format, a progress line.
 *
 * Exit codes, decided here only: 0 nothing left to do (also after writing), 1 changes
 * pending with `--check` or `-l`, 2 usage or config error, or any file failed. `-q`
 * never changes it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fixSource, type FixResult } from '../core/runner.js';
import type { BuildContextInfo, Transform } from '../core/transform.js';
import { loadBuildContext } from '../context/index.js';
import { resolveBuildContext, type ComposeBuild } from '../context/resolve.js';
import { TRANSFORMS } from '../../transforms/index.js';
import { REPORTERS, allDiffs, isMachineFormat, summarize, summaryLine, type FileReport, type Mode, type ReportOptions } from '../report/index.js';
import { colorDiff, unifiedDiff } from '../report/diff.js';
import { stylish } from '../report/stylish.js';
import { styles } from '../report/style.js';
import { parseArgs, type CliOptions } from './args.js';
import { useColor } from './color.js';
import { ConfigError, findConfig, loadConfig, type Config } from './config.js';
import { Repositories, repoSummaryLines, type RepoTally } from './repos.js';
import { commitMessage } from '../report/commit-message.js';
import { discover, displayPath, ownIgnoreFor, type IgnoreSource, type Target } from './discover.js';
import { decodeText, readDockerfile, readStdin, writeAllAtomic, writeFs, type PlannedWrite, type ReadResult, type WriteFs } from './io.js';
import { applyCompanion } from '../core/fix.js';
import { selectTransforms } from './select.js';
import { packageVersion } from './version.js';
import { DockerfixError } from '../core/errors.js';
import { listTransforms } from './list.js';
import { detectEngine, type Engine } from '../verify/engine.js';
import { verifyRewrite } from '../verify/verify.js';
import { searchProven, type Candidate } from '../verify/search.js';
import type { VerifyResult } from '../verify/types.js';
import { estimateFileImpact } from '../core/impact.js';

/** A stream the CLI writes to. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  /** Read only with `--stdin`. */
  stdin?: AsyncIterable<Buffer | string>;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Test seam: replace file operations used when writing, to inject faults. */
  fs?: Partial<WriteFs>;
}

interface Settings {
  o: CliOptions;
  io: CliIO;
  mode: Mode;
  transforms: Transform[];
  options: Record<string, Record<string, unknown>>;
  unsafe: boolean;
  context?: string;
  fs: WriteFs;
  /**
   * Companion files as this run leaves them (absolute path → text), so that a second
   * Dockerfile of the same context adds nothing twice when nothing is written (`--dry-run`).
   */
  pending: Map<string, string>;
  /** With `--verify`: the engine and what every build gets. */
  verify?: { engine: Engine; buildArgs: Record<string, string>; target?: string; platform?: string; network?: string };
  /** One line per repository when the files span several (src/cli/repos.ts); else empty. */
  repoSummary?: string;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    io.stderr.write(`dockerfix: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}

function usageError(io: CliIO, reason: string): number {
  io.stderr.write(`dockerfix: ${reason}\n`);
  return 2;
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const version = packageVersion();
  const parsed = await parseArgs(argv, version);
  if ('exit' in parsed) {
    if (parsed.stdout) io.stdout.write(parsed.stdout);
    if (parsed.stderr) io.stderr.write(parsed.stderr);
    return parsed.exit;
  }
  const o = parsed.options;

  if (o.listTransforms) {
    const text = listTransforms(TRANSFORMS, o.format);
    if (text === null) return usageError(io, `--list-transforms cannot be printed as ${o.format}`);
    return (await emit(io, o, text)) ? 0 : 2;
  }

  // Config, then the transforms it and the flags select. Each repository has its own (src/cli/repos.ts).
  let repos: Repositories;
  try {
    repos = new Repositories(io.cwd, o.config, (cwd) => {
      if (o.config) return loadConfig(resolve(cwd, o.config), o.config);
      if (o.config === false) return undefined;
      const found = findConfig(cwd);
      return found ? loadConfig(found, displayPath(cwd, found)) : undefined;
    });
  } catch (e) {
    if (e instanceof ConfigError) return usageError(io, e.message);
    throw e;
  }
  const config = repos.homeConfig();
  const flagOptions = o.syntaxImage !== undefined ? { 'syntax-directive': { image: o.syntaxImage } } : undefined;
  const selection = selectTransforms({ transform: o.transform, exclude: o.exclude, config, flagOptions });
  if ('error' in selection) return usageError(io, selection.error);
  for (const w of selection.warnings) io.stderr.write(`dockerfix: warning: ${w}\n`);

  let context: string | undefined;
  if (o.context !== undefined) {
    context = resolve(io.cwd, o.context);
    if (!isDirectory(context)) return usageError(io, `--context ${o.context}: no such folder`);
  }

  const ignores: IgnoreSource[] = [];
  const configIgnores = new Map<Config, IgnoreSource[]>();
  const ignoresOf = (c: Config | undefined): IgnoreSource[] => {
    if (!c?.ignorePatterns?.length) return [];
    let list = configIgnores.get(c);
    if (!list) configIgnores.set(c, (list = [{ base: dirname(c.path), patterns: c.ignorePatterns, label: displayPath(io.cwd, c.path) }]));
    return list;
  };
  const flagIgnores: IgnoreSource[] = o.ignorePattern.length ? [{ base: io.cwd, patterns: o.ignorePattern, label: '--ignore-pattern' }] : [];
  ignores.push(...ignoresOf(config), ...flagIgnores);

  // A format that carries the diff is a dry run: `dockerfix -f patch > fix.patch && git apply fix.patch`.
  const carriesDiff = o.format === 'patch' || o.format === 'markdown';
  const mode: Mode = o.listDifferent ? 'list-different' : o.check ? 'check' : o.dryRun || carriesDiff ? 'dry-run' : 'write';
  const s: Settings = {
    o,
    io,
    mode: o.stdin ? (o.listDifferent || o.check ? mode : 'dry-run') : mode,
    transforms: selection.transforms,
    options: selection.options,
    unsafe: o.unsafe || !!config?.unsafe,
    context,
    fs: writeFs(io.fs),
    pending: new Map(),
  };
  const started = now(o);

  if (o.verify) {
    // Before any file: without an engine nothing can be proven, so nothing is processed.
    const engine = await detectEngine(io.env);
    if ('error' in engine) return usageError(io, engine.error);
    const buildArgs: Record<string, string> = { ...(config?.verify?.buildArgs ?? {}) };
    for (const a of o.buildArg) buildArgs[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    s.verify = {
      engine,
      buildArgs,
      target: o.target ?? config?.verify?.target,
      platform: o.platform ?? config?.verify?.platform,
      network: o.verifyNetwork ?? config?.verify?.network,
    };
  }

  if (o.stdin) return runStdin(s, ignores, started, version);

  // --ignore-pattern everywhere; a config's ignorePatterns only where that config applies.
  let found: Awaited<ReturnType<typeof discover>>;
  const profiles = new Map<Config | undefined, Settings>([[config, s]]);
  try {
    found = await discover(o.paths.length ? o.paths : ['.'], { cwd: io.cwd, extraIgnores: flagIgnores, scopedIgnores: (dir) => ignoresOf(repos.configFor(dir)) });
    if ('missing' in found) return usageError(io, `no such file or folder: ${found.missing}`);
    // Another repository's config selects its own transforms: check them all before processing anything.
    for (const t of found.targets) {
      const c = repos.configFor(dirname(t.abs));
      if (profiles.has(c)) continue;
      const sel = selectTransforms({ transform: o.transform, exclude: o.exclude, config: c, flagOptions });
      if ('error' in sel) return usageError(io, sel.error);
      profiles.set(c, { ...s, transforms: sel.transforms, options: sel.options, unsafe: o.unsafe || !!c?.unsafe });
    }
  } catch (e) {
    if (e instanceof ConfigError) return usageError(io, e.message);
    throw e;
  }
  const targets = found.targets;

  const progress = showProgress(s) && targets.length > 1;
  const results: FileReport[] = [];
  const tallies = new Map<string | null, RepoTally>();
  for (const [i, t] of targets.entries()) {
    if (progress) io.stderr.write(`\r\x1b[K[${i + 1}/${targets.length}] ${t.path}`);
    const c = repos.configFor(dirname(t.abs));
    const r = await processFile(t, profiles.get(c)!);
    results.push(r);
    const root = repos.rootOf(dirname(t.abs));
    let tally = tallies.get(root);
    if (!tally) tallies.set(root, (tally = { label: root ? displayPath(io.cwd, root) : '(no repository)', config: c ? displayPath(io.cwd, c.path) : null, changed: 0, unchanged: 0, skipped: 0, errors: 0 }));
    if (r.status === 'error') tally.errors++;
    else tally[r.status]++;
  }
  s.repoSummary = repoSummaryLines([...tallies.values()]);
  if (progress) io.stderr.write('\r\x1b[K');
  if (!targets.length && !o.quiet) io.stderr.write(`dockerfix: no Dockerfiles found in ${(o.paths.length ? o.paths : ['.']).join(', ')}\n`);

  return finish(s, results, now(o) - started, version, null);
}

/**
 * Milliseconds, for --stats; 0 without it. Node loads perf_hooks on the first use of
 * `performance`, which would cost a plain run about 1.5 ms of start-up.
 */
function now(o: CliOptions): number {
  return o.stats ? performance.now() : 0;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function showProgress(s: Settings): boolean {
  return !!s.io.stderr.isTTY && !s.io.env.CI && s.o.format === 'stylish' && !s.o.quiet;
}

function emptyReport(path: string): FileReport {
  return { path, status: 'unchanged', changes: [], advice: [], error: null, reason: null, diff: null, context: null };
}

function contextFor(abs: string, s: Settings): { info?: BuildContextInfo; dir?: string; compose?: ComposeBuild } {
  if (!s.context && !existsSync(dirname(abs))) return {};
  const ctx = resolveBuildContext(abs, { context: s.context });
  return { info: loadBuildContext(ctx.dir, abs), dir: ctx.dir, compose: ctx.compose?.build };
}

/** Runs the engine over one text and fills the report; the caller reads and writes. */
function applyEngine(r: FileReport, text: string, s: Settings, ctx: { info?: BuildContextInfo; dir?: string }, explicit: boolean): FixResult {
  if (ctx.dir) r.context = displayPath(s.io.cwd, ctx.dir);
  const result = fixSource(text, { transforms: s.transforms, unsafe: s.unsafe, options: s.options, buildContext: ctx.info, path: r.path });
  r.advice = result.advice.map((a) => ({ transform: a.transform, line: a.line, endLine: a.endLine, message: a.message }));
  if (result.warnings.length) r.warnings = result.warnings.map((w) => ({ line: w.line, message: w.message }));
  if (result.error) {
    // A file found by its name that turns out not to be a Dockerfile (Dockerfile.md, a template) is skipped;
    // one named on the command line is an error.
    if (result.error.code === 'E_NOT_DOCKERFILE' && !explicit) {
      r.status = 'skipped';
      r.reason = result.error.message;
    } else {
      r.status = 'error';
      r.error = { code: result.error.code, message: result.error.message };
    }
    return result;
  }
  // The engine may leave a file alone on purpose (e.g. written for a custom frontend).
  const skipped = (result as FixResult & { skipped?: string }).skipped;
  if (skipped) {
    r.status = 'skipped';
    r.reason = skipped;
    return result;
  }
  r.changes = result.changes.map((c) => ({ transform: c.transform, line: c.line, endLine: c.endLine, newLine: c.newLine, newEndLine: c.newEndLine, message: c.message }));
  if (result.changed) {
    r.status = 'changed';
    r.diff = unifiedDiff(r.path, result.input, result.output);
    const impact = estimateFileImpact(result, ctx.info);
    if (impact) r.impact = impact;
  }
  return result;
}

async function processFile(t: Target, s: Settings): Promise<FileReport> {
  const r = emptyReport(t.path);
  const t0 = now(s.o);
  try {
    if (t.ignoredBy) {
      r.status = 'skipped';
      r.reason = `ignored by ${t.ignoredBy}`;
      return r;
    }
    const read = await readDockerfile(t.abs);
    if (read instanceof DockerfixError) {
      r.status = 'error';
      r.error = { code: read.code, message: read.message };
      return r;
    }
    const ctx = contextFor(t.abs, s);
    const result = applyEngine(r, read.text, s, ctx, t.explicit);
    const writes: PlannedWrite[] = [];
    if (r.status === 'changed' && result.companions.length) {
      const planned = await planCompanions(result, ctx.dir, s);
      if (planned instanceof DockerfixError) {
        // The Dockerfile's change needs the companion file: neither is written.
        r.status = 'error';
        r.error = { code: planned.code, message: planned.message };
        r.changes = [];
        r.diff = null;
        return r;
      }
      r.companions = planned.map((p) => p.report);
      writes.push(...planned.map((p) => p.write));
    }
    let output = result.output;
    if (r.status === 'changed' && s.verify) {
      const kept = await verifyFile(t, r, read.text, ctx, s, writes);
      if (kept) {
        output = kept.output;
        writes.splice(0, writes.length, ...kept.writes);
      }
    }
    if (r.status === 'changed' && s.mode === 'write') {
      const err = await writeAllAtomic([...writes, { path: t.abs, text: output, expected: read.bytes }], s.fs);
      if (err) {
        // Nothing was applied: report the failure, not the changes.
        r.status = 'error';
        r.error = { code: err.code, message: err.message };
        r.changes = [];
        r.diff = null;
        r.companions = [];
      }
    }
    return r;
  } finally {
    if (s.o.stats) r.durationMs = Math.round((now(s.o) - t0) * 1000) / 1000;
  }
}

/**
 * `--verify` for one changed file: builds and compares (src/verify/verify.ts); with
 * `--unsafe`, a rewrite that differs is retried with fewer transforms (src/verify/search.ts).
 * Fills `r.verify` and, unless the kept rewrite is proven, turns the file into an error
 * (`differs`, `could not verify`: exit 2) or a skip (`original does not build`: nothing is
 * claimed). Returns the kept rewrite when it is not the one already in `r`.
 */
async function verifyFile(
  t: Target,
  r: FileReport,
  text: string,
  ctx: { info?: BuildContextInfo; dir?: string; compose?: ComposeBuild },
  s: Settings,
  writes: PlannedWrite[],
): Promise<{ output: string; writes: PlannedWrite[] } | null> {
  // The Compose service's build settings where the context came from it; flags and config win.
  const c = ctx.compose;
  const v = { ...s.verify!, buildArgs: { ...(c?.args ?? {}), ...s.verify!.buildArgs }, target: s.verify!.target ?? c?.target, platform: s.verify!.platform ?? c?.platform };
  const dir = ctx.dir ?? dirname(t.abs);
  const progress = !!s.io.stderr.isTTY && !s.io.env.CI && !s.o.quiet;
  const onOutput = progress
    ? (phase: string, chunk: string) => {
        const last = chunk.trim().split('\n').at(-1)?.slice(0, 60) ?? '';
        s.io.stderr.write(`\r\x1b[K[verify] ${t.path}: ${phase}: ${last}`);
      }
    : undefined;
  type Run = { result: FixResult; report: FileReport; writes: PlannedWrite[] };
  const runs = new Map<string, Run>();
  const fullIds = s.transforms.map((x) => x.id);
  const check = async (c: Candidate): Promise<VerifyResult | null> => {
    let run: Run;
    if (c.unsafe === s.unsafe && c.transforms.join(',') === fullIds.join(',')) run = { result: { output: '' } as FixResult, report: r, writes };
    else {
      const rep = emptyReport(r.path);
      const sub = { ...s, unsafe: c.unsafe, transforms: s.transforms.filter((x) => c.transforms.includes(x.id)) };
      const result = applyEngine(rep, text, sub, ctx, t.explicit);
      if (rep.status !== 'changed') return null;
      const planned = result.companions.length ? await planCompanions(result, ctx.dir, { ...sub, mode: 'write' }) : [];
      if (planned instanceof DockerfixError) return null;
      rep.companions = planned.map((p) => p.report);
      run = { result, report: rep, writes: planned.map((p) => p.write) };
    }
    const rewritten = run.report === r ? (runs.get('full')?.result.output ?? '') : run.result.output;
    runs.set(`${c.unsafe}:${c.transforms.join(',')}`, run);
    return verifyRewrite(v.engine, {
      dockerfile: t.abs,
      context: dir,
      original: text,
      rewritten,
      companions: run.writes.map((w) => ({ path: relativePosix(dir, w.path), text: w.text })),
      ignored: (rel) => ctx.info?.ignored(rel) ?? false,
      buildArgs: v.buildArgs,
      target: v.target,
      platform: v.platform,
      network: v.network,
      onOutput,
    });
  };
  runs.set('full', { result: { output: fullOutput(r, text, s, ctx, t) } as FixResult, report: r, writes });
  const { kept, attempts } = await searchProven({ transforms: fullIds, unsafe: s.unsafe }, check);
  if (progress) s.io.stderr.write('\r\x1b[K');
  const last = kept?.result ?? attempts[0]?.result;
  if (!last) return null;
  const verify: VerifyResult = { ...last };
  if (s.unsafe && attempts.length > 1) {
    verify.transforms = kept ? kept.candidate.transforms : fullIds;
    verify.attempts = attempts.map((a) => ({ transforms: a.candidate.transforms, unsafe: a.candidate.unsafe, verdict: a.result.verdict, reason: a.result.reason }));
  }
  if (kept) {
    const run = runs.get(`${kept.candidate.unsafe}:${kept.candidate.transforms.join(',')}`);
    if (run && run.report !== r) {
      Object.assign(r, { changes: run.report.changes, advice: run.report.advice, diff: run.report.diff, companions: run.report.companions });
      r.verify = verify;
      return { output: run.result.output, writes: run.writes };
    }
    r.verify = verify;
    return null;
  }
  r.verify = verify;
  if (last.verdict === 'original does not build') {
    r.status = 'skipped';
    r.reason = last.reason;
  } else {
    r.status = 'error';
    r.error = { code: last.verdict === 'differs' ? 'E_DIFFERS' : 'E_UNVERIFIED', message: last.reason };
  }
  return null;
}

/** The full rewrite's text (the engine is pure and deterministic: running it again gives the same output). */
function fullOutput(r: FileReport, text: string, s: Settings, ctx: { info?: BuildContextInfo; dir?: string }, t: Target): string {
  return fixSource(text, { transforms: s.transforms, unsafe: s.unsafe, options: s.options, buildContext: ctx.info, path: r.path }).output;
}

function relativePosix(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

/**
 * Reads each companion file the changes need and computes its new text. A file this run
 * already planned (another Dockerfile of the context, with `--dry-run`) starts from that
 * text; one that ends up unchanged is dropped.
 */
async function planCompanions(result: FixResult, dir: string | undefined, s: Settings): Promise<{ report: NonNullable<FileReport['companions']>[number]; write: PlannedWrite }[] | DockerfixError> {
  if (!dir) return new DockerfixError('E_READ', 'the change needs an edit of the build context\'s .dockerignore, but the build context is unknown');
  const out: { report: NonNullable<FileReport['companions']>[number]; write: PlannedWrite }[] = [];
  for (const c of result.companions) {
    const abs = join(dir, ...c.path.split('/'));
    let bytes: Buffer | null = null;
    try {
      bytes = await readFile(abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return new DockerfixError('E_READ', `cannot read ${c.path}, which the change edits: ${(e as Error).message}`);
    }
    let before: string | null = null;
    if (bytes) {
      const text = decodeText(bytes);
      if (text instanceof DockerfixError) return new DockerfixError(text.code, `${c.path}, which the change edits: ${text.message}`);
      before = text;
    }
    // Written files are read again by the next Dockerfile; only no-write modes need the memory.
    const start = s.mode === 'write' ? before : (s.pending.get(abs) ?? before);
    const after = applyCompanion(start, c.append);
    if (after === start) continue;
    s.pending.set(abs, after);
    const shown = displayPath(s.io.cwd, abs);
    const added = after.slice((start ?? '').length).split(/\r?\n/).filter((l) => l !== '');
    out.push({
      report: { path: shown, created: start === null, append: added, diff: unifiedDiff(shown, start, after) },
      write: { path: abs, text: after, expected: bytes },
    });
  }
  return out;
}

async function runStdin(s: Settings, ignores: IgnoreSource[], started: number, version: string): Promise<number> {
  const { o, io } = s;
  const abs = o.stdinFilepath !== undefined ? resolve(io.cwd, o.stdinFilepath) : undefined;
  const r = emptyReport(abs ? displayPath(io.cwd, abs) : '<stdin>');
  let read: ReadResult | DockerfixError = new DockerfixError('E_READ', 'no standard input');
  if (io.stdin) read = await readStdin(io.stdin);
  let output: string | null = null;
  if (read instanceof DockerfixError) {
    r.status = 'error';
    r.error = { code: read.code, message: read.message };
  } else {
    output = read.text;
    const ignoredBy = abs ? await ownIgnoreFor(abs, io.cwd, ignores) : null;
    if (ignoredBy) {
      r.status = 'skipped';
      r.reason = `ignored by ${ignoredBy}`;
    } else {
      // Standard output carries the Dockerfile alone: no change may need another file.
      const ctx = abs ? contextFor(abs, s) : {};
      if (ctx.info) ctx.info = { ...ctx.info, ignoreFacts: undefined };
      const result = applyEngine(r, read.text, s, ctx, true);
      if (!result.error) output = result.output;
    }
  }
  return finish(s, [r], now(o) - started, version, r.status === 'error' ? null : output);
}

/** Writes the result to `-o FILE` or stdout. Returns false when the file cannot be written. */
async function emit(io: CliIO, o: CliOptions, text: string): Promise<boolean> {
  if (o.output === undefined) {
    if (text) io.stdout.write(text);
    return true;
  }
  try {
    await writeFile(resolve(io.cwd, o.output), text);
    return true;
  } catch (e) {
    io.stderr.write(`dockerfix: cannot write ${o.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return false;
  }
}

/** Writes `--pr-body` or `--commit-message`. Returns false (after a line on stderr) when it cannot. */
async function writeSide(io: CliIO, file: string, text: string): Promise<boolean> {
  try {
    await writeFile(resolve(io.cwd, file), text);
    return true;
  } catch (e) {
    io.stderr.write(`dockerfix: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return false;
  }
}

/**
 * Prints everything and picks the exit code. `stdinText` is the text to print for
 * `--stdin` in its default mode (null otherwise, or on error).
 */
async function finish(s: Settings, results: FileReport[], ms: number, version: string, stdinText: string | null): Promise<number> {
  const { o, io } = s;
  const target = o.output === undefined ? io.stdout : null;
  const color = useColor(o.color, target, io.env);
  const errColor = useColor(o.color, io.stderr, io.env);
  const reportOptions: ReportOptions = {
    version,
    mode: s.mode,
    transforms: s.transforms.map((t) => t.id),
    unsafe: s.unsafe,
    color,
    quiet: o.quiet,
    ...(o.stats ? { durationMs: Math.round(ms * 1000) / 1000 } : {}),
    reproduce: {
      paths: o.stdin ? [] : o.paths.length ? o.paths : ['.'],
      flags: [...(o.syntaxImage ? ['--syntax-image', o.syntaxImage] : []), ...(o.context ? ['--context', o.context] : [])],
    },
  };

  // What stdout (or -o) carries, and whether the stylish notes go to stderr instead.
  let primary: string;
  let notesToStderr = false;
  if (o.listDifferent) {
    primary = results.filter((r) => r.status === 'changed').map((r) => r.path + '\n').join('');
    notesToStderr = true;
  } else if (o.format !== 'stylish') {
    primary = REPORTERS[o.format](results, { ...reportOptions, color: false });
  } else if (o.stdin && !o.check && !o.dryRun) {
    primary = stdinText ?? '';
    notesToStderr = true;
  } else if (o.dryRun) {
    const diffs = results.filter((r) => r.status === 'changed' && r.diff).map(allDiffs).join('');
    primary = color ? colorDiff(diffs, styles(true)) : diffs;
    notesToStderr = true;
  } else {
    primary = REPORTERS.stylish(results, reportOptions);
  }

  const ok = await emit(io, o, primary);
  if (notesToStderr) {
    // -l prints paths only: its stderr gets the errors and nothing else.
    const notes = stylish(results, { ...reportOptions, color: errColor, quiet: o.quiet || o.listDifferent });
    if (notes) io.stderr.write(notes);
  }

  const sum = summarize(results);
  // Beside the normal output, for batch engines and PR bots: the PR body and a one-line commit message.
  let filesOk = true;
  if (o.prBody !== undefined) filesOk = (await writeSide(io, o.prBody, REPORTERS.markdown(results, { ...reportOptions, color: false }))) && filesOk;
  if (o.commitMessage !== undefined) filesOk = (await writeSide(io, o.commitMessage, commitMessage(results) + '\n')) && filesOk;
  if (!o.quiet) {
    if ((o.check || o.listDifferent) && sum.changed && !isMachineFormat(o.format)) {
      io.stderr.write(`${sum.changed} file${sum.changed === 1 ? '' : 's'} would change; run dockerfix without --check/-l to apply.\n`);
    }
    if (s.repoSummary) io.stderr.write(s.repoSummary);
    io.stderr.write(summaryLine(sum) + '\n');
  }
  if (!ok || !filesOk || sum.errors) return 2;
  if ((o.check || o.listDifferent) && sum.changed) return 1;
  return 0;
}
