/**
 * Facts every part of split-manifest-copy shares: the transform id, the stand-in for an
 * unknown WORKDIR, the system package managers, an install site, a planned outcome and the
 * companion `.dockerignore` edit a fix carries.
 */
import type { Fix, CompanionEdit } from '../../src/core/fix.js';
import type { Instruction } from '../../src/model/dockerfile.js';
import type { DepsOnlyPlan } from '../../src/ecosystems/deps-only.js';
import type { ShellScript } from '../../src/shell/index.js';
import type { RunCommand } from './run-analysis.js';

/** A companion `.dockerignore` edit the fix carries, with the Dockerfiles checked for it. */
export type IgnoreEdit = { edit: CompanionEdit; checked: string[]; created: boolean };

export const ID = 'split-manifest-copy';

/** Stand-in for a WORKDIR only the base image knows. Paths under it compare like any other. */
export const UNKNOWN_WD = '/\u2039workdir\u203a';

/** System package managers: their installs read no project file unless given one. */
export const SYSTEM_PMS = new Set(['apt', 'apk', 'dnf', 'yum', 'zypper']);

export interface InstallSite {
  run: Instruction;
  /** Install commands with their plan and working directory. */
  installs: { cmd: RunCommand; cwd: string; plan: DepsOnlyPlan }[];
  /** Where the RUN could be split at `&&`: the commands from `cut` on read the source. */
  split?: { cut: number; script: ShellScript };
  /** Facts the message adds (Python: variables read, virtualenvs created outside the copy). */
  notes?: string[];
}

export type Outcome = { fix: Fix } | { advice: string } | null;
