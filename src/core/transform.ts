/** The contract between the engine and a transform module. */
import type { DockerfileModel } from '../model/dockerfile.js';
import type { Advice, Fix } from './fix.js';

/** What the build context looks like, when it is known (see `src/context`). */
export interface BuildContextInfo {
  /** Absolute path of the context folder. */
  root: string;
  /** Does a path (relative to the root, `/`-separated) exist and survive `.dockerignore`? */
  exists(rel: string): boolean;
  /** Is a path excluded by `.dockerignore`? */
  ignored(rel: string): boolean;
  /** Text of a small file in the context (null when missing, excluded, or too large). */
  read(rel: string): string | null;
  /** Entries of a folder in the context (names), or null when it is missing. */
  list(rel: string): string[] | null;
  /**
   * What a companion edit of the ignore file must know (absent when the context cannot tell,
   * e.g. a names-only listing): the ignore files and every Dockerfile-like file in the context.
   */
  ignoreFacts?(): IgnoreFacts;
}

/** The ignore files of a context and the Dockerfiles that may build from it. */
export interface IgnoreFacts {
  /** `.dockerignore` at the context root: its text, or null when it does not exist; `unreadable` when it exists but cannot be read. */
  dockerignore: { text: string | null; unreadable?: boolean };
  /** A `<Dockerfile>.dockerignore` next to the Dockerfile being fixed exists (BuildKit reads it instead of `.dockerignore`). */
  perDockerfile: boolean;
  /** Other ignore files some builders read instead of `.dockerignore`, present at the root (`.containerignore`). */
  others: string[];
  /** Dockerfile-like files in the context (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile`…) other than the one being fixed, context-relative; text null when unreadable. */
  dockerfiles: { path: string; text: string | null }[];
  /** False when the listing stopped early (too many entries or too deep): other Dockerfiles may exist. */
  complete: boolean;
}

export interface TransformContext {
  model: DockerfileModel;
  /** Path shown to users, when the text came from a file. */
  path?: string;
  /** `--unsafe` was given: transforms may make changes they cannot prove safe, saying so. */
  unsafe: boolean;
  /** This transform's options (from the CLI, config file or fixture `options.json`). */
  options: Record<string, unknown>;
  /** The build context, or undefined when unknown: decide only what is safe without it. */
  buildContext?: BuildContextInfo;
  /**
   * Every transform that runs on this file, by id, with its options: the run's selection
   * minus those a `# dockerfix global ignore=` comment turns off (this one included). A
   * transform whose change needs another's to be correct asks here whether that one acts:
   * cache-mounts adds `RUN --mount` under a too-old `# syntax` pin only when syntax-directive
   * runs and will raise the pin.
   */
  enabled: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

export interface TransformResult {
  fixes: Fix[];
  advice?: Advice[];
}

export interface Transform {
  /** Equals the module's file name under `transforms/`. */
  id: string;
  /** One line for `--list-transforms`. */
  description: string;
  /** Runs by default (true) or only when selected with `-t` (false). */
  defaultEnabled: boolean;
  /** Its fixes move steps: the runner applies one only when no everyday edit then re-runs more steps and one re-runs fewer (`src/core/guard.ts`). */
  moves?: boolean;
  run(ctx: TransformContext): TransformResult;
}
