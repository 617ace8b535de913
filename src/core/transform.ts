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
