/**
 * Yarn classic (v1) and Yarn berry (v2+): both run as `yarn`; which one a project uses is
 * read from the build context (`.yarnrc.yml`, `.yarn/releases`, `packageManager` in
 * package.json) or from the Dockerfile (`yarn set version`, `corepack`).
 *
 * Classic. Sources: buildkit-semantics.md §3.2 "yarn v1" [yarn1-dirs: as root the cache is
 * `/usr/local/share/.cache/yarn` (`$XDG_CACHE_HOME/yarn` if set), non-root `~/.cache/yarn`;
 * `YARN_CACHE_FOLDER`, `--cache-folder`; not safe for concurrent yarn processes →
 * `sharing=locked`].
 *
 * Berry. Sources: §3.2 "yarn berry" [berry-rc: `enableGlobalCache` → `<globalFolder>/cache`
 * = `~/.yarn/berry/cache`; zero-installs commit `.yarn/cache`]; yarnpkg.com configuration
 * (`nodeLinker`, `nmMode`). Trap: with Plug'n'Play (berry's default linker) and the global
 * cache, the installed packages *are* the zip files in the cache (`.pnp.cjs` points there),
 * so a cache mount would take them out of the image. Berry is mounted only when the context
 * shows `nodeLinker: node-modules` (or `pnpm`) with the global cache on.
 */
import type { CommandView, Ecosystem, RunEnvironment } from './types.js';
import { absPath, envOf, falsy, flagValue, join, offlineWhen, positionals, unwrap } from './util.js';

export const VALUE_FLAGS = ['--cache-folder', '--modules-folder', '--cwd', '--network-timeout', '--mutex', '--registry', '--global-folder', '--mode'];

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  if (u.name === 'yarn' || u.name === 'yarnpkg') return u;
  // `corepack yarn install`
  if (u.name === 'corepack' && u.args[0] === 'yarn') return { name: 'yarn', args: u.args.slice(1), assignments: u.assignments };
  return null;
}

function sub(u: CommandView): string | null {
  const p = positionals(u.args, VALUE_FLAGS);
  return p.length === 0 ? 'install' : p[0]; // bare `yarn` installs
}

function isInstallView(u: CommandView): boolean {
  // `yarn --version`, `yarn -v`, `yarn --help` print and exit.
  if (positionals(u.args, VALUE_FLAGS).length === 0 && u.args.some((a) => a === '--version' || a === '-v' || a === '--help' || a === '-h')) return false;
  const s = sub(u);
  return s === 'install' || s === 'add' || s === 'upgrade' || s === 'up' || s === 'global' || s === 'dlx' || s === 'import';
}

