/**
 * Which folder is a Dockerfile's build context? In order:
 *
 * 1. `--context DIR`, when given.
 * 2. A Compose file (`compose.yaml`, `compose.yml`, `docker-compose.yaml`,
 *    `docker-compose.yml`) next to the Dockerfile or in a parent folder up to the
 *    repository root, with a service whose `build` names this Dockerfile: `build: <dir>`
 *    or `build.context` with the default `Dockerfile` in it, or `build.dockerfile`
 *    resolved against `build.context`. The nearest Compose file wins; in it, the first
 *    matching service. Contexts that are URLs or use `${VARIABLES}` are not followed.
 * 3. The Dockerfile's own folder.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

/** The YAML parser loads only when a Compose file is found (it costs ~50 ms of start-up). */
const requireHere = createRequire(import.meta.url);
function parseYaml(text: string): unknown {
  return (requireHere('yaml') as typeof import('yaml')).parse(text);
}

export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const MAX_COMPOSE_BYTES = 1024 * 1024;

export interface ResolvedContext {
  dir: string;
  source: 'option' | 'compose' | 'dockerfile';
  /** When found through Compose: the file and the service. */
  compose?: { file: string; service: string; build?: ComposeBuild };
}

/** A Compose service's build settings that `--verify` passes to its builds (interpolated values left out). */
export interface ComposeBuild {
  args: Record<string, string>;
  target?: string;
  platform?: string;
}

/** Reads `build.args` (map or `K=V` list), `build.target`, the first of `build.platforms`/`platform`. Pure. */
export function composeBuild(build: unknown, service: unknown): ComposeBuild {
  const out: ComposeBuild = { args: {} };
  if (!build || typeof build !== 'object') return out;
  const b = build as { args?: unknown; target?: unknown; platforms?: unknown };
  const plain = (v: unknown): v is string | number | boolean => (typeof v === 'string' && !v.includes('$')) || typeof v === 'number' || typeof v === 'boolean';
  if (Array.isArray(b.args)) {
    for (const a of b.args) if (typeof a === 'string' && a.includes('=') && !a.includes('$')) out.args[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
  } else if (b.args && typeof b.args === 'object') {
    for (const [k, v] of Object.entries(b.args as Record<string, unknown>)) if (plain(v)) out.args[k] = String(v);
  }
  if (typeof b.target === 'string' && !b.target.includes('$')) out.target = b.target;
  const platform = Array.isArray(b.platforms) ? b.platforms[0] : (service as { platform?: unknown } | null)?.platform;
  if (typeof platform === 'string' && !platform.includes('$')) out.platform = platform;
  return out;
}

/** The nearest folder at or above `dir` that holds `.git` (a folder, or a file in worktrees), or null. */
export function findRepoRoot(dir: string): string | null {
  let d = resolve(dir);
  for (;;) {
    if (existsSync(join(d, '.git'))) return d;
    const parent = dirname(d);
    if (parent === d) return null;
    d = parent;
  }
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A path from a Compose file that we can follow: not a URL, no variable interpolation. */
function plainPath(v: unknown): v is string {
  return typeof v === 'string' && v !== '' && !v.includes('$') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !v.startsWith('git@');
}

/** The Compose services that build `dockerfile` (absolute, real path): their contexts. */
export function composeContextFor(composeFile: string, dockerfile: string): { dir: string; service: string; build: ComposeBuild } | null {
  let doc: unknown;
  try {
    if (statSync(composeFile).size > MAX_COMPOSE_BYTES) return null;
    doc = parseYaml(readFileSync(composeFile, 'utf8'));
  } catch {
    return null; // Not ours to judge: an unreadable or invalid Compose file just does not help.
  }
  const services = (doc as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') return null;
  const base = dirname(composeFile);
  for (const [name, svc] of Object.entries(services as Record<string, unknown>)) {
    const build = (svc as { build?: unknown } | null)?.build;
    let context: string;
    let file = 'Dockerfile';
    if (typeof build === 'string') {
      if (!plainPath(build)) continue;
      context = resolve(base, build);
    } else if (build && typeof build === 'object') {
      const b = build as { context?: unknown; dockerfile?: unknown };
      if (b.context !== undefined && !plainPath(b.context)) continue;
      context = resolve(base, (b.context as string | undefined) ?? '.');
      if (b.dockerfile !== undefined) {
        if (!plainPath(b.dockerfile)) continue;
        file = b.dockerfile;
      }
    } else continue;
    const target = isAbsolute(file) ? file : join(context, file);
    if (real(target) === dockerfile && isDir(context)) return { dir: context, service: name, build: composeBuild(build, svc) };
  }
  return null;
}

export function resolveBuildContext(dockerfilePath: string, opts: { context?: string } = {}): ResolvedContext {
  if (opts.context) return { dir: resolve(opts.context), source: 'option' };
  const dockerfile = real(dockerfilePath);
  const own = dirname(resolve(dockerfilePath));
  const stop = findRepoRoot(own);
  for (let d = own; ; ) {
    for (const name of COMPOSE_FILES) {
      const f = join(d, name);
      if (!existsSync(f)) continue;
      const hit = composeContextFor(f, dockerfile);
      if (hit) return { dir: hit.dir, source: 'compose', compose: { file: f, service: hit.service, build: hit.build } };
    }
    const parent = dirname(d);
    if (d === stop || parent === d) break;
    d = parent;
  }
  return { dir: own, source: 'dockerfile' };
}
