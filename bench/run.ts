/**
 * `npm run bench`: dockerfix's own speed, on the built JavaScript in `dist/` (what users run).
 *
 * 1. Over every Dockerfile in `../shared/corpus/` (or `$DOCKERFIX_CORPUS`), each phase in its
 *    own child process (`phase.ts`), warmed up, several runs, the median run reported:
 *    (a) dockerfile-ast parsing alone, (m) the engine's model, (b) the full default pipeline
 *    with diff output. Files/s, median and p99 ms per file, total and CPU time, peak RSS and
 *    heap; the ratio b/a of total time (target ≤ 3).
 * 2. A single-file `node bin/dockerfix.js --dry-run <Dockerfile>`: wall time including Node
 *    start-up, median of many runs (hyperfine when installed, else timed spawns), next to
 *    bare `node -e 0` and `one-file.ts` (the same work without the CLI). Target < 150 ms.
 * 3. When a target is missed (or with `--profile`): a CPU profile of the phase that missed it,
 *    summarised by area, to show where the time goes and whether the parser is the bottleneck.
 *
 * Prints a Markdown report and writes it to `bench/results.md` (`--no-write` to skip).
 * Options: `--runs N` (5) `--warmup N` (2) `--cli-runs N` (20) `--file <corpus path>`
 * `--cli <bin>` `--profile` `--quick` (3 runs, 1 warm-up, 10 CLI runs).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir } from '../test/helpers/corpus.js';
import type { Phase, PhaseResult } from './phase.js';
import { formatSummary, summarise, type CpuProfile } from './profile-summary.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const DEFAULT_FILE = 'dockersamples__example-voting-app/result/Dockerfile';
const TARGET_RATIO = 3;
const TARGET_SINGLE_MS = 150;

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i === -1 || i + 1 >= args.length ? dflt : args[i + 1];
};
const quick = flag('--quick');
const RUNS = Number(opt('--runs', quick ? '3' : '5'));
const WARMUP = Number(opt('--warmup', quick ? '1' : '2'));
const CLI_RUNS = Number(opt('--cli-runs', quick ? '10' : '20'));
const CLI = resolve(ROOT, opt('--cli', 'bin/dockerfix.js'));
const DIR = corpusDir(ROOT);
const FILE = join(DIR, opt('--file', DEFAULT_FILE));

const log = (s: string) => process.stderr.write(s + '\n');
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  return {
    cpu,
    cores: availableParallelism(),
    memGB: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${type()} ${release()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: loadavg(),
  };
}

function node(argv: string[], extra: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, argv, { cwd: extra.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: extra.env ?? { ...process.env, DOCKERFIX_CORPUS: DIR } });
}

/**
 * Node 20 reads every certificate of `NODE_EXTRA_CA_CERTS` when it starts, whether or not
 * the program uses TLS: on the lab machine (which points it at the system bundle for its TLS
 * proxy) that is most of `node -e 0`. Single-file runs are timed with the environment as it
 * is, and again without that variable, as on a machine that does not set it.
 */
const EXTRA_CA = process.env.NODE_EXTRA_CA_CERTS;
const withoutExtraCa = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKERFIX_CORPUS: DIR };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
};

