/**
 * `RUN --mount=…` flag values: parsing (BuildKit's CSV of `key=value` options, `type`
 * defaulting to `bind`, `target`/`dst`/`destination` synonyms) and formatting of new cache
 * mounts (buildkit-semantics.md §1.6, §3.1).
 */

export interface MountSpec {
  type: string;
  /** Target as written (may be relative or contain variables). */
  target: string | null;
  options: Map<string, string | null>;
}

/** Splits `a=b,c="d,e",f` honouring double quotes (BuildKit reads the value as CSV). */
function splitCsv(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = false;
  for (const ch of s) {
    if (ch === '"') {
      quote = !quote;
      continue;
    }
    if (ch === ',' && !quote) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

export function parseMount(value: string): MountSpec {
  let v = value.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
  const options = new Map<string, string | null>();
  for (const part of splitCsv(v)) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    options.set(key, eq === -1 ? null : part.slice(eq + 1).trim());
  }
  const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null;
  return { type: (options.get('type') ?? 'bind').toLowerCase(), target, options };
}

export interface NewCacheMount {
  target: string;
  id?: string;
  sharing?: 'shared' | 'private' | 'locked';
  uid?: number;
  gid?: number;
}

/** `--mount=type=cache,target=/root/.npm,sharing=locked,uid=1000,gid=1000`. */
export function formatCacheMount(m: NewCacheMount): string {
  const parts = ['type=cache', `target=${m.target}`];
  if (m.id) parts.push(`id=${m.id}`);
  if (m.sharing && m.sharing !== 'shared') parts.push(`sharing=${m.sharing}`);
  if (m.uid !== undefined) parts.push(`uid=${m.uid}`);
  if (m.gid !== undefined) parts.push(`gid=${m.gid}`);
  return `--mount=${parts.join(',')}`;
}
