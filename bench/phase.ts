/**
 * One benchmark phase over the whole corpus, in its own process (so its peak memory is
 * its own). Run by `bench/run.ts`; prints a {@link PhaseResult} as JSON on stdout.
 *
 *     node dist/bench/phase.js <parse|model|pipeline> [--runs 5] [--warmup 2]
 *
 * - `parse`: `DockerfileParser.parse(text)` from dockerfile-ast, nothing else;
 * - `model`: the engine's `parseDockerfile(text)` (dockerfile-ast's scanner without its syntax
 *   tree, then offsets, flags, comments: `src/model/scan.ts`, `src/model/dockerfile.ts`);
 * - `pipeline`: `fixSource` with every default transform and the file's build context, plus
 *   the unified diff of each changed file (the CLI's reporter when built, else `diff`'s
 *   `createTwoFilesPatch` with the same settings).
 *
 * The files and their contexts are read before any timing: the phases measure CPU work, not I/O.
 * Each run times every file with `performance.now()`; after the timed runs one more untimed
 * run samples the V8 heap after every file for the peak heap.
 */
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { DockerfileParser } from 'dockerfile-ast';
import { createTwoFilesPatch } from 'diff';
import { fixSource } from '../src/core/runner.js';
import { parseDockerfile } from '../src/model/dockerfile.js';
import { TRANSFORMS } from '../transforms/index.js';
import { corpusDir, loadCorpus, type CorpusFile } from '../test/helpers/corpus.js';

export const PHASES = ['parse', 'model', 'pipeline'] as const;
export type Phase = (typeof PHASES)[number];

export interface RunStats {
  totalMs: number;
  cpuMs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  filesPerSec: number;
}

export interface PhaseResult {
  phase: Phase;
  files: number;
  bytes: number;
  /** For `pipeline`: files changed / with an error, and the diff's total length (a sink). */
  changed: number;
  errors: number;
  diffBytes: number;
  differ: string;
  /** Ids of the default transforms the pipeline ran. */
  transforms: string[];
  warmup: number;
  runs: RunStats[];
  /** The run with the median total time. */
  median: RunStats;
  /** Peak resident set size of the whole process (`resourceUsage().maxRSS`). */
  peakRssMB: number;
  /** RSS and heap after loading the corpus, before any work: the floor of the peaks. */
  loadedRssMB: number;
  loadedHeapMB: number;
  /** Highest V8 used heap seen after a file in the sampling run. */
  peakHeapMB: number;
}

type Differ = (path: string, before: string, after: string) => string;

/** The CLI's diff reporter when this build has it (`src/report/diff.ts`), else the same settings by hand. */
async function loadDiffer(): Promise<{ name: string; diff: Differ }> {
  try {
    const mod = (await import(new URL('../src/report/diff.js', import.meta.url).href)) as { unifiedDiff?: Differ };
    if (typeof mod.unifiedDiff === 'function') return { name: 'src/report/diff.ts unifiedDiff', diff: mod.unifiedDiff };
  } catch {
    /* not built yet: fall back */
  }
  return {
    name: "diff's createTwoFilesPatch (a/ b/, 3 lines of context)",
    diff: (path, before, after) => createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 }),
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k];
}

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const phase = args[0] as Phase;
  if (!PHASES.includes(phase)) throw new Error(`usage: phase.js <${PHASES.join('|')}> [--runs N] [--warmup N]`);
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(name);
    return i === -1 ? dflt : Number(args[i + 1]);
  };
  const runs = opt('--runs', 5);
  const warmup = opt('--warmup', 2);

  const root = fileURLToPath(new URL('../..', import.meta.url));
  const files: CorpusFile[] = loadCorpus(corpusDir(root)).filter((f) => f.text !== null);
  const texts = files.map((f) => f.text!);
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const defaults = TRANSFORMS.filter((t) => t.defaultEnabled);
  const differ = await loadDiffer();

  let changed = 0;
  let errors = 0;
  let diffBytes = 0;
  let sink = 0;
  const work: (k: number) => void =
    phase === 'parse'
      ? (k) => {
          sink += DockerfileParser.parse(texts[k]).getInstructions().length;
        }
      : phase === 'model'
        ? (k) => {
            sink += parseDockerfile(texts[k]).instructions.length;
          }
        : (k) => {
            const f = files[k];
            const r = fixSource(texts[k], { transforms: defaults, buildContext: f.buildContext, path: f.rel });
            if (r.error) errors++;
            if (r.changed) {
              changed++;
              diffBytes += differ.diff(f.rel, r.input, r.output).length;
            }
          };

  global.gc?.();
  const loaded = process.memoryUsage();

  const n = files.length;
  const times = new Float64Array(n);
  const one = (): RunStats => {
    changed = errors = diffBytes = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let k = 0; k < n; k++) {
      const a = performance.now();
      work(k);
      times[k] = performance.now() - a;
    }
    const totalMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const sorted = times.slice().sort();
    return {
      totalMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      medianMs: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[n - 1] ?? 0,
      filesPerSec: n / (totalMs / 1000),
    };
  };

  for (let w = 0; w < warmup; w++) one();
  const all: RunStats[] = [];
  for (let r = 0; r < runs; r++) all.push(one());
  const byTotal = [...all].sort((a, b) => a.totalMs - b.totalMs);
  const median = byTotal[Math.floor((byTotal.length - 1) / 2)];
  const counts = { changed, errors, diffBytes };

  let peakHeap = 0;
  for (let k = 0; k < n; k++) {
    work(k);
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  }

  const result: PhaseResult = {
    phase,
    files: n,
    bytes,
    ...counts,
    differ: phase === 'pipeline' ? differ.name : '',
    transforms: defaults.map((t) => t.id),
    warmup,
    runs: all,
    median,
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
    loadedRssMB: loaded.rss / MB,
    loadedHeapMB: loaded.heapUsed / MB,
    peakHeapMB: peakHeap / MB,
  };
  if (sink < 0) console.error(sink); // keep the work observable
  process.stdout.write(JSON.stringify(result));
}

await main();