function runPhase(phase: Phase, nodeFlags: string[] = [], runs = RUNS, warmup = WARMUP): PhaseResult {
  log(`  phase ${phase}: ${warmup} warm-up + ${runs} runs...`);
  const r = node([...nodeFlags, '--expose-gc', join(HERE, 'phase.js'), phase, '--runs', String(runs), '--warmup', String(warmup)]);
  if (r.status !== 0) throw new Error(`phase ${phase} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as PhaseResult;
}

interface Timing {
  label: string;
  command: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  /** Mean user + system CPU per run, when known. */
  cpuMs?: number;
  tool: string;
  note?: string;
}

/** User + system CPU of waited-for children so far, in ms (Linux `/proc/self/stat`), or null. */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 16 and 17 (cutime, cstime) in clock ticks; USER_HZ is 100 on Linux.
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

function hasHyperfine(): boolean {
  return spawnSync('hyperfine', ['--version'], { encoding: 'utf8' }).status === 0;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const shellQuote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** Wall time of `node <argv>` from spawn to exit, Node start-up included. */
function timeCommand(label: string, argv: string[], runs: number, env?: NodeJS.ProcessEnv): Timing {
  const shown = ['node', ...argv.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) || '.' : a))].map(shellQuote).join(' ');
  const first = node(argv, { env });
  const note = first.status === 0 ? undefined : `exit code ${first.status}: ${(first.stderr || '').trim().split('\n')[0]}`;
  if (hasHyperfine()) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const out = join(RESULTS_DIR, 'hyperfine.json');
    const cmd = [process.execPath, ...argv].map(shellQuote).join(' ');
    const h = spawnSync('hyperfine', ['-N', '--warmup', '3', '--runs', String(runs), '-i', '--export-json', out, cmd], { cwd: ROOT, encoding: 'utf8', env: env ?? process.env });
    if (h.status === 0) {
      const res = (JSON.parse(readFileSync(out, 'utf8')) as { results: { times: number[]; user: number; system: number }[] }).results[0];
      const times = res.times.map((t) => t * 1000);
      rmSync(out, { force: true });
      const cpuMs = (res.user + res.system) * 1000;
      return { label, command: shown, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs: times.length, cpuMs, tool: 'hyperfine -N', note };
    }
    log(`  hyperfine failed (${h.status}), timing spawns instead: ${h.stderr.trim().split('\n')[0]}`);
  }
  for (let w = 0; w < 3; w++) node(argv, { env });
  const times: number[] = [];
  const cpu0 = childrenCpuMs();
  for (let k = 0; k < runs; k++) {
    const t0 = process.hrtime.bigint();
    node(argv, { env });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const cpu1 = childrenCpuMs();
  const cpuMs = cpu0 === null || cpu1 === null ? undefined : (cpu1 - cpu0) / runs;
  return { label, command: shown, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs, cpuMs, tool: 'spawnSync + hrtime', note };
}

/** CPU profile of a child run; returns the Markdown summary. */
function profile(label: string, argv: string[]): string {
  const dir = join(RESULTS_DIR, `prof-${label}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = node(['--cpu-prof', '--cpu-prof-dir', dir, ...argv]);
  if (r.status !== 0 && r.status !== 1) return `(profiling ${label} failed: exit ${r.status}: ${r.stderr.trim().split('\n')[0]})`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) return `(profiling ${label}: no profile written)`;
  const prof = JSON.parse(readFileSync(join(dir, files[0]), 'utf8')) as CpuProfile;
  return formatSummary(summarise(prof, 12)) + `\n\nProfile: \`${relative(ROOT, join(dir, files[0]))}\` (not committed; open it in Chrome DevTools).`;
}

