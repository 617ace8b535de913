/**
 * pnpm. Sources: buildkit-semantics.md §3.2 "pnpm" [pnpm-docker: `ENV PNPM_HOME=/pnpm`,
 * `--mount=type=cache,id=pnpm,target=/pnpm/store`; pnpm-store: store `$PNPM_HOME/store`,
 * else `$XDG_DATA_HOME/pnpm/store`, else `~/.local/share/pnpm/store`; a store on another file
 * system makes pnpm copy instead of hard-linking], §4 table [pnpm-fetch].
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, flagValue, join, offlineWhen, positionals, unwrap } from './util.js';
import { npmEnv } from './npm.js';

export const VALUE_FLAGS = ['--store-dir', '--filter', '-F', '--dir', '-C', '--reporter', '--config.store-dir', '--virtual-store-dir', '--modules-dir'];
const INSTALLS = new Set(['install', 'i', 'add', 'update', 'up', 'fetch', 'dlx', 'import', 'deploy']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  if (u.name === 'pnpm' || u.name === 'pnpx') return u;
  if (u.name === 'corepack' && u.args[0] === 'pnpm') return { name: 'pnpm', args: u.args.slice(1), assignments: u.assignments };
  return null;
}

const pnpm: Ecosystem = {
  id: 'pnpm',
  label: 'pnpm',
  kind: 'cache',
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    if (u.name === 'pnpx') return true;
    const p = positionals(u.args, VALUE_FLAGS);
    return p.length === 0 || INSTALLS.has(p[0] ?? '');
  },
  // `--offline`: only what the store already holds (the `pnpm fetch` + `install --offline` recipe).
  offline(cmd, env) {
    const u = view(cmd);
    return u ? offlineWhen(u.args, env, 'all', ['--offline']) : null;
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const flag = flagValue(u.args, ['--store-dir', '--config.store-dir']);
    const set = flag !== undefined ? flag : (npmEnv(env, 'store_dir') ?? envOf(env, 'pnpm_config_store_dir'));
    if (set !== undefined) {
      const t = absPath(set, env.home);
      return t ? { targets: [{ target: t, id: 'pnpm' }] } : { skip: 'the pnpm store dir is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    if (env.context?.read('.npmrc')?.match(/^\s*store-dir\s*=/m)) return { skip: '`.npmrc` sets `store-dir`' };
    if (env.context?.read('.npmrc')?.match(/^\s*node-linker\s*=\s*pnp\b/m)) return { skip: '`node-linker=pnp` runs packages from the store' };
    const home = absPath(envOf(env, 'PNPM_HOME'));
    if (home) return { targets: [{ target: join(home, 'store'), id: 'pnpm' }] };
    const data = absPath(envOf(env, 'XDG_DATA_HOME'));
    if (data) return { targets: [{ target: join(data, 'pnpm/store'), id: 'pnpm' }] };
    if (!env.home) return { skip: "the user's home folder is unknown" };
    return { targets: [{ target: join(env.home, '.local/share/pnpm/store'), id: 'pnpm' }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p[0] === 'store' && p[1] === 'prune';
  },
  manifests: { required: ['package.json', 'pnpm-lock.yaml'], optional: ['pnpm-workspace.yaml', '.npmrc', '.pnpmfile.cjs'] },
  needsSource: () => false,
  sources: ['buildkit-semantics.md §3.2 pnpm, §4', 'pnpm.io/docker', 'pnpm.io/settings (store-dir)'],
};

export default pnpm;
