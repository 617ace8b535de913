/**
 * uv. Sources: buildkit-semantics.md §3.2 "uv" [uv-docker: cache `~/.cache/uv`, `UV_CACHE_DIR`,
 * `UV_LINK_MODE=copy` silences the hard-link warning, `--no-cache`/`UV_NO_CACHE` conflict],
 * §4 table.
 *
 * uv links installed files from its cache. Across the mount boundary hard links fail and
 * uv copies (a warning, same result). With `--link-mode symlink` the environment would point
 * into the cache mount and break after the RUN: skipped.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, flagValue, hasFlag, join, offlineWhen, positionals, unwrap, userCacheDir } from './util.js';

export const VALUE_FLAGS = ['--cache-dir', '-p', '--python', '--link-mode', '--index-url', '--extra-index-url', '-i', '--default-index', '--index', '-f', '--find-links', '-r', '--requirement', '-c', '--constraint', '--target', '--prefix', '--project', '--directory', '--extra', '--group', '--only-group', '--package', '--with', '-w', '--python-platform', '--config-file', '-o', '--output-file', '--no-install-package'];
const INSTALL_SUBS = new Set(['sync', 'add', 'lock', 'run', 'remove', 'export']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'uv' || u.name === 'uvx' ? u : null;
}

const uv: Ecosystem = {
  id: 'uv',
  label: 'uv',
  kind: 'cache',
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    if (u.name === 'uvx') return true;
    const p = positionals(u.args, VALUE_FLAGS);
    if (INSTALL_SUBS.has(p[0] ?? '')) return true;
    if (p[0] === 'pip') return ['install', 'sync', 'compile'].includes(p[1] ?? '');
    if (p[0] === 'tool') return ['install', 'run', 'upgrade'].includes(p[1] ?? '');
    return false;
  },
  // `--offline` (or UV_OFFLINE): only what the uv cache already holds.
  offline(cmd, env) {
    const u = view(cmd);
    return u ? offlineWhen(u.args, env, 'all', ['--offline'], ['UV_OFFLINE']) : null;
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const link = flagValue(u.args, ['--link-mode']) ?? envOf(env, 'UV_LINK_MODE');
    if (link === null || link === 'symlink') return { skip: 'uv links installed files into its cache (`symlink` link mode): they would point into the mount' };
    const flag = flagValue(u.args, ['--cache-dir']);
    const set = flag !== undefined ? flag : envOf(env, 'UV_CACHE_DIR');
    if (set !== undefined) {
      const t = absPath(set, env.home);
      return t ? { targets: [{ target: t }] } : { skip: 'the uv cache dir is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    const base = userCacheDir(env);
    if (!base) return { skip: "the user's home folder is unknown" };
    return { targets: [{ target: join(base, 'uv') }] };
  },
  cacheDisablingFlags: ['--no-cache', '-n'],
  cacheDisablingEnv: ['UV_NO_CACHE'],
  isCachePurge(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p[0] === 'cache' && p[1] === 'clean';
  },
  // uv.toml: project-level uv settings (index URLs, sources) read by `uv sync` (docs.astral.sh/uv/configuration/files).
  manifests: { required: ['pyproject.toml', 'uv.lock'], optional: ['.python-version', 'uv.toml'] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    if (p[0] === 'sync') return !hasFlag(u.args, ['--no-install-project', '--no-install-workspace', '--only-group']);
    if (p[0] === 'pip' && p[1] === 'install') return hasFlag(u.args, ['-e', '--editable']) || p.slice(2).some((a) => a === null || a === '.' || (a ?? '').startsWith('./'));
    return p[0] === 'run';
  },
  sources: ['buildkit-semantics.md §3.2 uv, §4', 'uv docs "Using uv in Docker" (astral-sh/uv docs/guides/integration/docker.md)'],
};

export default uv;
