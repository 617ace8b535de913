/**
 * What dockerfix knows about one package manager. One module per ecosystem under
 * `src/ecosystems/`, listed in `src/ecosystems/index.ts`; transforms read these tables and
 * hold no package-manager facts of their own. Sources: buildkit-semantics.md §3 and §4.
 */

/** A command of a RUN body, as the shell module sees it (name + literal args where static). */
export interface CommandView {
  /** Command name as written (`apt-get`, `/usr/bin/pip3`, `python -m pip` is name `python` with args `-m pip …`). */
  name: string;
  /** Literal argument values after quote removal; `null` where an argument is dynamic. */
  args: (string | null)[];
}

/** Where the cache lives for the RUN at hand. */
export interface CacheTarget {
  /** Absolute path to mount (already resolved for the user/env at the RUN). */
  target: string;
  /** `locked` where the tool cannot share the cache across concurrent builds. */
  sharing?: 'shared' | 'private' | 'locked';
  /** Custom id, when the recipe uses one (e.g. `pnpm`). */
  id?: string;
}

/** The environment a recipe is evaluated in. */
export interface RunEnvironment {
  /** Env in effect at the RUN (ENV + valued ARG), from `src/model/state.ts`. */
  env: Map<string, string>;
  /** Home folder of the effective user (`/root` for root). */
  home: string;
  /** Effective user is root. */
  root: boolean;
  /** WORKDIR in effect, or null when unknown. */
  workdir: string | null;
  /** Base image reference of the stage chain (first non-stage base), lower-cased, e.g. `node:20-slim`. */
  baseImage: string;
}

export interface Ecosystem {
  /** Stable id: `apt`, `npm`, `yarn`, `pip`… */
  id: string;
  /** Does this command belong to the ecosystem (any subcommand)? */
  matches(cmd: CommandView): boolean;
  /** Is this command an install/download that uses the cache (e.g. `npm ci`, `apt-get install`)? */
  isInstall(cmd: CommandView): boolean;
  /** Cache folders to mount for an install command, in this environment ([] = none known / not safe). */
  cacheTargets(cmd: CommandView, env: RunEnvironment): CacheTarget[];
  /** Flags on the install command that disable the cache (`--no-cache-dir`, `--no-cache`). */
  cacheDisablingFlags: string[];
  /** ENV variables that disable the cache when set to anything (`PIP_NO_CACHE_DIR`). */
  cacheDisablingEnv: string[];
  /** Whole commands that purge the cache (`npm cache clean --force`, `apt-get clean`, `rm -rf /var/lib/apt/lists/*`). */
  isCachePurge(cmd: CommandView, env: RunEnvironment): boolean;
  /**
   * For a deps-only install: the manifest files it needs, relative to the working directory
   * (`package.json`, `package-lock.json`…); `optional` ones may be copied with a wildcard.
   * Undefined when the install is not deps-only (needs the source) or the ecosystem has no
   * manifest-first pattern.
   */
  manifests?: { required: string[]; optional: string[] };
  /** Does this install command need the whole source (e.g. `pip install .`, `poetry install` without `--no-root`)? */
  needsSource?(cmd: CommandView): boolean;
}
