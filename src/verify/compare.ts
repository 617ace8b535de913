/**
 * Image equivalence, for `--verify` and the e2e suite alike: compare two exported filesystems and two
 * image configs, allowing only the differences listed in the tables below.
 */
import { CONFIG_FIELDS } from './engine.js';
import type { TarEntry } from './tar.js';

export interface AllowRule {
  /** Glob over absolute image paths: `*` = within one path segment, `**` = any depth. */
  patterns: string[];
  /** Why the difference is expected. */
  why: string;
}

export interface CacheRule {
  /**
   * Cache-mount target directories (and parents BuildKit may create for them).
   * Such a directory may exist in only one image (BuildKit 0.8 leaves an empty
   * root:root 0755 mount point behind; the original may have none). If it exists
   * in both, its type, mode and owner must match: a root-owned stub where the
   * original had a user-owned cache directory is a behaviour change (npm run as
   * that user cannot write its logs/cache at run time).
   */
  targets: string[];
  /** Globs for paths whose presence and content are free (the cache contents, hooks). */
  free: string[];
  /** Why the difference is expected. */
  why: string;
}

/**
 * What may differ because a cache mount keeps a tool's *download cache* out of the
 * image, and nothing else: a per-tool cache that only that tool reads back (to
 * avoid downloading again). Data that other programs read later is not a cache
 * even when a package manager writes it: apt's package lists are read by every
 * later `apt-get install` (in a child image or a running container), so they are
 * compared like any file. A mount-point directory may still be left empty in the
 * rewritten image where the original deleted the contents (e.g.
 * `rm -rf /var/lib/apt/lists/*`): then both images have the empty directory and
 * nothing differs.
 *
 * Every entry here is a promise about what a transform does; keep the table
 * small and explain each line (docs/e2e.md lists them too).
 */
export const CACHE_PATHS: CacheRule[] = [
  {
    targets: ['/root/.npm'],
    free: ['/root/.npm/**'],
    why: 'npm cache of root (npm ci/install as root): `RUN --mount=type=cache,target=/root/.npm` keeps it out of the image; `npm cache clean --force` in the original still leaves _logs/ etc.',
  },
  {
    targets: ['/home/node/.npm'],
    free: ['/home/node/.npm/**'],
    why: 'npm cache of the node user (USER node): cache mount with uid=1000,gid=1000 on /home/node/.npm',
  },
  {
    targets: ['/usr/local/share/.cache/yarn', '/usr/local/share/.cache'],
    free: ['/usr/local/share/.cache/yarn/**'],
    why: 'yarn classic cache of root: cache mount on /usr/local/share/.cache/yarn',
  },
  {
    targets: ['/root/.local/share/pnpm/store', '/root/.local/share/pnpm', '/root/.local/share', '/root/.local'],
    free: ['/root/.local/share/pnpm/store/**'],
    why: "pnpm's content-addressable store of root (default ~/.local/share/pnpm/store): cache mount on it; node_modules then holds copies instead of hard links into the store",
  },
  {
    targets: ['/root/.cache/pip', '/root/.cache'],
    free: ['/root/.cache/pip/**'],
    why: 'pip cache of root: cache mount on /root/.cache/pip (the original may use --no-cache-dir)',
  },
  {
    targets: ['/root/.cache/pypoetry', '/root/.cache/pypoetry/cache', '/root/.cache/pypoetry/artifacts', '/root/.cache'],
    free: ['/root/.cache/pypoetry/cache/**', '/root/.cache/pypoetry/artifacts/**'],
    why: "Poetry's download caches of root (repository metadata, downloaded wheels): cache mount on /root/.cache/pypoetry (with virtualenvs.create false) or on its cache/ and artifacts/; its virtualenvs/ folder is not free",
  },
  {
    targets: ['/var/cache/apt'],
    free: ['/var/cache/apt/**'],
    why: 'apt download cache (archives/*.deb, archives/partial, archives/lock, *.bin): cache mount on /var/cache/apt (sharing=locked)',
  },
  {
    targets: ['/var/lib/apt/lists'],
    free: [],
    why: 'mount point of a cache mount on /var/lib/apt/lists: the directory may be missing from an original that deleted it (`rm -rf /var/lib/apt/lists`); its contents are never free (they are not a download cache)',
  },
];

/**
 * Paths whose *content* differs between any two cold builds of the very same
 * Dockerfile (observed by building each sample app's original Dockerfile twice,
 * cold, and comparing). Type, mode and owner must still match, and the path must
 * exist in both images.
 */