/** Simple `key: value` lines of a `.yarnrc.yml` (enough for top-level scalars). */
export function readYarnrc(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (m) out.set(m[1], m[2].replace(/^["']|["']$/g, ''));
  }
  return out;
}

/** Is this project on Yarn berry? true/false when known, null when the evidence is missing. */
export function yarnBerry(env: RunEnvironment, cmd?: CommandView): boolean | null {
  // `--immutable` exists only in berry (classic has `--frozen-lockfile`).
  const u = cmd ? view(cmd) : null;
  if (u && u.args.some((a) => a === '--immutable' || a === '--immutable-cache')) return true;
  // An earlier `yarn set version 4` / `corepack prepare yarn@4` in the Dockerfile.
  for (const c of [...(env.previousCommands ?? [])].reverse()) {
    const p = unwrap(c);
    if ((p.name === 'yarn' || p.name === 'yarnpkg') && p.args[0] === 'set' && p.args[1] === 'version') {
      const v = p.args[2];
      if (v === null || v === undefined) return null;
      return v === 'classic' ? false : /^(berry|stable|canary|latest)$/.test(v) || Number(/^(\d+)/.exec(v)?.[1] ?? 0) >= 2;
    }
    if (p.name === 'corepack' && (p.args[0] === 'prepare' || p.args[0] === 'use' || p.args[0] === 'install')) {
      const spec = p.args.find((a) => (a ?? '').startsWith('yarn@'));
      if (spec) {
        const v = spec.slice(5);
        if (/^(stable|berry|canary|latest)/.test(v)) return true;
        const m = /^(\d+)/.exec(v);
        return m ? Number(m[1]) >= 2 : null;
      }
    }
  }
  const ctx = env.context;
  if (!ctx) return null;
  if (ctx.exists('.yarnrc.yml')) return true;
  const pkg = ctx.read('package.json');
  if (pkg) {
    const m = /"packageManager"\s*:\s*"yarn@(\d+)/.exec(pkg);
    if (m) return Number(m[1]) >= 2;
  }
  if (ctx.exists('yarn.lock')) {
    const lock = ctx.read('yarn.lock');
    if (lock && /__metadata:/.test(lock)) return true;
    if (lock && /# yarn lockfile v1/.test(lock)) return false;
  }
  return ctx.exists('.yarnrc') ? false : null;
}

export const yarnClassic: Ecosystem = {
  id: 'yarn',
  label: 'Yarn classic',
  kind: 'cache',
  matches(cmd, env) {
    return view(cmd) !== null && (!env || yarnBerry(env, cmd) !== true);
  },
  isInstall(cmd) {
    const u = view(cmd);
    return !!u && isInstallView(u);
  },
  // `--offline`: only what the Yarn cache (or offline mirror) already holds.
  offline(cmd, env) {
    const u = view(cmd);
    return u ? offlineWhen(u.args, env, 'all', ['--offline']) : null;
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const flag = flagValue(u.args, ['--cache-folder']);
    const set = flag !== undefined ? flag : envOf(env, 'YARN_CACHE_FOLDER');
    if (set !== undefined) {
      const t = absPath(set, env.home);
      return t ? { targets: [{ target: t, sharing: 'locked' }] } : { skip: 'the Yarn cache folder is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    const xdg = absPath(envOf(env, 'XDG_CACHE_HOME'));
    if (xdg) return { targets: [{ target: join(xdg, 'yarn'), sharing: 'locked' }] };
    // As root, Yarn 1 uses /usr/local/share as its home on Linux (user-home-dir.js).
    if (env.root) return { targets: [{ target: '/usr/local/share/.cache/yarn', sharing: 'locked' }] };
    if (!env.home) return { skip: "the user's home folder is unknown" };
    return { targets: [{ target: join(env.home, '.cache/yarn'), sharing: 'locked' }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge: isCacheClean,
  manifests: { required: ['package.json', 'yarn.lock'], optional: ['.yarnrc', '.npmrc'] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u) return false;
    return positionals(u.args, VALUE_FLAGS).slice(1).some((a) => a === null || (a ?? '').startsWith('file:') || (a ?? '').startsWith('./'));
  },
  sources: ['buildkit-semantics.md §3.2 yarn v1, §4', 'yarnpkg/yarn src/util/user-home-dir.js (via the semantics doc)'],
};

/** `yarn cache clean`, in both Yarn lines. */
function isCacheClean(cmd: CommandView): boolean {
  const u = view(cmd);
  if (!u) return false;
  const p = positionals(u.args, VALUE_FLAGS);
  return p[0] === 'cache' && p[1] === 'clean';
}

export const yarnBerryEcosystem: Ecosystem = {
  id: 'yarn-berry',
  label: 'Yarn berry',
  kind: 'cache',
  matches(cmd, env) {
    return view(cmd) !== null && !!env && yarnBerry(env, cmd) === true;
  },
  isInstall(cmd) {
    const u = view(cmd);
    return !!u && isInstallView(u);
  },
  cacheTargets(_cmd, env) {
    if (!env.context && envOf(env, 'YARN_NODE_LINKER') === undefined) {
      return { skip: "without the build context's `.yarnrc.yml` the linker is unknown, and with Plug'n'Play (berry's default) the packages run straight from the cache a mount would take out of the image" };
    }
    const rc = readYarnrc(env.context?.read('.yarnrc.yml') ?? '');
    const linker = envOf(env, 'YARN_NODE_LINKER') ?? rc.get('nodeLinker') ?? 'pnp';
    if (linker !== 'node-modules' && linker !== 'pnpm') {
      return { skip: "Yarn berry's Plug'n'Play linker runs packages straight from its cache: a cache mount would take them out of the image" };
    }
    const nmMode = envOf(env, 'YARN_NM_MODE') ?? rc.get('nmMode');
    if (nmMode === 'hardlinks-global') return { skip: '`nmMode: hardlinks-global` links node_modules into the global cache' };
    const global = envOf(env, 'YARN_ENABLE_GLOBAL_CACHE') ?? rc.get('enableGlobalCache');
    if (falsy(global)) return { skip: 'the project keeps its Yarn cache in the project (`enableGlobalCache: false`, often committed for zero-installs)' };
    if (envOf(env, 'YARN_CACHE_FOLDER') !== undefined || rc.has('cacheFolder')) return { skip: 'the Yarn cache folder is configured (`cacheFolder`)' };
    const folder = envOf(env, 'YARN_GLOBAL_FOLDER') ?? rc.get('globalFolder');
    if (folder !== undefined) {
      const t = absPath(folder, env.home);
      return t ? { targets: [{ target: join(t, 'cache'), sharing: 'locked' }] } : { skip: 'the Yarn global folder is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    if (!env.home) return { skip: "the user's home folder is unknown" };
    return { targets: [{ target: join(env.home, '.yarn/berry/cache'), sharing: 'locked' }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge: isCacheClean,
  manifests: { required: ['package.json', 'yarn.lock'], optional: ['.yarnrc.yml', '.yarn/releases/', '.yarn/plugins/', '.yarn/patches/'] },
  needsSource: () => false,
  sources: ['buildkit-semantics.md §3.2 yarn berry, §4', 'yarnpkg.com/configuration/yarnrc (nodeLinker, nmMode, enableGlobalCache)'],
};
