/**
 * Gradle (`gradle`, `./gradlew`). Sources: buildkit-semantics.md §3.2 "Gradle" [gradle-image:
 * user `gradle` uid/gid 1000, `/root/.gradle` is a symlink to `/home/gradle/.gradle`;
 * gradle-layout: user home `~/.gradle` (`GRADLE_USER_HOME`) with `caches/` and
 * `wrapper/dists/`; argo#16871: use `sharing=locked`, the cross-process lock hand-off cannot
 * cross sandboxes], §4 table.
 *
 * Only `caches/` and `wrapper/` are mounted, not the whole user home: `gradle.properties`
 * and `init.d/` a COPY put there stay visible. A `store`: later steps (`--offline`) read it.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, flagValue, imageRepo, join, offlineWhen, unwrap } from './util.js';

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'gradle' || u.name === 'gradlew' ? u : null;
}

const gradle: Ecosystem = {
  id: 'gradle',
  label: 'Gradle',
  kind: 'store',
  runtimeCommands: ['gradle', 'gradlew'],
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    return u.args.some((a) => a === null || !a.startsWith('-')) || u.name === 'gradlew';
  },
  // `--offline`: only what the Gradle caches already hold.
  offline(cmd, env) {
    const u = view(cmd);
    return u ? offlineWhen(u.args, env, 'all', ['--offline']) : null;
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const flag = flagValue(u.args, ['--gradle-user-home'], ['-g']);
    let home: string | null;
    if (flag !== undefined) home = absPath(flag, env.home);
    else if (envOf(env, 'GRADLE_USER_HOME') !== undefined) home = absPath(envOf(env, 'GRADLE_USER_HOME'), env.home);
    else if (imageRepo(env.baseImage) === 'gradle' && (env.home === '/root' || env.home === '/home/gradle')) home = '/home/gradle/.gradle';
    else home = env.home ? join(env.home, '.gradle') : null;
    if (!home) return { skip: 'the Gradle user home is unknown (GRADLE_USER_HOME/home)' };
    return { targets: [{ target: join(home, 'caches'), sharing: 'locked' }, { target: join(home, 'wrapper'), sharing: 'locked' }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge: () => false,
  // No canonical deps-only task (semantics §4): no manifests.
  needsSource: () => true,
  sources: ['buildkit-semantics.md §3.2 Gradle, §3.3, §4'],
};

export default gradle;