export const NONDETERMINISTIC_CONTENT: AllowRule[] = [
  {
    patterns: ['/var/log/dpkg.log', '/var/log/apt/history.log', '/var/log/apt/term.log', '/var/log/apt/eipp.log.xz'],
    why: 'dpkg/apt logs record the date and time of each install',
  },
  {
    patterns: ['/var/lib/dbus/machine-id'],
    why: "dbus's postinst (pulled in by python3-poetry's keyring dependencies) writes a random machine id (dbus-uuidgen --ensure)",
  },
  {
    patterns: ['/var/cache/ldconfig/aux-cache'],
    why: 'ldconfig auxiliary cache stores file ctimes',
  },
  {
    patterns: ['/tmp/v8-compile-cache-*/**'],
    why: "yarn classic (v8-compile-cache) leaves V8 code-cache blobs in /tmp; V8's output is not byte-reproducible",
  },
];

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function matcher(rules: AllowRule[]): (p: string) => AllowRule | undefined {
  const compiled = rules.map((r) => ({ r, res: r.patterns.map(globToRegExp) }));
  return (p) => compiled.find(({ res }) => res.some((x) => x.test(p)))?.r;
}

const isNoisyContent = matcher(NONDETERMINISTIC_CONTENT);
const cacheFree = matcher(CACHE_PATHS.map((r) => ({ patterns: r.free, why: r.why })));
const cacheTarget = (p: string) => CACHE_PATHS.find((r) => r.targets.includes(p));

export interface FsDifference {
  path: string;
  kind: 'only-in-original' | 'only-in-rewritten' | 'changed';
  detail: string;
  /** The rule that allows it, if any. */
  allowedBy?: string;
}

function describe(e: TarEntry): string {
  const parts = [e.type, e.mode, `${e.uid}:${e.gid}`];
  if (e.type === 'file') parts.push(`${e.size}B`, e.sha256.slice(0, 12));
  if (e.link) parts.push(`-> ${e.link}`);
  if (e.dev) parts.push(`dev ${e.dev}`);
  return parts.join(' ');
}

/** Compare two image filesystems. mtimes are never compared (tar entries carry none). */
export function compareFilesystems(orig: Map<string, TarEntry>, rewr: Map<string, TarEntry>): FsDifference[] {
  const diffs: FsDifference[] = [];
  const paths = new Set([...orig.keys(), ...rewr.keys()]);
  for (const path of [...paths].sort()) {
    const a = orig.get(path);
    const b = rewr.get(path);
    const free = cacheFree(path);
    const target = cacheTarget(path);
    if (!a || !b) {
      diffs.push({
        path,
        kind: a ? 'only-in-original' : 'only-in-rewritten',
        detail: describe((a ?? b)!),
        allowedBy: (free ?? target)?.why,
      });
      continue;
    }
    const fields: string[] = [];
    for (const k of ['type', 'mode', 'uid', 'gid', 'link', 'dev'] as const) {
      if (a[k] !== b[k]) fields.push(`${k} ${a[k]} != ${b[k]}`);
    }
    const contentDiffers = a.size !== b.size || a.sha256 !== b.sha256;
    if (fields.length === 0 && !contentDiffers) continue;
    const detail = [...fields, ...(contentDiffers ? [`content ${a.size}B ${a.sha256.slice(0, 12)} != ${b.size}B ${b.sha256.slice(0, 12)}`] : [])].join('; ');
    let allowedBy = free?.why;
    if (!allowedBy && target && fields.length === 0) allowedBy = target.why;
    if (!allowedBy && fields.length === 0) allowedBy = isNoisyContent(path)?.why;
    diffs.push({
      path,
      kind: 'changed',
      detail: target && fields.length ? `${detail} [cache mount target: metadata must match]` : detail,
      allowedBy,
    });
  }
  return diffs;
}

export interface ConfigDifference {
  field: string;
  original: unknown;
  rewritten: unknown;
  /** true for differences that do not matter at run time (Env order only). */
  benign?: boolean;
}

function stable(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Treat absent, null, empty array and empty object alike (docker prints them inconsistently). */
function emptyish(v: unknown): boolean {
  return v == null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0) || v === '';
}

export function compareConfigs(orig: Record<string, unknown>, rewr: Record<string, unknown>): ConfigDifference[] {
  const diffs: ConfigDifference[] = [];
  for (const f of CONFIG_FIELDS) {
    const a = orig[f];
    const b = rewr[f];
    if (emptyish(a) && emptyish(b)) continue;
    if (stable(a) === stable(b)) continue;
    if (f === 'Env' && Array.isArray(a) && Array.isArray(b)) {
      const sa = [...(a as string[])].sort();
      const sb = [...(b as string[])].sort();
      if (stable(sa) === stable(sb)) {
        diffs.push({ field: f, original: a, rewritten: b, benign: true });
        continue;
      }
    }
    diffs.push({ field: f, original: a, rewritten: b });
  }
  return diffs;
}
