/**
 * Bundler. Sources: buildkit-semantics.md §3.2 "Bundler" [ruby-image: `GEM_HOME=/usr/local/bundle`
 * is the install destination, never a cache mount; bundle-config: downloaded `.gem` files go
 * to the install path's `cache/` unless `BUNDLE_GLOBAL_GEM_CACHE=true`, which uses
 * `BUNDLE_USER_CACHE` (= `$BUNDLE_USER_HOME/cache` = `~/.bundle/cache`)], §4 table;
 * rubygems `bundle-config(1)` (`global_gem_cache` also caches compiled extensions).
 *
 * Without the global gem cache there is nothing to mount: the download cache is inside the
 * install destination. Turning it on needs an ENV change (image config), so the module
 * reports that instead.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, join, offlineWhen, positionals, truthy, unwrap } from './util.js';

export const VALUE_FLAGS = ['--gemfile', '--path', '--jobs', '-j', '--retry', '--without', '--with', '--binstubs', '--shebang', '--standalone', '--trust-policy'];

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'bundle' || u.name === 'bundler' ? u : null;
}

const bundler: Ecosystem = {
  id: 'bundler',
  label: 'Bundler',
  kind: 'cache',
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p.length === 0 || ['install', 'update', 'package', 'cache'].includes(p[0] ?? '');
  },
  // `--local`: no network; gems come from the installed set, the gem caches or vendor/cache.
  offline(cmd, env) {
    const u = view(cmd);
    return u ? offlineWhen(u.args, env, 'all', ['--local']) : null;
  },
  cacheTargets(_cmd, env) {
    if (!truthy(envOf(env, 'BUNDLE_GLOBAL_GEM_CACHE'))) {
      return { skip: 'Bundler keeps downloaded gems inside its install path unless `BUNDLE_GLOBAL_GEM_CACHE=true`; setting that is an ENV change, so no mount was added' };
    }
    const cache = envOf(env, 'BUNDLE_USER_CACHE');
    if (cache !== undefined) {
      const t = absPath(cache, env.home);
      return t ? { targets: [{ target: t }] } : { skip: '`BUNDLE_USER_CACHE` is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    const userHome = envOf(env, 'BUNDLE_USER_HOME');
    if (userHome !== undefined) {
      const t = absPath(userHome, env.home);
      return t ? { targets: [{ target: join(t, 'cache') }] } : { skip: '`BUNDLE_USER_HOME` is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    if (!env.home) return { skip: "the user's home folder is unknown" };
    return { targets: [{ target: join(env.home, '.bundle/cache') }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge: () => false,
  manifests: { required: ['Gemfile', 'Gemfile.lock'], optional: [] },
  needsSource: () => false,
  sources: ['buildkit-semantics.md §3.2 Bundler, §3.3, §4', 'bundle-config(1) global_gem_cache'],
};

export default bundler;
