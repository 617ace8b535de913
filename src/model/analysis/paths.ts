/**
 * Paths and sets of them: {@link PathSet}/{@link VarSet} and their operations (add, overlap,
 * `within`), how a path written in a Dockerfile is normalised, the system folders of the
 * Linux hierarchy, and the folder links (merged /usr, the Dockerfile's own symlinks) that
 * make two paths the same place.
 */
import { matchesAny } from '../env-readers.js';
import { joinPath } from '../state.js';

/** A set of filesystem paths (subtree claims), or everything. */
export interface PathSet {
  all: boolean;
  /** Normalised absolute paths (no trailing slash; `/` for the root). */
  paths: string[];
}

/** A set of variable names: exact names, `*`-prefix patterns, or everything. */
export interface VarSet {
  all: boolean;
  names: Set<string>;
  patterns: string[];
}

/** Top-level folders of the Linux filesystem hierarchy. System package managers write only there (Debian Policy §9.1, FHS 3.0). */
export const SYSTEM_PATHS: readonly string[] = [
  '/etc', '/var', '/usr', '/lib', '/lib32', '/lib64', '/libx32', '/bin', '/sbin', '/opt', '/boot', '/run', '/tmp',
  '/root', '/home', '/srv', '/mnt', '/media',
];

/**
 * What a system package install may read or write: the system folders, less the ones the FHS
 * reserves for the site (`/srv`: "no program should rely on a specific subdirectory structure
 * of /srv"; `/mnt`, `/media`: mount points). An application copied to `/srv/app` is not a
 * system package's business.
 */
export const SYSTEM_PACKAGE_PATHS: readonly string[] = SYSTEM_PATHS.filter((p) => !['/srv', '/mnt', '/media'].includes(p));

// ───────────────────────────── sets ─────────────────────────────

export const noPaths = (): PathSet => ({ all: false, paths: [] });
export const allPaths = (): PathSet => ({ all: true, paths: [] });
export const noVars = (): VarSet => ({ all: false, names: new Set(), patterns: [] });

export function addPath(set: PathSet, p: string | null): void {
  if (set.all) return;
  if (p === null) {
    set.all = true;
    set.paths = [];
    return;
  }
  if (!set.paths.includes(p)) set.paths.push(p);
}

/** {@link addPath} for many paths at once, in linear time (a Debian install claims some 300 folders). */
export function addPaths(set: PathSet, paths: readonly string[]): void {
  if (set.all || paths.length === 0) return;
  if (paths.length < 8 && set.paths.length < 32) {
    for (const p of paths) addPath(set, p);
    return;
  }
  const have = new Set(set.paths);
  for (const p of paths) {
    if (have.has(p)) continue;
    have.add(p);
    set.paths.push(p);
  }
}

/** Is `a` equal to `b` or an ancestor of it (path-segment-wise)? */
export function within(a: string, b: string): boolean {
  if (a === '/' || a === b) return true;
  return b.length > a.length && b.charCodeAt(a.length) === 47 /* / */ && b.startsWith(a);
}

export function pathsOverlap(a: PathSet, b: PathSet): boolean {
  if ((a.all && (b.all || b.paths.length)) || (b.all && a.paths.length)) return true;
  return a.paths.some((p) => b.paths.some((q) => within(p, q) || within(q, p)));
}

export function readsVar(v: VarSet, name: string): boolean {
  return v.all || v.names.has(name) || matchesAny(name, v.patterns);
}

export function configOverlap(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const k of a) {
    if (b.has(k)) return true;
    const colon = k.indexOf(':');
    const key = colon === -1 ? k : k.slice(0, colon);
    if (b.has(`${key}:*`)) return true;
    if (k.endsWith(':*')) for (const x of b) if (x.length > key.length && x.charCodeAt(key.length) === 58 /* : */ && x.startsWith(key)) return true;
  }
  return false;
}

// ───────────────────────────── paths ─────────────────────────────

/** Windows paths are compared case-insensitively, with `/` separators. */
export function normalizePath(raw: string, cwd: string | null, windows: boolean): string | null {
  let p = raw.trim();
  if (!p) return null;
  if (windows || /^[A-Za-z]:[\\/]/.test(p)) {
    p = p.replace(/\\/g, '/').toLowerCase();
    if (/^[a-z]:\//.test(p)) p = '/' + p[0] + p.slice(2);
    else if (/^[a-z]:$/.test(p)) p = '/' + p[0];
  }
  if (p.startsWith('~')) return null;
  if (!p.startsWith('/')) {
    if (cwd === null) return null;
    p = cwd + '/' + p;
  }
  // Globs: claim the folder above the first glob segment.
  const segs = p.split('/');
  const firstGlob = segs.findIndex((s) => /[*?[]/.test(s));
  const kept = firstGlob === -1 ? segs : segs.slice(0, firstGlob);
  return joinPath('/', kept.join('/'));
}

// ───────────────────────────── links ─────────────────────────────

/** Folders that are symlinks in merged-/usr images (Debian ≥ 12, Ubuntu, Fedora…), and the classic /var aliases. */
const BUILTIN_LINKS: [string, string][] = [
  ['/bin', '/usr/bin'], ['/sbin', '/usr/sbin'], ['/lib', '/usr/lib'], ['/lib32', '/usr/lib32'], ['/lib64', '/usr/lib64'],
  ['/libx32', '/usr/libx32'], ['/var/run', '/run'], ['/var/lock', '/run/lock'],
];

/** {@link BUILTIN_LINKS} both ways. */
const BUILTIN_ALIASES: readonly [string, string][] = [...BUILTIN_LINKS, ...BUILTIN_LINKS.map(([a, b]) => [b, a] as [string, string])];

/**
 * A path may be reached through a link: add what it resolves to (links the Dockerfile
 * created, and the merged-/usr folders both ways). An unknown target makes the set "all".
 */
export function withAliases(set: PathSet, links: Map<string, string | null>): PathSet {
  if (set.all || set.paths.length === 0) return set;
  if (links.size === 0) {
    // Only the built-in links: a pure function of the paths, and the same sets (system
    // folders, caches) recur in every file. Each caller gets its own copy.
    const key = set.paths.join('\0');
    let closed = builtinClosures.get(key);
    if (closed === undefined) {
      if (builtinClosures.size >= 4096) builtinClosures.clear();
      const c = aliasClosure(set, BUILTIN_ALIASES);
      closed = c === set ? null : c;
      builtinClosures.set(key, closed);
    }
    return closed === null ? set : { all: closed.all, paths: [...closed.paths] };
  }
  return aliasClosure(set, [...links, ...BUILTIN_ALIASES]);
}

/** Paths joined → their closure under the built-in links (null: no path is under one). Never handed out: callers get copies. */
const builtinClosures = new Map<string, PathSet | null>();

function aliasClosure(set: PathSet, all: readonly [string, string | null][]): PathSet {
  // Most paths are under no link: then the set is its own closure.
  if (!set.paths.some((p) => all.some(([link]) => within(link, p)))) return set;
  const out: PathSet = { all: false, paths: [...set.paths] };
  for (let round = 0; round < 4; round++) {
    const before = out.paths.length;
    for (const p of [...out.paths]) {
      for (const [link, target] of all) {
        if (!within(link, p)) continue;
        if (target === null) {
          addPath(out, null);
          return out;
        }
        addPath(out, target + p.slice(link.length));
      }
    }
    if (out.paths.length === before) break;
  }
  return out;
}
