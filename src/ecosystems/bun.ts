/**
 * Bun. Sources: buildkit-semantics.md §3.2 "bun" [bun-cache: cache `~/.bun/install/cache`,
 * `BUN_INSTALL_CACHE_DIR`; hard links on Linux with a copy fallback]; bun.sh/docs/install/cache
 * (`--no-cache`; `$BUN_INSTALL/install/cache`).
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, join, positionals, unwrap } from './util.js';

export const VALUE_FLAGS = ['--cwd', '-c', '--config', '--backend', '--cache-dir', '--registry', '--filter'];
const INSTALLS = new Set(['install', 'i', 'add', 'a', 'update', 'x']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'bun' || u.name === 'bunx' ? u : null;
}

const bun: Ecosystem = {
  id: 'bun',
  label: 'Bun',
  kind: 'cache',
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    if (u.name === 'bunx') return true;
    return INSTALLS.has(positionals(u.args, VALUE_FLAGS)[0] ?? '');
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const flagAt = u.args.findIndex((a) => a === '--cache-dir' || (a ?? '').startsWith('--cache-dir='));
    const flag = flagAt === -1 ? undefined : u.args[flagAt]!.includes('=') ? u.args[flagAt]!.split('=')[1] : u.args[flagAt + 1];
    const set = flag !== undefined ? flag : envOf(env, 'BUN_INSTALL_CACHE_DIR');
    if (set !== undefined) {
      const t = absPath(set, env.home);
      return t ? { targets: [{ target: t }] } : { skip: 'the Bun cache dir is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    const install = absPath(envOf(env, 'BUN_INSTALL'));
    if (install) return { targets: [{ target: join(install, 'install/cache') }] };
    if (!env.home) return { skip: "the user's home folder is unknown" };
    return { targets: [{ target: join(env.home, '.bun/install/cache') }] };
  },
  cacheDisablingFlags: ['--no-cache'],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p[0] === 'pm' && p[1] === 'cache' && (p[2] === 'rm' || p[2] === 'clean');
  },
  // bun reads the project's .npmrc (registries, auth) since 1.1.18 (bun.sh/docs/install/npmrc).
  manifests: { required: ['package.json'], optional: ['bun.lock', 'bun.lockb', 'bunfig.toml', '.npmrc'] },
  needsSource: () => false,
  sources: ['buildkit-semantics.md §3.2 bun', 'bun.sh/docs/install/cache'],
};

export default bun;
