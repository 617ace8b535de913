/**
 * Pipenv. Sources: buildkit-semantics.md §3.2 "pipenv" [pipenv-config: uses pip under the
 * hood; its own cache `PIPENV_CACHE_DIR` (default location not verified there)], §4 table
 * [pipenv#4086: `pipenv install --deploy --system`].
 *
 * Pipenv resolves and downloads through pip, so the pip cache is mounted. Pipenv's own
 * cache is mounted only where `PIPENV_CACHE_DIR` names it; its default is not a verified fact.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, hasFlag, join, positionals, unwrap, userCacheDir } from './util.js';

export const VALUE_FLAGS = ['--python', '--pypi-mirror', '-r', '--requirements', '--categories', '--extra-pip-args', '-i', '--index'];
const INSTALLS = new Set(['install', 'sync', 'lock', 'update', 'upgrade']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'pipenv' ? u : null;
}

const pipenv: Ecosystem = {
  id: 'pipenv',
  label: 'Pipenv',
  kind: 'cache',
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    return !!u && INSTALLS.has(positionals(u.args, VALUE_FLAGS)[0] ?? '');
  },
  cacheTargets(_cmd, env) {
    const targets = [];
    const pipDir = envOf(env, 'PIP_CACHE_DIR');
    if (pipDir !== undefined) {
      const t = absPath(pipDir, env.home);
      if (!t) return { skip: '`PIP_CACHE_DIR` is relative or not known at this line (a build argument, or a variable of the base image)' };
      targets.push({ target: t });
    } else {
      const base = userCacheDir(env);
      if (!base) return { skip: "the user's home folder is unknown" };
      targets.push({ target: join(base, 'pip') });
    }
    const own = envOf(env, 'PIPENV_CACHE_DIR');
    if (own !== undefined) {
      const t = absPath(own, env.home);
      if (!t) return { skip: '`PIPENV_CACHE_DIR` is relative or not known at this line (a build argument, or a variable of the base image)' };
      if (!targets.some((x) => x.target === t)) targets.push({ target: t });
    }
    return { targets };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: ['PIP_NO_CACHE_DIR'],
  isCachePurge: () => false,
  manifests: { required: ['Pipfile', 'Pipfile.lock'], optional: [] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return hasFlag(u.args, ['-e', '--editable']) || p.slice(1).some((a) => a === null || a === '.' || (a ?? '').startsWith('./'));
  },
  sources: ['buildkit-semantics.md §3.2 pipenv, §4'],
};

export default pipenv;
