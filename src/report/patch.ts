/**
 * `patch`: the unified diffs of every changed file, one after the other, nothing else.
 * `git apply` (or `patch -p1`) applies it from the directory dockerfix ran in.
 */
import type { FileReport, ReportOptions } from './types.js';

export function patch(results: readonly FileReport[], _options: ReportOptions): string {
  return results
    .filter((r) => r.status === 'changed' && r.diff)
    .map((r) => r.diff!)
    .join('');
}
