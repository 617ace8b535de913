/**
 * A one-line conventional commit message for what a run changed (`--commit-message FILE`),
 * for batch engines and PR bots: `build(docker): <what> in <n> Dockerfile(s)`, at most 72
 * characters (git's and GitHub's usual limit for a subject line). What each transform did is
 * named by a short phrase from {@link PHRASES}, in registry order; when they do not fit, the
 * line names how many kinds of change it made instead.
 */
import type { FileReport } from './types.js';

export const SUBJECT_LIMIT = 72;
const PREFIX = 'build(docker): ';

/** What a transform's changes did, as a commit subject says it. Unknown ids fall back to their id. */
export const PHRASES: Readonly<Record<string, string>> = {
  'syntax-directive': 'add # syntax',
  'reorder-for-cache': 'reorder steps',
  'arg-near-use': 'move ARGs to their use',
  'cache-mounts': 'add cache mounts',
  'split-manifest-copy': 'split manifest copies',
};

const ORDER = Object.keys(PHRASES);

export function commitMessage(results: readonly FileReport[]): string {
  const changed = results.filter((r) => r.status === 'changed');
  if (!changed.length) return `${PREFIX}no Dockerfile changes`;
  const ids = [...new Set(changed.flatMap((r) => r.changes.map((c) => c.transform)))];
  ids.sort((a, b) => rank(a) - rank(b));
  const where = changed.length === 1 ? `in ${changed[0].path}` : `in ${changed.length} Dockerfiles`;
  const full = `${PREFIX}${ids.map((id) => PHRASES[id] ?? id).join(', ')} ${where}`;
  if (full.length <= SUBJECT_LIMIT) return full;
  const counted = changed.length === 1 ? 'in 1 Dockerfile' : where;
  const shorter = `${PREFIX}${ids.map((id) => PHRASES[id] ?? id).join(', ')} ${counted}`;
  if (shorter.length <= SUBJECT_LIMIT) return shorter;
  return `${PREFIX}make ${changed.length === 1 ? '1 Dockerfile' : `${changed.length} Dockerfiles`} cache-friendly (${ids.length} kind${ids.length === 1 ? '' : 's'} of change)`;
}

function rank(id: string): number {
  const i = ORDER.indexOf(id);
  return i < 0 ? ORDER.length : i;
}
