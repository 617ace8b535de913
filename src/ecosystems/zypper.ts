/**
 * zypper (openSUSE, SLES). Sources: zypp.conf(5) (cachedir default `/var/cache/zypp`,
 * with `raw/` metadata, `solv/` and `packages/` below it); OpenStack diskimage-builder's
 * zypper element (keeping downloaded packages outside the build root).
 *
 * Repository metadata is refreshed automatically when stale, so hiding it is harmless.
 * Packages are kept only for repositories with `keeppackages`; the mount still saves the
 * metadata download and parsing. `zypper clean` purges it.
 */
import type { Ecosystem } from './types.js';
import { hasFlag, positionals, unwrap } from './util.js';

const VALUE_FLAGS = ['-c', '--config', '-R', '--root', '--installroot', '-D', '--reposd-dir', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '-r', '--repo', '-t', '--type'];
const INSTALLS = new Set(['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'refresh', 'ref', 'source-install', 'si', 'download']);

const zypper: Ecosystem = {
  id: 'zypper',
  label: 'zypper',
  kind: 'cache',
  matches: (cmd) => unwrap(cmd).name === 'zypper',
  isInstall(cmd) {
    const u = unwrap(cmd);
    if (u.name !== 'zypper') return false;
    const s = positionals(u.args, VALUE_FLAGS)[0];
    return s !== undefined && s !== null && INSTALLS.has(s);
  },
  cacheTargets(cmd) {
    const { args } = unwrap(cmd);
    if (hasFlag(args, ['-R', '--root', '--installroot', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir'])) {
      return { skip: 'the command moves its root or cache directories' };
    }
    return { targets: [{ target: '/var/cache/zypp', sharing: 'locked' }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    const u = unwrap(cmd);
    if (u.name !== 'zypper') return false;
    const s = positionals(u.args, VALUE_FLAGS)[0];
    return s === 'clean' || s === 'cc';
  },
  sources: ['zypp.conf(5)', 'docs.openstack.org diskimage-builder zypper element'],
};

export default zypper;
