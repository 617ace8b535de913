/**
 * Composer (PHP). Sources: buildkit-semantics.md §3.2 "Composer" [composer-factory: cache dir
 * precedence `COMPOSER_CACHE_DIR` > `$COMPOSER_HOME/cache` > XDG (`~/.cache/composer` if any
 * `XDG_*` variable is set or `/etc/xdg` exists) > `~/.composer/cache`; composer-image:
 * `COMPOSER_HOME=/tmp` ⇒ `/tmp/cache`], §3.3, §4 table [composer-cli].
 *
 * Whether `/etc/xdg` exists in an unknown image is not visible from the Dockerfile, so both
 * home candidates are mounted then (the unused one stays empty).
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, hasFlag, join, offlineWhen, positionals, unwrap } from './util.js';

export const VALUE_FLAGS = ['-d', '--working-dir', '--prefer-install'];
const INSTALLS = new Set(['install', 'i', 'update', 'u', 'upgrade', 'require', 'r', 'create-project', 'reinstall']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  if (u.name === 'composer' || u.name === 'composer.phar') return u;
  if (u.name === 'php' && typeof u.args[0] === 'string' && /(^|\/)composer(\.phar)?$/.test(u.args[0])) return { name: 'composer', args: u.args.slice(1), assignments: u.assignments };
  return null;
}

const composer: Ecosystem = {
  id: 'composer',
  label: 'Composer',
  kind: 'cache',
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    if (p[0] === 'global') return INSTALLS.has(p[1] ?? '');
    return INSTALLS.has(p[0] ?? '');
  },
  // COMPOSER_DISABLE_NETWORK: only what the Composer cache already holds.
  offline(cmd, env) {
    const u = view(cmd);
    return u ? offlineWhen(u.args, env, 'all', [], ['COMPOSER_DISABLE_NETWORK']) : null;
  },
  cacheTargets(_cmd, env) {
    const dir = envOf(env, 'COMPOSER_CACHE_DIR');
    if (dir !== undefined) {
      const t = absPath(dir, env.home);
      return t ? { targets: [{ target: t }] } : { skip: '`COMPOSER_CACHE_DIR` is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    const home = envOf(env, 'COMPOSER_HOME');
    if (home !== undefined) {
      const t = absPath(home, env.home);
      return t ? { targets: [{ target: join(t, 'cache') }] } : { skip: '`COMPOSER_HOME` is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    const xdgCache = absPath(envOf(env, 'XDG_CACHE_HOME'));
    if (xdgCache) return { targets: [{ target: join(xdgCache, 'composer') }] };
    if (!env.home) return { skip: "the user's home folder is unknown" };
    if ([...env.env.keys()].some((k) => k.startsWith('XDG_'))) return { targets: [{ target: join(env.home, '.cache/composer') }] };
    return { targets: [{ target: join(env.home, '.cache/composer') }, { target: join(env.home, '.composer/cache') }] };
  },
  cacheDisablingFlags: ['--no-cache'],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return ['clear-cache', 'clearcache', 'cc'].includes(p[0] ?? '');
  },
  // symfony.lock: Symfony Flex reads it during the install to know which recipes are applied.
  manifests: { required: ['composer.json'], optional: ['composer.lock', 'auth.json', 'symfony.lock'] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u) return false;
    return !hasFlag(u.args, ['--no-scripts']) || !hasFlag(u.args, ['--no-autoloader']);
  },
  sources: ['buildkit-semantics.md §3.2 Composer, §3.3, §4'],
};

export default composer;
