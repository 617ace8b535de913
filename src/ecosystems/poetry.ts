/**
 * Poetry. Sources: buildkit-semantics.md §3.2 "poetry" [poetry-config `cache-dir`: Unix
 * default `~/.cache/pypoetry`, `POETRY_CACHE_DIR`; `--no-cache`], §4 table; Poetry docs
 * "Configuration": `virtualenvs.path` defaults to `{cache-dir}/virtualenvs`,
 * `POETRY_VIRTUALENVS_*` env; python-poetry/poetry#3709; poetry source
 * (`REPOSITORY_CACHE_DIR = cache/repositories`, artifacts under `{cache-dir}/artifacts`).
 *
 * Trap: by default Poetry creates the project's virtualenv *inside* its cache dir, so a
 * mount on the whole cache dir would take the installed packages out of the image. Unless
 * the file shows the venv lives elsewhere (`virtualenvs.create false`, `in-project true`,
 * an explicit `POETRY_VIRTUALENVS_PATH` outside), only the download folders are mounted:
 * `{cache-dir}/cache` and `{cache-dir}/artifacts`.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, falsy, hasFlag, join, positionals, truthy, unwrap, userCacheDir, within } from './util.js';

export const VALUE_FLAGS = ['--only', '--with', '--without', '-E', '--extras', '-C', '--directory', '-P', '--project'];
const INSTALLS = new Set(['install', 'add', 'update', 'lock', 'sync']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'poetry' ? u : null;
}

const poetry: Ecosystem = {
  id: 'poetry',
  label: 'Poetry',
  kind: 'cache',
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    return !!u && INSTALLS.has(positionals(u.args, VALUE_FLAGS)[0] ?? '');
  },
  cacheTargets(_cmd, env) {
    const set = envOf(env, 'POETRY_CACHE_DIR');
    let dir: string | null;
    if (set !== undefined) {
      dir = absPath(set, env.home);
      if (!dir) return { skip: '`POETRY_CACHE_DIR` is relative or not known at this line (a build argument, or a variable of the base image)' };
    } else {
      const base = userCacheDir(env);
      if (!base) return { skip: "the user's home folder is unknown" };
      dir = join(base, 'pypoetry');
    }
    const venvPath = absPath(envOf(env, 'POETRY_VIRTUALENVS_PATH'), env.home);
    const venvOutside =
      falsy(envOf(env, 'POETRY_VIRTUALENVS_CREATE')) ||
      truthy(envOf(env, 'POETRY_VIRTUALENVS_IN_PROJECT')) ||
      (venvPath !== null && !within(venvPath, dir) && !within(dir, venvPath));
    if (venvOutside) return { targets: [{ target: dir }] };
    return {
      targets: [{ target: join(dir, 'cache') }, { target: join(dir, 'artifacts') }],
      notes: [`Poetry may keep its virtualenv in ${dir}/virtualenvs, so only its download folders are mounted`],
    };
  },
  cacheDisablingFlags: ['--no-cache'],
  cacheDisablingEnv: ['POETRY_NO_CACHE'],
  isCachePurge(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p[0] === 'cache' && p[1] === 'clear';
  },
  manifests: { required: ['pyproject.toml', 'poetry.lock'], optional: ['poetry.toml'] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u || positionals(u.args, VALUE_FLAGS)[0] !== 'install') return false;
    return hasFlag(u.args, ['--only-root']) || !hasFlag(u.args, ['--no-root']);
  },
  sources: ['buildkit-semantics.md §3.2 poetry, §4', 'python-poetry.org/docs/configuration (virtualenvs.path, cache-dir)', 'python-poetry/poetry#3709'],
};

export default poetry;