function main(): number {
  if (!existsSync(DIR)) {
    log(`bench: no corpus at ${DIR} (check out ../shared/corpus or set DOCKERFIX_CORPUS)`);
    return 2;
  }
  const m = machine();
  log(`bench: corpus ${DIR}, ${RUNS} runs after ${WARMUP} warm-up(s) per phase, load average ${m.load.map((x) => x.toFixed(2)).join(' ')}`);

  const phases: Partial<Record<Phase, PhaseResult>> = {};
  for (const p of ['parse', 'model', 'pipeline'] as Phase[]) phases[p] = runPhase(p);
  const a = phases.parse!;
  const b = phases.pipeline!;
  const ratio = b.median.totalMs / a.median.totalMs;
  const cpuRatio = b.median.cpuMs / a.median.cpuMs;

  log('  single-file runs...');
  const single: Timing[] = [];
  single.push(timeCommand('Node start-up alone', ['-e', '0'], CLI_RUNS));
  single.push(timeCommand('engine without the CLI (`dist/bench/one-file.js`)', [join(HERE, 'one-file.js'), FILE], CLI_RUNS));
  const cliBuilt = existsSync(CLI) && existsSync(join(dirname(CLI), '..', 'dist', 'src', 'cli', 'main.js'));
  let cliTiming: Timing | undefined;
  let cliMissing = '';
  let cleanCli: Timing | undefined;
  let cleanNode: Timing | undefined;
  if (cliBuilt) {
    cliTiming = timeCommand('**`dockerfix --dry-run`**', [CLI, '--dry-run', FILE], CLI_RUNS);
    single.push(cliTiming);
    if (EXTRA_CA) {
      cleanNode = timeCommand('Node start-up alone, without `NODE_EXTRA_CA_CERTS`', ['-e', '0'], CLI_RUNS, withoutExtraCa());
      cleanCli = timeCommand('**`dockerfix --dry-run`, without `NODE_EXTRA_CA_CERTS`**', [CLI, '--dry-run', FILE], CLI_RUNS, withoutExtraCa());
      single.push(cleanNode, cleanCli);
    }
  } else {
    cliMissing = !existsSync(CLI)
      ? `\`${relative(ROOT, CLI)}\` does not exist in this checkout (the CLI is written on branch \`cli\`): the single-file CLI run was not measured. Run \`npm run bench\` again after merging it.`
      : '`dist/src/cli/main.js` is missing (the CLI is not built): the single-file CLI run was not measured.';
    log(`  ${cliMissing}`);
  }

  const profiles: string[] = [];
  if (ratio > TARGET_RATIO || cpuRatio > TARGET_RATIO || flag('--profile')) {
    log('  profiling the pipeline phase...');
    profiles.push(`### Full pipeline over the corpus (1 run after 1 warm-up)\n\n${profile('pipeline', [join(HERE, 'phase.js'), 'pipeline', '--runs', '1', '--warmup', '1'])}`);
    log('  profiling the parse phase...');
    profiles.push(`### dockerfile-ast parsing alone over the corpus (1 run after 1 warm-up)\n\n${profile('parse', [join(HERE, 'phase.js'), 'parse', '--runs', '1', '--warmup', '1'])}`);
  }
  if ((cliTiming && cliTiming.medianMs > TARGET_SINGLE_MS) || (cliTiming && flag('--profile'))) {
    log('  profiling the single-file CLI run...');
    profiles.push(`### Single-file \`dockerfix --dry-run\`\n\n${profile('cli', [CLI, '--dry-run', FILE])}`);
  }
  const end = loadavg();
  // Parsing alone is single-threaded and makes little garbage: its wall time exceeds its CPU
  // time only when the process waited for a CPU. (The load average counts this benchmark too.)
  const waited = a.median.totalMs / a.median.cpuMs - 1;
  const busy = waited > 0.05;

  const row = (name: string, r: PhaseResult) =>
    `| ${name} | ${fmt(r.median.filesPerSec, 0)} | ${fmt(r.median.medianMs, 3)} | ${fmt(r.median.p99Ms, 2)} | ${fmt(r.median.maxMs, 1)} | ${fmt(r.median.totalMs / 1000, 2)} | ${fmt(r.median.cpuMs / 1000, 2)} | ${fmt(r.peakRssMB, 0)} | ${fmt(r.peakHeapMB, 0)} |`;
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const lines = [
    '# dockerfix benchmark',
    '',
    `Generated by \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\` (= \`npm run build && tsc -p tsconfig.bench.json && node dist/bench/run.js${args.length ? ` ${args.join(' ')}` : ''}\`) on ${m.date}. Do not edit: re-run the command.`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${fmt(m.memGB, 1)} GiB RAM, ${m.os}`,
    `- Node ${m.node}; dockerfix built JavaScript (\`dist/\`, \`tsc -p tsconfig.build.json\`)`,
    `- Load average (1/5/15 min) at start ${m.load.map((x) => x.toFixed(2)).join(' / ')}, at end ${end.map((x) => x.toFixed(2)).join(' / ')}${busy ? ` — **the machine was busy: parsing alone took ${fmt(waited * 100, 0)} % longer in wall time than in CPU time (it waited for a CPU), so wall times are inflated; the CPU columns are the steadier figures**` : ` (the load average counts this benchmark's own processes; parsing alone took ${fmt(Math.max(0, waited) * 100, 0)} % longer in wall time than in CPU time, so it hardly waited for a CPU)`}`,
    `- Corpus: \`${DIR}\`, ${a.files} Dockerfiles, ${fmt(a.bytes / 1e6, 2)} MB; files and build contexts (names from \`context-files.txt\`) are loaded before timing`,
    `- Each phase in its own process: ${WARMUP} warm-up run(s), then ${RUNS} timed runs over the whole corpus; the table shows the run with the median total time`,
    `- Default transforms (registry order): ${b.transforms.map((t) => `\`${t}\``).join(', ')}; the pipeline changed ${b.changed} files, ${b.errors} got an error; diffs by ${b.differ}`,
    '',
    '## Throughput over the corpus',
    '',
    '| phase | files/s | median ms/file | p99 ms/file | max ms/file | total s | CPU s | peak RSS MB | peak heap MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('(a) parse only: dockerfile-ast `DockerfileParser.parse`', a),
    row('(m) engine model: `parseDockerfile` (dockerfile-ast\'s scanner without its syntax tree, then the model)', phases.model!),
    row('(b) full default pipeline: `fixSource` + unified diff', b),
    '',
    `**Ratio b/a: ${fmt(ratio, 2)} by total (wall) time, ${fmt(cpuRatio, 2)} by CPU time** — target ≤ ${TARGET_RATIO}: ${met(ratio <= TARGET_RATIO)} by wall time, ${met(cpuRatio <= TARGET_RATIO)} by CPU time${busy ? ' (busy machine: the CPU figure is the one to trust)' : ''}.`,
    '',
    `(a) is dockerfile-ast's whole public parse, syntax tree included. The engine (m, and inside b) runs dockerfile-ast's own scanner but does not build the tree it never reads (\`src/model/scan.ts\`; the tests compare the two on every fixture, corpus file and output), which is why (m) is faster than (a). ` +
      `CPU time is the whole process: it includes V8's garbage-collector threads, which work beside the main thread. The pipeline spent ${fmt((b.median.cpuMs - b.median.totalMs) / 1000, 2)} s more CPU than wall time in its median run, parsing alone ${fmt((a.median.cpuMs - a.median.totalMs) / 1000, 2)} s.`,
    '',
    `Peak RSS is the whole child process (Node itself, the loaded corpus: ${fmt(a.loadedRssMB, 0)} MB RSS / ${fmt(a.loadedHeapMB, 0)} MB heap before any work). Total times per run: ` +
      (['parse', 'model', 'pipeline'] as Phase[]).map((p) => `${p} ${phases[p]!.runs.map((r) => fmt(r.totalMs / 1000, 2)).join(', ')} s`).join('; ') +
      '.',
    '',
    '## Single file, Node start-up included',
    '',
    `File: \`${relative(DIR, FILE)}\` (from the corpus, ${fmt(readFileSync(FILE).length / 1024, 1)} KiB). Median of ${CLI_RUNS} runs after 3 warm-up runs.`,
    '',
    '| what | command | median ms | min ms | max ms | CPU ms (mean) | timed with |',
    '|---|---|---:|---:|---:|---:|---|',
    ...single.map(
      (t) => `| ${t.label} | \`${t.command.replace(/\|/g, '\\|')}\` | ${fmt(t.medianMs)} | ${fmt(t.minMs)} | ${fmt(t.maxMs)} | ${t.cpuMs === undefined ? '—' : fmt(t.cpuMs)} | ${t.tool}${t.note ? ` (${t.note})` : ''} |`,
    ),
    '',
    cliTiming
      ? `**Single-file CLI run: ${fmt(cliTiming.medianMs)} ms** median wall time (${cliTiming.cpuMs === undefined ? 'CPU unknown' : `${fmt(cliTiming.cpuMs)} ms CPU`}) — target < ${TARGET_SINGLE_MS} ms: ${met(cliTiming.medianMs < TARGET_SINGLE_MS)}` +
        (cleanCli && cleanNode
          ? `; **${fmt(cleanCli.medianMs)} ms without \`NODE_EXTRA_CA_CERTS\`** — ${met(cleanCli.medianMs < TARGET_SINGLE_MS)}. This machine sets \`NODE_EXTRA_CA_CERTS=${EXTRA_CA}\`, and Node reads those certificates at every start: \`node -e 0\` takes ${fmt(single[0].medianMs)} ms with it and ${fmt(cleanNode.medianMs)} ms without. dockerfix itself adds ${fmt(cliTiming.medianMs - single[0].medianMs)} ms and ${fmt(cleanCli.medianMs - cleanNode.medianMs)} ms on top of Node, respectively.`
          : '.')
      : `**Single-file CLI run: not measured.** ${cliMissing}`,
    '',
  ];
  if (profiles.length) lines.push('## Where the time goes (CPU profiles, self time)', '', ...profiles.flatMap((p) => [p, '']));
  const md = lines.join('\n');
  process.stdout.write(md);
  if (!flag('--no-write')) {
    writeFileSync(join(ROOT, 'bench', 'results.md'), md);
    log(`bench: wrote ${relative(ROOT, join(ROOT, 'bench', 'results.md'))}`);
  }
  return 0;
}

process.exitCode = main();
