/**
 * Ignore comments: dockerfix's own (`# dockerfix ignore=<id>[,<id>]`, `# dockerfix global
 * ignore=<id>`) and those of the tools people already use, where one of their rules means the
 * same as one of our transforms (`PEER_RULES`). A comment applies to the instruction it sits
 * directly above, or with `global` to the whole file. `;reason=…` after the ids is allowed and
 * ignored, as tally allows it.
 *
 * `PEER_RULES` is also the table the docs print (`scripts/docs.ts`): every peer rule we
 * looked at, mapped or not, with the reason. Only rows with transforms have an effect.
 */

export type IgnoreTool = 'dockerfix' | 'tally';

/** One ignore comment as written. */
export interface IgnoreComment {
  tool: IgnoreTool;
  global: boolean;
  /** The ids or rule names, lower-cased, in order. */
  ids: string[];
}

export interface PeerRule {
  tool: 'tally' | 'hadolint' | 'buildkit';
  /** The names as a comment writes them (matched case-insensitively); the first is shown. */
  rules: readonly string[];
  /** The dockerfix transforms such a comment turns off; empty = read, but not mapped. */
  transforms: readonly string[];
  /** Why it maps, or why not. */
  reason: string;
}

export const PEER_RULES: readonly PeerRule[] = [
  {
    tool: 'tally',
    rules: ['tally/prefer-package-cache-mounts', 'prefer-package-cache-mounts'],
    transforms: ['cache-mounts'],
    reason: 'Its fix adds package-manager cache mounts to a RUN and drops the purges and flags that defeat them: the change cache-mounts makes. Ignoring it says "no cache mount here".',
  },
  {
    tool: 'tally',
    rules: ['all'],
    transforms: ['cache-mounts'],
    reason: '`all` covers prefer-package-cache-mounts, the only tally rule that maps; the other tally rules are about things dockerfix does not change.',
  },
  {
    tool: 'tally',
    rules: ['tally/epilogue-order', 'epilogue-order'],
    transforms: [],
    reason: 'It moves CMD/ENTRYPOINT/HEALTHCHECK/STOPSIGNAL to the end of a stage, which no dockerfix transform does; reorder-for-cache moves build steps for the cache.',
  },
  {
    tool: 'hadolint',
    rules: ['DL3042'],
    transforms: [],
    reason: 'It asks for `pip install --no-cache-dir`. hadolint never fixes, so ignoring it only silences a warning; it is mostly written above a RUN that already has a pip cache mount, which hadolint still flags (hadolint#497). Reading it as "no cache mount" would be wrong.',
  },
  {
    tool: 'hadolint',
    rules: ['DL3009', 'DL3019'],
    transforms: [],
    reason: 'They ask to delete apt lists / use `apk --no-cache`. Ignoring them means the image keeps its package index, and cache-mounts already keeps it: it mounts the lists or the index only where the RUN deletes them.',
  },
  {
    tool: 'hadolint',
    rules: ['DL3060', 'DL3032', 'DL3036', 'DL3040'],
    transforms: [],
    reason: 'They ask to clean the yarn, yum, zypper or dnf cache. Ignoring one silences a warning about image size; it does not ask to keep a cache out of a mount.',
  },
  {
    tool: 'hadolint',
    rules: ['DL3059'],
    transforms: [],
    reason: 'It asks to merge consecutive RUNs; no dockerfix transform merges or splits RUNs for that reason.',
  },
  {
    tool: 'buildkit',
    rules: ['all'],
    transforms: [],
    reason: 'None of BuildKit\'s 22 build checks is about caching, the order of steps or the syntax directive, so `# check=skip=` names nothing dockerfix does; `skip=all` means every BuildKit check, not dockerfix.',
  },
];

const COMMENT_RE = /^#\s*(dockerfix|tally)\s+(global\s+)?ignore\s*=(.*)$/i;

/** Reads one comment line (trimmed or not); null when it is no ignore comment we read. */
export function readIgnoreComment(line: string): IgnoreComment | null {
  const m = COMMENT_RE.exec(line.trim());
  if (!m) return null;
  const list = m[3].split(';')[0];
  return {
    tool: m[1].toLowerCase() as IgnoreTool,
    global: !!m[2],
    ids: list.split(/[\s,]+/).filter(Boolean).map((x) => x.toLowerCase()),
  };
}

/** The dockerfix ids a comment turns off (`all` kept as such for dockerfix's own comments). */
export function idsTurnedOff(c: IgnoreComment): string[] {
  if (c.tool === 'dockerfix') return c.ids;
  const out = new Set<string>();
  for (const id of c.ids) {
    for (const row of PEER_RULES) {
      if (row.tool === c.tool && row.rules.some((r) => r.toLowerCase() === id)) for (const t of row.transforms) out.add(t);
    }
  }
  return [...out];
}
