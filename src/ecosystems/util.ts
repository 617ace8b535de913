/** Small helpers the ecosystem modules share: command names, flags, paths, env lookups. */
import type { CommandView, OfflineUse, RunEnvironment } from './types.js';

/** `/usr/local/bin/pip3` → `pip3`. */
export function baseName(name: string): string {
  const i = name.lastIndexOf('/');
  return i === -1 ? name : name.slice(i + 1);
}

/**
 * The command a module should look at: `python3 -m pip install x` → `pip install x`,
 * `./mvnw` → `mvnw`, `sh ./gradlew build` → `gradlew build`. Anything else: the name's base.
 */
export function unwrap(cmd: CommandView): CommandView {
  const name = baseName(cmd.name);
  if (name.startsWith('python') && /^python(\d+(\.\d+)?)?$/.test(name) && cmd.args[0] === '-m' && typeof cmd.args[1] === 'string') {
    return { name: cmd.args[1], args: cmd.args.slice(2), assignments: cmd.assignments };
  }
  if ((name === 'sh' || name === 'bash') && typeof cmd.args[0] === 'string' && /^(\.\/)?(mvnw|gradlew)$/.test(cmd.args[0])) {
    return { name: baseName(cmd.args[0]), args: cmd.args.slice(1), assignments: cmd.assignments };
  }
  // Every module asks for every command: give the command itself back when nothing changes.
  return name === cmd.name ? cmd : { name, args: cmd.args, assignments: cmd.assignments };
}

/** Offset of `unwrap`'s args into the original args (2 for `python -m pip`, 1 for `sh ./mvnw`). */
export function unwrapOffset(cmd: CommandView): number {
  const name = baseName(cmd.name);
  if (/^python(\d+(\.\d+)?)?$/.test(name) && cmd.args[0] === '-m' && typeof cmd.args[1] === 'string') return 2;
  if ((name === 'sh' || name === 'bash') && typeof cmd.args[0] === 'string' && /^(\.\/)?(mvnw|gradlew)$/.test(cmd.args[0])) return 1;
  return 0;
}

/**
 * Positional words (subcommand path) of a command, skipping flags. `valueFlags` take the
 * next word as their value when written without `=`.
 */
export function positionals(args: (string | null)[], valueFlags: string[] = []): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a !== null && a.startsWith('-') && a !== '-') {
      if (!a.includes('=') && valueFlags.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** Index of the first arg equal to one of `flags`, or `--flag=…` for a long flag; -1 when absent. */
export function flagIndex(args: (string | null)[], flags: string[]): number {
  return args.findIndex((a) => a !== null && flags.some((f) => a === f || (f.startsWith('--') && a.startsWith(f + '='))));
}

export function hasFlag(args: (string | null)[], flags: string[]): boolean {
  return flagIndex(args, flags) !== -1;
}

/** Value of a flag (`--cache-dir X`, `--cache-dir=X`, `-tX` for short flags listed in `short`). undefined: absent; null: dynamic. */
export function flagValue(args: (string | null)[], long: string[], short: string[] = []): string | null | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null) continue;
    for (const f of long) {
      if (a === f) return i + 1 < args.length ? args[i + 1] : undefined;
      if (a.startsWith(f + '=')) return a.slice(f.length + 1);
    }
    for (const f of short) {
      if (a === f) return i + 1 < args.length ? args[i + 1] : undefined;
      if (a.startsWith(f) && a.length > f.length && !a.startsWith('--')) return a.slice(f.length);
    }
  }
  return undefined;
}

/** A short flag letter given alone or in a bundle (`-y`, `-qy`). */
export function hasShortLetter(args: (string | null)[], letter: string): boolean {
  return args.some((a) => a !== null && /^-[A-Za-z]+$/.test(a) && a.slice(1).includes(letter));
}

/** Env value, or undefined when unset. Empty values count as set. */
export function envOf(env: RunEnvironment, name: string): string | undefined {
  return env.env.get(name);
}

/**
 * An offline use ({@link OfflineUse}) when the command gives one of `flags` (as written, or
 * `--flag=true`) or one of `envNames` is set to a true value in its environment.
 */
export function offlineWhen(args: (string | null)[], env: RunEnvironment, needs: OfflineUse['needs'], flags: string[], envNames: string[] = []): OfflineUse | null {
  for (const a of args) {
    if (a === null) continue;
    if (flags.includes(a)) return { needs, why: `\`${a}\`` };
    const eq = a.indexOf('=');
    if (eq > 0 && a.startsWith('--') && flags.includes(a.slice(0, eq)) && truthy(a.slice(eq + 1))) return { needs, why: `\`${a}\`` };
  }
  for (const n of envNames) {
    const v = envOf(env, n);
    if (truthy(v)) return { needs, why: `\`${n}=${v!.trim()}\`` };
  }
  return null;
}

/** Is the value a "true" setting (`1`, `true`, `yes`, `on`)? */
export function truthy(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}

export function falsy(v: string | undefined): boolean {
  return v !== undefined && /^(0|false|no|off)$/i.test(v.trim());
}

/** Normalises an absolute path (`/a//b/../c/` → `/a/c`); null for relative or dynamic-looking paths. */
export function absPath(p: string | undefined | null, home?: string | null): string | null {
  if (p === undefined || p === null) return null;
  let s = p.trim();
  if (s.startsWith('~/') || s === '~') {
    if (!home) return null;
    s = home + s.slice(1);
  }
  if (!s.startsWith('/') || s.includes('$') || s.includes('`')) return null;
  const out: string[] = [];
  for (const part of s.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** `XDG_CACHE_HOME` when set to an absolute path, else `<home>/.cache`; null when neither is known. */
export function userCacheDir(env: RunEnvironment): string | null {
  const xdg = absPath(envOf(env, 'XDG_CACHE_HOME'));
  if (xdg) return xdg;
  return env.home ? join(env.home, '.cache') : null;
}

export function join(...parts: string[]): string {
  return absPath(parts.join('/')) ?? parts.join('/');
}

/** Is `inner` the same path as `outer` or below it? */
export function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith('/') ? outer : outer + '/');
}

/** The repository part of an image reference, without registry, tag or digest: `docker.io/library/node:20` → `node`. */
export function imageRepo(ref: string): string {
  let r = ref.toLowerCase().split('@')[0];
  const slash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  if (colon > slash) r = r.slice(0, colon);
  r = r.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  // Mirrors of the official images keep the `library/` path: `mirror.gcr.io/library/golang`,
  // `public.ecr.aws/docker/library/node`.
  const lib = r.lastIndexOf('library/');
  if (lib !== -1 && (lib === 0 || r[lib - 1] === '/')) r = r.slice(lib + 'library/'.length);
  return r;
}

/** The tag of an image reference (`node:20-alpine` → `20-alpine`), '' when none. */
export function imageTag(ref: string): string {
  const r = ref.toLowerCase().split('@')[0];
  const slash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  return colon > slash ? r.slice(colon + 1) : '';
}

/** A path-shaped argument that names local source (`.`, `./x`, `/src`, `file:…`). */
export function isLocalPath(a: string): boolean {
  return a === '.' || a === '..' || a.startsWith('./') || a.startsWith('../') || a.startsWith('/') || a.startsWith('file:');
}
