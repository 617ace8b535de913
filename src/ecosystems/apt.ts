/**
 * apt / apt-get (Debian, Ubuntu). Sources: buildkit-semantics.md §3.2 "apt" [BK-ref, DD-opt,
 * debuerreotype, apt-src, DD-bp]; lab.md (mount `/var/cache/apt` and `/var/lib/apt/lists`,
 * not `/var/lib/apt`, which hides `extended_states` and changes the image).
 */
import type { CommandView, Ecosystem } from './types.js';
import { offlineWhen, positionals, unwrap } from './util.js';

const NAMES = new Set(['apt-get', 'apt']);
/** apt-get/apt options that take a value when written apart (`-o X=Y`, `-c file`, `-t release`). */
const VALUE_FLAGS = ['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture'];
/** Subcommands that download packages or lists. */
const INSTALLS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'update', 'reinstall', 'download', 'source']);

/** The image setting that deletes downloaded .debs after every install (official Debian/Ubuntu images). */
export const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';

export function aptSubcommand(cmd: CommandView): string | null {
  const u = unwrap(cmd);
  return positionals(u.args, VALUE_FLAGS)[0] ?? null;
}

const apt: Ecosystem = {
  id: 'apt',
  label: 'apt',
  kind: 'cache',
  matches: (cmd) => NAMES.has(unwrap(cmd).name),
  isInstall(cmd) {
    if (!NAMES.has(unwrap(cmd).name)) return false;
    const sub = aptSubcommand(cmd);
    return sub !== null && INSTALLS.has(sub);
  },
  // `--no-download`: install only from .debs already in /var/cache/apt/archives (an earlier
  // `--download-only`), with the lists already in place.
  offline: (cmd, env) => (NAMES.has(unwrap(cmd).name) ? offlineWhen(unwrap(cmd).args, env, 'all', ['--no-download']) : null),
  refreshesIndex: (cmd) => (NAMES.has(unwrap(cmd).name) && aptSubcommand(cmd) === 'update' ? 'only' : false),
  cacheTargets(cmd) {
    // `sharing=locked` on both: apt needs exclusive access to its data [BK-ref; DD-opt].
    // `update` downloads only the lists.
    if (aptSubcommand(cmd) === 'update') return { targets: [{ target: '/var/lib/apt/lists', sharing: 'locked', index: true }] };
    return {
      targets: [
        { target: '/var/cache/apt', sharing: 'locked' },
        { target: '/var/lib/apt/lists', sharing: 'locked', index: true },
      ],
    };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    if (!NAMES.has(unwrap(cmd).name)) return false;
    const sub = aptSubcommand(cmd);
    // `clean` empties /var/cache/apt/archives; `autoclean` only drops obsolete .debs and is kept.
    return sub === 'clean';
  },
  sources: ['buildkit-semantics.md §3.2 apt', 'lab.md (apt cache mounts)'],
};

export default apt;
