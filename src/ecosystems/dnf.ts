/**
 * dnf (Fedora, RHEL 8+, Rocky, Alma, CentOS Stream) and yum (CentOS 7, Amazon Linux 2).
 * Sources: buildkit-semantics.md §3.2 "dnf / yum" [dnf5-caching(7); dnf5 5.0.12 notes;
 * Oracle dnf.conf doc]; Red Hat deployment guide "Working with Yum Cache" (keepcache,
 * /var/cache/yum).
 *
 * dnf5 (Fedora 41+) caches in /var/cache/libdnf5, dnf4 in /var/cache/dnf, yum in
 * /var/cache/yum. `keepcache` defaults to off (packages deleted after a successful
 * transaction), so the recipe adds `--setopt=keepcache=…` to the command: the packages then
 * stay in the mount only, and the image is unchanged.
 */
import type { CommandView, Ecosystem, RunEnvironment } from './types.js';
import { hasFlag, imageRepo, imageTag, offlineWhen, positionals, unwrap } from './util.js';

const VALUE_FLAGS = ['-c', '--config', '--installroot', '--releasever', '--setopt', '-x', '--exclude', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--forcearch', '-d', '--debuglevel', '-e', '--errorlevel', '--nogpgcheck'];
const INSTALLS = new Set(['install', 'in', 'update', 'upgrade', 'up', 'reinstall', 'downgrade', 'groupinstall', 'group', 'makecache', 'builddep', 'download', 'distro-sync', 'localinstall', 'module', 'swap']);

function sub(cmd: CommandView): string | null {
  return positionals(unwrap(cmd).args, VALUE_FLAGS.filter((f) => f !== '--nogpgcheck'))[0] ?? null;
}

/**
 * Which rpm front end an image ships, from its name and tag: `yum` (CentOS ≤ 7, Amazon
 * Linux 2), `dnf4` (RHEL-family 8+, Fedora ≤ 40, Amazon Linux 2023), `dnf5` (Fedora 41+);
 * null when the image is not one of these.
 */
export function rpmFrontEnd(baseImage: string): 'yum' | 'dnf4' | 'dnf5' | null {
  const repo = imageRepo(baseImage);
  const tag = imageTag(baseImage);
  const major = /^(\d+)/.exec(tag.replace(/^(stream|centos)/, ''));
  const m = major ? Number(major[1]) : null;
  const last = repo.split('/').pop() ?? repo;
  if (last === 'fedora' || last === 'fedora-minimal') return m === null ? (tag === '' || tag === 'latest' ? 'dnf5' : null) : m >= 41 ? 'dnf5' : 'dnf4';
  if (last === 'centos') return m === null ? (/stream/.test(tag) ? 'dnf4' : null) : m <= 7 ? 'yum' : 'dnf4';
  if (last === 'amazonlinux') return m === null ? null : m === 2 ? 'yum' : 'dnf4';
  if (/(^|\/)ubi(8|9|10)(\/|-|$)/.test(repo)) return 'dnf4';
  if (/^(rockylinux|almalinux|oraclelinux|stream8|stream9|stream10)/.test(last)) return m !== null && m <= 7 ? 'yum' : 'dnf4';
  return null;
}

function makeRpmEcosystem(id: 'dnf' | 'yum'): Ecosystem {
  const names = id === 'dnf' ? new Set(['dnf', 'dnf5', 'dnf-3']) : new Set(['yum']);
  return {
    id,
    label: id,
    kind: 'cache',
    matches: (cmd) => names.has(unwrap(cmd).name),
    isInstall(cmd) {
      if (!names.has(unwrap(cmd).name)) return false;
      const s = sub(cmd);
      return s !== null && INSTALLS.has(s);
    },
    // `-C`/`--cacheonly`: metadata and packages from the local cache only.
    offline: (cmd, env) => (names.has(unwrap(cmd).name) ? offlineWhen(unwrap(cmd).args, env, 'all', ['-C', '--cacheonly']) : null),
    cacheTargets(cmd, env: RunEnvironment) {
      const { args, name } = unwrap(cmd);
      if (hasFlag(args, ['--installroot'])) return { skip: 'the command installs into another root (`--installroot`)' };
      if (hasFlag(args, ['-C', '--cacheonly'])) return { skip: 'the command runs from the cache only (`--cacheonly`): a fresh mount would be empty' };
      const fe = rpmFrontEnd(env.baseImage);
      const dnf4 = { target: '/var/cache/dnf', sharing: 'locked' as const };
      const dnf5 = { target: '/var/cache/libdnf5', sharing: 'locked' as const };
      const yumDir = { target: '/var/cache/yum', sharing: 'locked' as const };
      if (id === 'yum') {
        // On dnf-based images `yum` is dnf4 under another name.
        if (fe === 'dnf4') return { targets: [dnf4] };
        if (fe === 'yum') return { targets: [yumDir] };
        if (fe === 'dnf5') return { targets: [dnf5] };
        // Unknown image: mount both; the unused one stays empty and costs nothing.
        return { targets: [yumDir, dnf4] };
      }
      if (name === 'dnf5' || fe === 'dnf5') return { targets: [dnf5] };
      if (fe === 'dnf4') return { targets: [dnf4] };
      return { targets: [dnf4, dnf5] };
    },
    cacheDisablingFlags: [],
    cacheDisablingEnv: [],
    rewriteArgs(cmd) {
      const { args } = unwrap(cmd);
      if (args.some((a) => a !== null && /keepcache/.test(a))) return null;
      const s = sub(cmd);
      if (s === 'makecache') return null;
      return {
        replace: [],
        insertAfterName: [id === 'yum' ? '--setopt=keepcache=1' : '--setopt=keepcache=True'],
        reason: `\`--setopt=keepcache=${id === 'yum' ? '1' : 'True'}\` keeps downloaded packages (${id} deletes them after a successful transaction by default); they stay in the cache mount, not in the image`,
      };
    },
    isCachePurge(cmd) {
      if (!names.has(unwrap(cmd).name)) return false;
      const p = positionals(unwrap(cmd).args, VALUE_FLAGS);
      return p[0] === 'clean';
    },
    sources: ['buildkit-semantics.md §3.2 dnf / yum', 'Red Hat EL6 deployment guide "Working with Yum Cache"'],
  };
}

export const dnf = makeRpmEcosystem('dnf');
export const yum = makeRpmEcosystem('yum');
