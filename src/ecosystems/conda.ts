/**
 * conda, mamba, micromamba. Sources: buildkit-semantics.md §3.2 "conda / mamba / micromamba"
 * [conda-pkgs: package cache = `pkgs_dirs`, default `<root_prefix>/pkgs`, `CONDA_PKGS_DIRS`;
 * micromamba image: `MAMBA_ROOT_PREFIX=/opt/conda`, `USER mambauser` 57439], §3.3.
 *
 * The root prefix is only known from the environment (`CONDA_PKGS_DIRS`, `MAMBA_ROOT_PREFIX`,
 * `CONDA_DIR`) or a known base image (see `images.ts`); otherwise the RUN is skipped.
 * conda hard-links from `pkgs` into environments and copies across file systems.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, flagValue, hasFlag, join, offlineWhen, positionals, unwrap } from './util.js';

const NAMES = new Set(['conda', 'mamba', 'micromamba']);
const VALUE_FLAGS = ['-n', '--name', '-p', '--prefix', '-c', '--channel', '-f', '--file', '--override-channels', '-r', '--root-prefix'];
const INSTALLS = new Set(['install', 'create', 'update', 'upgrade']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return NAMES.has(u.name) ? u : null;
}

const conda: Ecosystem = {
  id: 'conda',
  label: 'conda',
  kind: 'cache',
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS.filter((f) => f !== '--override-channels'));
    return INSTALLS.has(p[0] ?? '') || (p[0] === 'env' && (p[1] === 'create' || p[1] === 'update'));
  },
  // `--offline` (or CONDA_OFFLINE): only packages already in the package cache.
  offline(cmd, env) {
    const u = view(cmd);
    return u ? offlineWhen(u.args, env, 'all', ['--offline'], ['CONDA_OFFLINE']) : null;
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const pkgs = envOf(env, 'CONDA_PKGS_DIRS');
    if (pkgs !== undefined) {
      const first = absPath(pkgs.split(',')[0], env.home);
      return first ? { targets: [{ target: first, sharing: 'locked' }] } : { skip: '`CONDA_PKGS_DIRS` is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    const rootFlag = flagValue(u.args, ['--root-prefix'], ['-r']);
    const root =
      u.name === 'micromamba'
        ? (rootFlag !== undefined ? absPath(rootFlag) : absPath(envOf(env, 'MAMBA_ROOT_PREFIX')))
        : (absPath(envOf(env, 'CONDA_DIR')) ?? absPath(envOf(env, 'CONDA_ROOT')) ?? absPath(envOf(env, 'MAMBA_ROOT_PREFIX')));
    if (!root) return { skip: 'the conda root prefix (and so its `pkgs` cache) is not known for this image; set `CONDA_PKGS_DIRS` to mount it' };
    // Concurrent conda processes on one package cache are not documented as safe: lock.
    return { targets: [{ target: join(root, 'pkgs'), sharing: 'locked' }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    const u = view(cmd);
    if (!u) return false;
    return positionals(u.args, VALUE_FLAGS)[0] === 'clean' && !hasFlag(u.args, ['--dry-run']);
  },
  manifests: { required: ['environment.yml'], optional: ['conda-lock.yml'] },
  needsSource: () => false,
  sources: ['buildkit-semantics.md §3.2 conda / mamba / micromamba, §3.3'],
};

export default conda;
