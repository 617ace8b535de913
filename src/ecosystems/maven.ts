/**
 * Maven (`mvn`, `./mvnw`). Sources: buildkit-semantics.md §3.2 "Maven" [maven-image:
 * `MAVEN_CONFIG=/root/.m2`, `USER_HOME_DIR=/root`; local repository `~/.m2/repository`;
 * mounting `/root/.m2` hides a `settings.xml` copied there — mount `/root/.m2/repository`;
 * mdep: `dependency:go-offline` misses plugin deps, keep the mount on `package`], §4 table;
 * landscape.md (OpenRewrite uses `sharing=locked` for Maven).
 *
 * A `store`: later `mvn -o package` steps read what `go-offline` fetched.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, join, offlineWhen, unwrap } from './util.js';

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'mvn' || u.name === 'mvnw' || u.name === 'mvnd' ? u : null;
}

/** `-Dmaven.repo.local=X` on the command line or in MAVEN_OPTS / MAVEN_ARGS. */
function repoLocal(words: string[]): string | undefined {
  for (const w of words) {
    const m = /^-Dmaven\.repo\.local=(.*)$/.exec(w);
    if (m) return m[1];
  }
  return undefined;
}

const maven: Ecosystem = {
  id: 'maven',
  label: 'Maven',
  kind: 'store',
  runtimeCommands: ['mvn', 'mvnw', 'mvnd'],
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    // Every goal run resolves from the local repository; `-v`/`--version`/`-h` alone do not.
    const goals = u.args.filter((a) => a === null || !a.startsWith('-'));
    return goals.length > 0;
  },
  // `-o`/`--offline` (also in MAVEN_ARGS): only what the local repository already holds.
  offline(cmd, env) {
    const u = view(cmd);
    if (!u) return null;
    const words = [...u.args, ...(envOf(env, 'MAVEN_ARGS') ?? '').split(/\s+/)];
    return offlineWhen(words, env, 'all', ['-o', '--offline']);
  },
  // The `install` phase (also run by `deploy`) copies the project's own artifacts into the local
  // repository, where a later build of another module resolves them.
  keepsLocal(cmd) {
    const u = view(cmd);
    if (!u) return null;
    return u.args.find((a) => a !== null && /^(install|deploy|install:install(-file)?|(org\.apache\.maven\.plugins:)?maven-install-plugin:.*install(-file)?)$/.test(a)) ?? null;
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const words = [
      ...u.args.filter((a): a is string => a !== null),
      ...(envOf(env, 'MAVEN_OPTS') ?? '').split(/\s+/),
      ...(envOf(env, 'MAVEN_ARGS') ?? '').split(/\s+/),
    ];
    if (u.args.some((a) => a === null)) {
      // A dynamic argument might be -Dmaven.repo.local or -s: cannot tell where the repository is.
      if (u.args.some((a, i) => a === null && (i === 0 || u.args[i - 1] === '-s' || u.args[i - 1] === '--settings'))) {
        return { skip: 'a dynamic argument may move the local repository' };
      }
    }
    const local = repoLocal(words);
    if (local !== undefined) {
      const t = absPath(local, env.home);
      return t ? { targets: [{ target: t, sharing: 'locked' }] } : { skip: '`-Dmaven.repo.local` is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    if (!env.home) return { skip: "the user's home folder is unknown" };
    return { targets: [{ target: join(env.home, '.m2/repository'), sharing: 'locked' }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    const u = view(cmd);
    return !!u && u.args.some((a) => a !== null && /^(dependency:purge-local-repository|org\.apache\.maven\.plugins:maven-dependency-plugin:[^:]*:?purge-local-repository)$/.test(a));
  },
  manifests: { required: ['pom.xml'], optional: ['.mvn/', 'mvnw'] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const goals = u.args.filter((a) => a !== null && !a.startsWith('-'));
    return !goals.every((g) => /^dependency:(go-offline|resolve|resolve-plugins|resolve-sources)$/.test(g!));
  },
  sources: ['buildkit-semantics.md §3.2 Maven, §3.3, §4', 'landscape.md (OpenRewrite: locked for maven)'],
};

export default maven;
