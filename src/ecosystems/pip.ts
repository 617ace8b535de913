/**
 * pip (`pip`, `pip3`, `pip3.12`, `python -m pip`). Sources: buildkit-semantics.md §3.2 "pip"
 * [pip-caching: default `~/.cache/pip`, respects `XDG_CACHE_HOME`, `PIP_CACHE_DIR`;
 * pip-cmdopt `_handle_no_cache_dir`: any value of `PIP_NO_CACHE_DIR` disables the cache;
 * python-image: official images set no `PIP_*`], §4 table (manifests).
 */
import type { CommandView, Ecosystem, RunEnvironment } from './types.js';
import { absPath, envOf, flagValue, hasFlag, isLocalPath, join, offlineWhen, positionals, unwrap, userCacheDir, within } from './util.js';

export const VALUE_FLAGS = ['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '--prefix', '--root', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--cache-dir', '--platform', '--python-version', '--implementation', '--abi', '--src', '--upgrade-strategy', '--progress-bar', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '-d', '--dest', '-w', '--wheel-dir', '--only-binary', '--no-binary', '--config-settings', '-C', '--global-option', '--python', '--report', '--root-user-action', '--use-feature', '--use-deprecated'];

export function isPipName(name: string): boolean {
  return /^pip(\d+(\.\d+)?)?$/.test(name);
}

function pipView(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return isPipName(u.name) ? u : null;
}

function sub(u: CommandView): string | null {
  return positionals(u.args, VALUE_FLAGS)[0] ?? null;
}

/** Folders pip writes the install into, when the command says (`--target`, `--prefix`, `--root`, `--user`). */
export function pipDestinations(u: CommandView, env: RunEnvironment): (string | null)[] {
  const out: (string | null)[] = [];
  for (const [long, short] of [[['--target'], ['-t']], [['--prefix'], []], [['--root'], []], [['--dest', '--wheel-dir'], ['-d', '-w']]] as const) {
    const v = flagValue(u.args, [...long], [...short]);
    if (v !== undefined) out.push(absPath(v, env.home) ?? (v && env.workdir && !v.startsWith('$') ? absPath(join(env.workdir, v)) : null));
  }
  if (hasFlag(u.args, ['--user'])) out.push(absPath(envOf(env, 'PYTHONUSERBASE')) ?? (env.home ? join(env.home, '.local') : null));
  return out;
}

const pip: Ecosystem = {
  id: 'pip',
  label: 'pip',
  kind: 'cache',
  matches: (cmd) => pipView(cmd) !== null,
  isInstall(cmd) {
    const u = pipView(cmd);
    if (!u) return false;
    const s = sub(u);
    return s === 'install' || s === 'download' || s === 'wheel';
  },
  // `--no-index` (or PIP_NO_INDEX): packages come only from `--find-links` folders or local
  // paths; nothing is downloaded, so a mount would only be noise.
  offline(cmd, env) {
    const u = pipView(cmd);
    return u ? offlineWhen(u.args, env, 'none', ['--no-index'], ['PIP_NO_INDEX']) : null;
  },
  cacheTargets(cmd, env) {
    const u = pipView(cmd)!;
    const flag = flagValue(u.args, ['--cache-dir']);
    let target: string | null;
    if (flag !== undefined) {
      target = absPath(flag, env.home);
      if (!target) return { skip: 'the command names its cache with a relative or dynamic `--cache-dir`' };
    } else if (envOf(env, 'PIP_CACHE_DIR') !== undefined) {
      target = absPath(envOf(env, 'PIP_CACHE_DIR'), env.home);
      if (!target) return { skip: '`PIP_CACHE_DIR` is relative or not known at this line (a build argument, or a variable of the base image)' };
    } else {
      const base = userCacheDir(env);
      if (!base) return { skip: "the user's home folder is unknown" };
      target = join(base, 'pip');
    }
    // An install destination inside (or around) the cache would vanish with the mount.
    for (const d of pipDestinations(u, env)) {
      if (d === null) return { skip: 'the install destination is dynamic' };
      if (within(d, target) || within(target, d)) return { skip: `the install destination ${d} overlaps the cache ${target}` };
    }
    return { targets: [{ target }] };
  },
  cacheDisablingFlags: ['--no-cache-dir'],
  cacheDisablingEnv: ['PIP_NO_CACHE_DIR'],
  isCachePurge(cmd) {
    const u = pipView(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p[0] === 'cache' && (p[1] === 'purge' || p[1] === 'remove');
  },
  manifests: { required: ['requirements.txt'], optional: ['constraints.txt'] },
  needsSource(cmd) {
    const u = pipView(cmd);
    if (!u || sub(u) !== 'install') return false;
    if (hasFlag(u.args, ['-e', '--editable'])) return true;
    const p = positionals(u.args, VALUE_FLAGS).slice(1);
    return p.some((a) => a === null || isLocalPath(a) || /\.(whl|tar\.gz|zip)$/.test(a));
  },
  sources: ['buildkit-semantics.md §3.2 pip, §4', 'pip docs "Caching" (pypa/pip docs/html/topics/caching.md)'],
};

export default pip;
