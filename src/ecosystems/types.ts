/**
 * What dockerfix knows about one package manager. One module per ecosystem under
 * `src/ecosystems/`, listed in `src/ecosystems/index.ts`; transforms read these tables and
 * hold no package-manager facts of their own. Sources: buildkit-semantics.md §3 and §4, and
 * the public docs named in each module.
 *
 * The contract is deliberately data-first: a module answers questions about one command
 * (`CommandView`) in one environment (`RunEnvironment`); it never sees the Dockerfile text.
 */

/** A command of a RUN body, as the shell module sees it (name + literal args where static). */
export interface CommandView {
  /** Command name as written (`apt-get`, `/usr/bin/pip3`, `python -m pip` is name `python` with args `-m pip …`). */
  name: string;
  /** Literal argument values after quote removal; `null` where an argument is dynamic. */
  args: (string | null)[];
  /** `NAME=value` assignments written before the command (`PIP_NO_CACHE_DIR=1 pip install …`); value null when dynamic. */
  assignments?: { name: string; value: string | null }[];
}

/** Where the cache lives for the RUN at hand. */
export interface CacheTarget {
  /** Absolute path to mount (already resolved for the user/env at the RUN). */
  target: string;
  /** `locked` where the tool cannot share the cache across concurrent builds. */
  sharing?: 'shared' | 'private' | 'locked';
  /** Custom id, when the recipe uses one (e.g. `pnpm`). */
  id?: string;
  /**
   * The folder also holds the package *index* that installs read (`/var/lib/apt/lists`,
   * `/var/cache/apk`): mounting it hides the index an earlier step left in the image, so it
   * may only be mounted on a RUN that refreshes the index before it installs
   * ({@link Ecosystem.refreshesIndex}).
   */
  index?: boolean;
}

/** A command that downloads nothing: what it needs to find already in place, and why (see {@link Ecosystem.offline}). */
export interface OfflineUse {
  needs: 'all' | 'none';
  /** The flag or setting, as a user reads it: `-o`, `--offline`, `GOPROXY=off`. */
  why: string;
}

/** The answer to "where is the cache for this command here?" */
export type CachePlan =
  | { targets: CacheTarget[]; /** Caveats for the message (e.g. "the .deb cache stays empty while docker-clean is in the image"). */ notes?: string[] }
  | { skip: string };

/** The environment a recipe is evaluated in. */
export interface RunEnvironment {
  /** Env in effect at the RUN (base-image conventions, then ENV + valued ARG, then the command's own assignments). */
  env: Map<string, string>;
  /** Home folder of the effective user (`/root` for root); null when unknown. */
  home: string | null;
  /** Effective user is root. */
  root: boolean;
  /** WORKDIR in effect, or null when unknown. */
  workdir: string | null;
  /** Base image reference of the stage chain (first non-stage base), lower-cased, e.g. `node:20-slim`. */
  baseImage: string;
  /** Files of the build context, when known (paths relative to the context root). */
  context?: { exists(rel: string): boolean; read(rel: string): string | null };
  /** Commands earlier RUNs of the stage chain ran (e.g. `yarn set version 4`, `corepack prepare yarn@4`). */
  previousCommands?: CommandView[];
}

/**
 * Edits to a command's own words that make the mount useful without changing the image,
 * e.g. `dnf --setopt=keepcache=True`, `apk --no-cache` → `--cache-dir /var/cache/apk`.
 */
export interface ArgRewrite {
  /** Args (indexes into the command's own `args`, before `unwrap`) to replace by words; `[]` deletes. */
  replace: { index: number; words: string[] }[];
  /** Words to insert right after the command name (before the first argument). */
  insertAfterName: string[];
  /** Why, for the message. */
  reason: string;
}

