/**
 * What one simple command of a RUN is modelled as ({@link CommandEffect}) and what it is
 * interpreted against ({@link CommandContext}): shared by commands.ts, downloads.ts and
 * tools.ts.
 */
import type { BuildContextInfo } from '../../core/transform.js';
import type { Archive } from './known-state.js';
import type { PathSet } from './paths.js';
import type { Volatility } from './types.js';

export interface CommandEffect {
  /** null = not understood: the whole RUN becomes opaque. */
  env: readonly string[] | null;
  reads: PathSet;
  writes: PathSet;
  readsCwd: boolean;
  volatility: Volatility;
  role: string;
  envDump?: boolean;
  /** Links the command creates: [link path, target] (null = unknown). */
  links?: [string | null, string | null][];
  /** Its claim on the system folders is a guess: the command and why. */
  guess?: { tool: string; reason: string };
  /** Installs from outside Debian's archive, or changes apt/dpkg/linker configuration (later Debian installs are then guesses). */
  leavesDebian?: boolean;
}

export interface CommandContext {
  cwd: string | null;
  windows: boolean;
  /** Directories a command may be looked up in. */
  pathDirs: string[] | null;
  vars: Map<string, string | null>;
  buildContext?: BuildContextInfo;
  /** Which packages apt installs here, as far as known (see {@link KnownState.archive}). */
  archive: Archive;
  archiveWhy: string;
  /** $HOME of the user the RUN runs as; null = not known ({@link homeOf}). */
  home: string | null;
  /** The image the stage chain starts from. */
  image: string;
}

export const isFlag = (a: string | null) => a !== null && a.startsWith('-') && a !== '-';
