/**
 * Questions on two instructions' effects: does one depend on the other ({@link dependsOn}),
 * may they trade places ({@link canSwap}, {@link swapConflict}, {@link withoutGuess}), and
 * does one read a variable ({@link readsVariable}).
 */
import type { Effects, Reads, Writes } from './types.js';
import { configOverlap, pathsOverlap, readsVar } from './paths.js';

/** Does `later` read something `earlier` writes (a true dependency)? */
export function dependsOn(later: Effects, earlier: Effects): boolean {
  return readsWhatWrites(later.reads, earlier.writes);
}

function readsWhatWrites(r: Reads, w: Writes): boolean {
  for (const v of w.vars) if (readsVar(r.vars, v)) return true;
  if (w.workdir && r.workdir) return true;
  if (w.user && r.user) return true;
  if (w.shell && r.shell) return true;
  if (pathsOverlap(r.paths, w.paths)) return true;
  if (configOverlap(r.config, w.config)) return true;
  return false;
}

function writesSame(a: Writes, b: Writes): boolean {
  for (const v of a.vars) if (b.vars.has(v)) return true;
  if ((a.workdir && b.workdir) || (a.user && b.user) || (a.shell && b.shell)) return true;
  if (pathsOverlap(a.paths, b.paths)) return true;
  if (a.config.has('*') || b.config.has('*')) return a.config.size > 0 && b.config.size > 0;
  return configOverlap(a.config, b.config);
}

/** Which rule keeps two instructions from trading places (0: none). */
const enum Conflict {
  None,
  From,
  Stages,
  AReadsB,
  BReadsA,
  SameWrite,
}

function conflictOf(a: Effects, b: Effects): Conflict {
  if (a.instruction.keyword === 'FROM' || b.instruction.keyword === 'FROM') return Conflict.From;
  if (a.instruction.stage !== b.instruction.stage) return Conflict.Stages;
  if (readsWhatWrites(a.reads, b.writes)) return Conflict.AReadsB;
  if (readsWhatWrites(b.reads, a.writes)) return Conflict.BReadsA;
  if (writesSame(a.writes, b.writes)) return Conflict.SameWrite;
  return Conflict.None;
}

/** Why two instructions cannot trade places, or null when they can (see {@link canSwap}). */
export function swapConflict(a: Effects, b: Effects): string | null {
  switch (conflictOf(a, b)) {
    case Conflict.None:
      return null;
    case Conflict.From:
      return 'a FROM line starts a new stage';
    case Conflict.Stages:
      return 'they are in different stages';
    case Conflict.AReadsB:
      return `${describe(a)} reads what ${describe(b)} writes`;
    case Conflict.BReadsA:
      return `${describe(b)} reads what ${describe(a)} writes`;
    case Conflict.SameWrite:
      return `both write the same ${sharedWrite(a.writes, b.writes)}`;
  }
}

/**
 * May two instructions of the same stage trade places without changing the image?
 * True only when neither reads what the other writes (variables, WORKDIR, USER, SHELL,
 * paths, config), they write nothing in common, and neither is a FROM. When in doubt, no.
 * The predicate is about the image; cache policy (ENV/ARG order) is the transforms' call.
 */
/** The effects of a step as they would be if its guessed system folders were known not to be touched (see {@link Effects.guess}). */
export function withoutGuess(e: Effects): Effects {
  if (!e.guess) return e;
  return { ...e, reads: { ...e.reads, paths: e.guess.reads }, writes: { ...e.writes, paths: e.guess.writes }, guess: undefined };
}

export function canSwap(a: Effects, b: Effects): boolean {
  return conflictOf(a, b) === Conflict.None;
}

function describe(e: Effects): string {
  return `\`${e.instruction.keyword}\` (line ${e.instruction.startLine + 1})`;
}

function sharedWrite(a: Writes, b: Writes): string {
  for (const v of a.vars) if (b.vars.has(v)) return `variable ${v}`;
  if (a.workdir && b.workdir) return 'WORKDIR';
  if (a.user && b.user) return 'USER';
  if (a.shell && b.shell) return 'SHELL';
  if (pathsOverlap(a.paths, b.paths)) return 'paths';
  return 'image setting';
}

/** Does an instruction read a variable: named, through the env table, or because it is opaque? */
export function readsVariable(e: Effects, name: string): 'named' | 'implicit' | 'opaque' | null {
  if (e.reads.named.has(name)) return 'named';
  if (e.opaque || e.reads.vars.all) return 'opaque';
  if (readsVar(e.reads.vars, name)) return 'implicit';
  return null;
}