export interface Ecosystem {
  /** Stable id: `apt`, `npm`, `yarn`, `pip`… */
  id: string;
  /** Name shown to users (`apt-get`, `npm`, `Yarn classic`). */
  label: string;
  /**
   * `cache`: the folder only saves downloads; a build with it empty is the same build.
   * `store`: later steps also *read* what the install put there (Go modules, Cargo registry
   * sources, Maven/Gradle repositories, NuGet packages): every step of the stage chain that
   * uses the tool must see the same mount, and nothing after the build may need the folder.
   */
  kind: 'cache' | 'store';
  /** Command names (after `unwrap`) that are this tool at run time (`go`, `dotnet`): used to spot CMD/ENTRYPOINT that read a store. */
  runtimeCommands?: string[];
  /**
   * Does this command belong to the ecosystem (any subcommand)? `env` may only narrow the
   * answer among modules: when some module matches a command with an env, some module
   * matches it without one (Yarn classic answers for every `yarn` command without an env;
   * berry needs one). The engine asks without an env first to skip commands nobody owns
   * (`mayOwn`; `test/ecosystems/registry.test.ts` checks this).
   */
  matches(cmd: CommandView, env?: RunEnvironment): boolean;
  /** Is this command an install/download/build that uses the cache (e.g. `npm ci`, `apt-get install`, `go build`)? */
  isInstall(cmd: CommandView): boolean;
  /** Cache folders to mount for an install command, in this environment, or why not. */
  cacheTargets(cmd: CommandView, env: RunEnvironment): CachePlan;
  /**
   * Does this command run without downloading what it lacks? `needs: 'all'`: it reads the
   * tool's cache or store as an earlier step left it (`mvn -o`, `pnpm install --offline`,
   * `cargo build --frozen`, `dotnet publish --no-restore`, `apt-get install --no-download`);
   * `needs: 'none'`: it reads only its own inputs (`pip install --no-index --find-links DIR`,
   * `go build -mod=vendor`). Null: it downloads whatever is missing. Such a step gets no
   * mount (it downloads nothing), and no earlier step may keep in a mount what it reads: when
   * that earlier step comes from the layer cache with an empty mount, this one would fail
   * (docs/cache-mounts.md, "Offline steps"). `why` names the flag or setting, for messages.
   */
  offline?(cmd: CommandView, env: RunEnvironment): OfflineUse | null;
  /**
   * Does the command put artifacts of its own into the tool's folder, which no download can
   * bring back (`mvn install` stores the project's modules in the local repository)? Then a
   * later step of the same tool may read them: the folder is not a download cache there.
   * Returns the goal, for messages.
   */
  keepsLocal?(cmd: CommandView): string | null;
  /**
   * Does the command refresh the package index before installing (`apt-get update`, `apk add
   * --no-cache`, `apk add -U`)? `'only'` when that is all it does (`apt-get update`, `apk
   * update`): it downloads no package.
   */
  refreshesIndex?(cmd: CommandView): boolean | 'only';
  /** Flags on the install command that disable the cache (`--no-cache-dir`); removed when the mount is added. */
  cacheDisablingFlags: string[];
  /** ENV variables that disable the cache when set to anything (`PIP_NO_CACHE_DIR`). */
  cacheDisablingEnv: string[];
  /** Command-word edits the recipe needs besides the mount (keep downloads, replace `--no-cache`). */
  rewriteArgs?(cmd: CommandView, env: RunEnvironment): ArgRewrite | null;
  /** Whole commands that purge the cache (`npm cache clean --force`, `apt-get clean`); `rm` of a mounted folder is handled generically. */
  isCachePurge(cmd: CommandView, env: RunEnvironment): boolean;
  /**
   * For a deps-only install: the manifest files it needs, relative to the working directory
   * (`package.json`, `package-lock.json`…); `optional` ones may be copied with a wildcard.
   * A trailing `/` marks a folder that is copied whole (`.mvn/`, `.yarn/releases/`).
   * Undefined when the ecosystem has no manifest-first pattern (system package managers).
   */
  manifests?: { required: string[]; optional: string[] };
  /** Does this install command need the whole source (e.g. `pip install .`, `poetry install` without `--no-root`)? */
  needsSource?(cmd: CommandView): boolean;
  /** Where the facts come from (tags of buildkit-semantics.md §8, or URLs). */
  sources: string[];
}
