/**
 * The shape of the model's facts: what one instruction reads and writes ({@link Reads},
 * {@link Writes}, {@link Effects}), how volatile its inputs are ({@link Volatility}), and
 * the whole file's {@link Analysis}. Types only (and the Volatility enum), so every module
 * of the analysis can name them without a load-time cycle.
 */
import type { DockerfileModel, Instruction } from '../dockerfile.js';
import type { PathSet, VarSet } from './paths.js';

/** How often the inputs of a build step change, lowest first. */
export enum Volatility {
  /** Reads nothing outside the Dockerfile: `mkdir`, `useradd`, WORKDIR. */
  Constant = 0,
  /** System packages: apt, apk, dnf, yum, zypper. */
  System = 1,
  /** Toolchain setup: downloads, global tools, images copied from (`COPY --from=image`). */
  Toolchain = 2,
  /** Dependency manifests and their install. */
  Dependencies = 3,
  /** The bulk source copy and whatever reads it (build, test). A RUN not understood counts as toolchain, raised by what it follows. */
  Source = 4,
}

/** Image-config keys, `Labels:<k>`, `ExposedPorts:<p>`, `Volumes:<p>`; `<Key>:*` = any entry. */
export type ConfigKey = string;

export interface Reads {
  /** Variables read: named (`$X`), implicitly through the environment, or all (opaque RUN). */
  vars: VarSet;
  /** Variables named in the instruction's text (`$X`, `${X:-d}`), flags and ONBUILD bodies included. */
  named: Set<string>;
  workdir: boolean;
  user: boolean;
  shell: boolean;
  paths: PathSet;
  /** Stages read (`COPY --from`, `RUN --mount=from=`). */
  stages: number[];
  config: Set<ConfigKey>;
}

export interface Writes {
  /** Build variables (ARG: expansion scope and, when valued, RUN environment; ENV). */
  vars: Set<string>;
  workdir: boolean;
  user: boolean;
  shell: boolean;
  paths: PathSet;
  config: Set<ConfigKey>;
}

export interface Effects {
  instruction: Instruction;
  /** Creates a build step (an LLB op): RUN, COPY, ADD, WORKDIR other than `/`. */
  step: boolean;
  reads: Reads;
  writes: Writes;
  /** A RUN whose commands are not (all) understood: reads and writes everything. */
  opaque: boolean;
  /** Prints the whole environment (`env`, `printenv`): its output depends on the env order. */
  envOrderSensitive: boolean;
  /** Volatility of what the instruction itself reads (see {@link Analysis.volatility} for the effective one). */
  volatility: Volatility;
  /** Short description used in messages: `the system package install`. */
  role: string;
  /** Links a RUN creates (`ln -s`): [link, target], null = unknown. */
  links: [string | null, string | null][];
  /**
   * A system package step whose claim on the system folders is a guess (no file list for its
   * packages): the command, why, and the paths the step would read and write without that
   * guess (to tell when the guess alone blocks a move).
   */
  guess?: PackageGuess;
}

/** See {@link Effects.guess}. */
export interface PackageGuess {
  /** The command, for messages: `apk add`. */
  tool: string;
  /** Why its folders are guessed: `no file list for Alpine packages is available to dockerfix`. */
  reason: string;
  /** The folders guessed (the system folders). */
  folders: readonly string[];
  reads: PathSet;
  writes: PathSet;
}

export interface StageInfo {
  index: number;
  name: string | null;
  /** Earlier stage this one is `FROM`, or null. */
  baseStage: number | null;
  /** Stages `FROM` this one, directly. */
  children: number[];
  /** This stage and every stage built on it (transitively), in file order. */
  descendants: number[];
  /** Stages this one copies or mounts from. */
  uses: number[];
}

export interface Analysis {
  model: DockerfileModel;
  /** Effects per instruction index (every instruction inside a stage; FROM included). */
  effects: Map<number, Effects>;
  stages: StageInfo[];
  /** Global ARG names (before the first FROM) and their defaults. */
  globals: Map<string, string | null>;
  /** Effective volatility: the highest of an instruction's own and of the earlier steps of its stage it cannot cross. */
  volatility: Map<number, Volatility>;
  /** The file is a Windows Dockerfile (backtick escape, no POSIX SHELL): shell-form RUNs are opaque. */
  windows: boolean;
}
