import type { VerifyResult } from '../verify/types.js';
/** What the CLI knows about each file after a run: the input of every reporter. */
import type { ImpactEntry } from '../model/impact.js';

export type FileStatus = 'changed' | 'unchanged' | 'error' | 'skipped';

export interface ReportedChange {
  transform: string;
  /** One-based first and last line in the original file. */
  line: number;
  /** Absent: the same as `line`. */
  endLine?: number;
  /** Changes only: the first and last line in the rewritten file. */
  newLine?: number;
  newEndLine?: number;
  message: string;
}

export interface FileReport {
  /** Path shown to users: relative to the working directory, `/`-separated. */
  path: string;
  /** `changed` in check modes means "would change". */
  status: FileStatus;
  changes: ReportedChange[];
  advice: ReportedChange[];
  /** Problems in the file that change nothing by themselves (an ignore comment naming an unknown transform); absent when none. */
  warnings?: ReportedWarning[];
  error: { code: string; message: string } | null;
  /** Why a file was skipped (status `skipped`). */
  reason: string | null;
  /** Unified diff (`a/` `b/`, 3 lines of context) when the file changed, else null. */
  diff: string | null;
  /** Build context folder used, shown like `path`; null when none. */
  context: string | null;
  /**
   * Other files the changes edit or create with the Dockerfile (a `.dockerignore`), written
   * together with it; absent or empty when there are none.
   */
  companions?: ReportedCompanion[];
  /**
   * The cache-impact estimate of a changed file (src/model/impact.ts): per everyday edit, the
   * steps that re-run before and after the rewrite. Absent on files that did not change.
   */
  impact?: ImpactEntry[];
  /** Only with `--stats`. */
  durationMs?: number;
  /** Only with `--verify`, for a file the run would change. */
  verify?: VerifyResult;
}

export interface ReportedWarning {
  /** One-based line of the original file. */
  line: number;
  message: string;
}

/** A companion file edit: shown like `path`, the lines it appends, its unified diff. */
export interface ReportedCompanion {
  path: string;
  /** The file did not exist and is created. */
  created: boolean;
  /** Lines appended (or the whole new file). */
  append: string[];
  /** Unified diff; a created file's starts `--- /dev/null`. */
  diff: string;
}

/** Every diff of a file report: the Dockerfile's, then its companions'. */
export function allDiffs(r: FileReport): string {
  return (r.diff ?? '') + (r.companions ?? []).map((c) => c.diff).join('');
}

export type Mode = 'write' | 'dry-run' | 'check' | 'list-different';

export interface ReportOptions {
  version: string;
  mode: Mode;
  /** Ids of the transforms that ran, in registry order. */
  transforms: string[];
  unsafe: boolean;
  /** ANSI colours (stylish, and diffs shown to people). */
  color: boolean;
  /** Only errors in human output. */
  quiet?: boolean;
  /** Total run time, only with `--stats`. */
  durationMs?: number;
  /** For markdown's "reproduce with": the paths and extra flags of this run. */
  reproduce?: { paths: string[]; flags: string[] };
}

export interface Summary {
  changed: number;
  unchanged: number;
  skipped: number;
  errors: number;
}

export function summarize(results: readonly FileReport[]): Summary {
  const s: Summary = { changed: 0, unchanged: 0, skipped: 0, errors: 0 };
  for (const r of results) {
    if (r.status === 'changed') s.changed++;
    else if (r.status === 'unchanged') s.unchanged++;
    else if (r.status === 'skipped') s.skipped++;
    else s.errors++;
  }
  return s;
}

/** `Results: 3 changed, 41 unchanged, 2 skipped, 0 errors` */
export function summaryLine(s: Summary): string {
  return `Results: ${s.changed} changed, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.errors} errors`;
}
