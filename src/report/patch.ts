/**
 * `patch`: the unified diffs of every changed file, one after the other, nothing else; a
 * Dockerfile's companion files (a `.dockerignore` it edits or creates) follow its own diff.
 * `git apply` (or `patch -p1`) applies it from the directory dockerfix ran in.
 */
import { allDiffs, type FileReport, type ReportOptions } from './types.js';

export function patch(results: readonly FileReport[], _options: ReportOptions): string {
  return results
    .filter((r) => r.status === 'changed' && r.diff)
    .map(allDiffs)
    .join('');
}
