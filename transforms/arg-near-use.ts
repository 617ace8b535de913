/**
 * arg-near-use: move each stage-level ARG down to just before the first instruction that
 * uses it. A changed build-arg re-runs every RUN after its declaration, even RUNs that
 * never mention it (buildkit-semantics.md §1.5).
 *
 *     FROM python:3.7-slim                       FROM python:3.7-slim
 *     ARG VERSION                                RUN pip install --upgrade pip && …
 *     RUN pip install --upgrade pip && …   ==>   ENV VERSION_2 2
 *     ENV VERSION_2 2                            ARG VERSION
 *     ENV VERSION $VERSION                       ENV VERSION $VERSION
 *
 * Rules:
 * - An ARG never crosses an instruction that uses it: names it (`$X` anywhere, RUN
 *   --mount options, ONBUILD bodies), reads it through the environment (the table in
 *   src/model/env-readers.ts), writes it, or changes a variable its default reads.
 * - An opaque RUN (a command the model does not understand) may read any variable: the
 *   ARG stops above it, unless `--unsafe`, and then the message says so.
 * - Global ARGs (before the first FROM) stay. An in-stage re-declaration of a global ARG
 *   is the stage-level declaration and moves like any other.
 * - An ARG that nothing reads (no instruction after it in its stage, or in a stage built on
 *   it, names it or reads it through the table) does not move, whatever its name: that is
 *   how a deliberate cache buster works (`ARG CACHEBUST`, or `ARG INVALIDATE_CACHE=0` under
 *   "# invalidates the cache on purpose"), and a new value of it re-runs every step below
 *   it. The transform gives advice instead: that it is unused, whether its name or the
 *   comment above it marks it as a cache buster, and what `--unsafe` would do. With
 *   `--unsafe` it moves as far down as it can, and the message says what is lost: a new
 *   value no longer re-runs the steps below its old place.
 * - An ARG that only stages built on this one use moves to the end of the stage (they
 *   still see it) when no RUN after it could read it; otherwise it stays, with advice.
 * - `ARG A B` moves as one line (its text is kept byte for byte) to the first use of any
 *   of its names.
 * - An ARG crosses another ARG or an ENV line only while no later RUN could observe the
 *   environment's order (an opaque RUN or `env`/`printenv`), and never one it depends on
 *   or that depends on it (`ARG B=$A`). A block of ARGs at the top of a stage is the
 *   common case: each ARG then goes to its own first use.
 * - An ARG only moves when it ends up below at least one RUN: crossing anything else
 *   gains no cache.
 * - ARGs named like cache busters (`CACHEBUST`, `CACHE_BUST`, `NOCACHE`…) stay even when a
 *   later step names them (`RUN echo $CACHEBUST && git clone …`): they are there to re-run
 *   every step below them, not only that one.
 */
import type { Advice, Fix } from '../src/core/fix.js';
import type { Transform } from '../src/core/transform.js';
import { analyze, readsVariable, swapConflict, type Analysis, type Effects } from '../src/model/analysis.js';
import type { Instruction, Stage } from '../src/model/dockerfile.js';
import { moveBlocks } from '../src/model/move.js';
import { parseArgDecls } from '../src/model/state.js';
import { quote } from './reorder-for-cache.js';

const ID = 'arg-near-use';
/** Names that say "re-run what follows": such an ARG stays even when a later step names it. */
const CACHE_BUSTER = /^(CACHE_?BUST(ER)?|BUST(_?CACHE)?|NO_?CACHE|CACHE_?DATE|FORCE_?REBUILD|REBUILD)$/i;
/** Only for wording the advice about an ARG nothing reads: names and comments that look like a deliberate cache buster. */
const BUSTER_NAME = /BUST|INVALIDAT|REBUILD|NO_?CACHE|^CACHE_?(DATE|TIME(STAMP)?|TS|KEY|BREAK(ER)?)?$/i;
const BUSTER_COMMENT = /\bcache\b|bust|invalidat|rebuild|re-?run|\bforce|on purpose/i;

type Stop =
  | { kind: 'end' }
  | { kind: 'use'; at: Instruction; how: string }
  | { kind: 'opaque'; at: Instruction }
  | { kind: 'order'; at: Instruction };

interface Scan {
  stop: Stop;
  /** RUNs the ARG would end up below. */
  runsCrossed: Instruction[];
  /** Opaque RUNs crossed (only with --unsafe). */
  opaqueCrossed: Instruction[];
  /** The instruction the ARG would end up just above (or after, at the end). */
  last: Instruction | null;
}

const line = (i: Instruction) => i.startLine + 1;

/** Is the order of the environment observable by some RUN at or after position `from` (this stage and stages built on it)? */
function envOrderObservable(a: Analysis, stage: Stage, from: number): boolean {
  const runs: Effects[] = [];
  for (const s of a.stages[stage.index].descendants) {
    for (const i of a.model.stages[s].instructions) if (s !== stage.index || i.index >= from) runs.push(a.effects.get(i.index)!);
  }
  return runs.some((e) => e.instruction.keyword === 'RUN' && (e.opaque || e.envOrderSensitive));
}

/**
 * Where the ARG lands: just before the stop, but above ARG lines it crossed that sit right
 * there (nothing with a step in between), so ARGs bound for the same place keep their order.
 */
function landing(list: Instruction[], pos: number, at: Instruction): Instruction {
  let k = list.indexOf(at);
  while (k - 1 > pos && list[k - 1].keyword === 'ARG') k--;
  return list[k];
}

function scan(a: Analysis, stage: Stage, pos: number, names: string[], unsafe: boolean): Scan {
  const list = stage.instructions;
  const arg = a.effects.get(list[pos].index)!;
  const out: Scan = { stop: { kind: 'end' }, runsCrossed: [], opaqueCrossed: [], last: null };
  for (let k = pos + 1; k < list.length; k++) {
    const kI = list[k];
    const ek = a.effects.get(kI.index)!;
    // Named, implicit or written uses come first: they are real uses.
    const how = names.map((n) => ({ n, r: readsVariable(ek, n) })).find((x) => x.r === 'named' || x.r === 'implicit');
    if (how) {
      out.stop = { kind: 'use', at: kI, how: how.r === 'named' ? `uses \`$${how.n}\`` : `reads ${how.n} from the environment` };
      return out;
    }
    const writes = names.find((n) => ek.writes.vars.has(n));
    if (writes) {
      out.stop = { kind: 'use', at: kI, how: `sets ${writes}` };
      return out;
    }
    if (ek.opaque || (ek.reads.vars.all && kI.keyword === 'RUN')) {
      if (!unsafe) {
        out.stop = { kind: 'opaque', at: kI };
        return out;
      }
      out.opaqueCrossed.push(kI);
      out.runsCrossed.push(kI);
      out.last = kI;
      continue;
    }
    const conflict = swapConflict(arg, ek);
    if (conflict) {
      out.stop = { kind: 'use', at: kI, how: conflict };
      return out;
    }
    if ((kI.keyword === 'ARG' || kI.keyword === 'ENV') && envOrderObservable(a, stage, kI.index)) {
      out.stop = { kind: 'order', at: kI };
      return out;
    }
    if (kI.keyword === 'RUN') out.runsCrossed.push(kI);
    out.last = kI;
  }
  return out;
}

/** Is a name used (named, implicitly or written) anywhere after `pos` in the stage? */
function usedLater(a: Analysis, stage: Stage, pos: number, names: string[]): boolean {
  return stage.instructions.slice(pos + 1).some((i) => {
    const e = a.effects.get(i.index)!;
    return names.some((n) => {
      const r = readsVariable(e, n);
      return r === 'named' || r === 'implicit' || e.writes.vars.has(n);
    });
  });
}

/** Does an instruction name the variable or read it through the environment (the table)? An opaque RUN only might. */
function reads(e: Effects, name: string): boolean {
  const r = readsVariable(e, name);
  return r === 'named' || r === 'implicit';
}

/** Does an instruction after `pos` in the stage, or in a stage built on it, read one of the names? */
function readByAnything(a: Analysis, stage: Stage, pos: number, names: string[]): boolean {
  const readsOne = (i: Instruction) => names.some((n) => reads(a.effects.get(i.index)!, n));
  return stage.instructions.slice(pos + 1).some(readsOne) || readByChildren(a, stage, names);
}

/** Does a stage built on this one (FROM it, transitively) read one of the names? */
function readByChildren(a: Analysis, stage: Stage, names: string[]): boolean {
  return a.stages[stage.index].descendants
    .filter((s) => s !== stage.index)
    .some((s) => a.model.stages[s].instructions.some((i) => names.some((n) => reads(a.effects.get(i.index)!, n))));
}

/** The RUNs after `pos` in the stage, and in stages built on it, that the model does not understand (they may read any variable). */
function opaqueRunsAfter(a: Analysis, stage: Stage, pos: number): Instruction[] {
  const out: Instruction[] = [];
  for (const s of a.stages[stage.index].descendants) {
    for (const i of a.model.stages[s].instructions) {
      if (s === stage.index && i.index <= stage.instructions[pos].index) continue;
      const e = a.effects.get(i.index)!;
      if (i.keyword === 'RUN' && (e.opaque || e.reads.vars.all)) out.push(i);
    }
  }
  return out;
}

/** Why an unused ARG looks like a deliberate cache buster: its name, the comment lines attached to it; empty when neither says so. */
export function cacheBusterHints(argI: Instruction, names: string[]): string[] {
  const hints: string[] = [];
  if (names.some((n) => BUSTER_NAME.test(n))) hints.push('its name');
  if (argI.comments.some((c) => BUSTER_COMMENT.test(c))) hints.push('the comment above it');
  return hints;
}

const transform: Transform = {
  id: ID,
  description: 'Move each stage-level ARG down to just before its first use, so a new build-arg value no longer re-runs the steps above that use.',
  defaultEnabled: true,
  moves: true,
  run({ model, unsafe, buildContext }) {
    if (model.stages.length === 0) return { fixes: [] };
    return proposeArgMoves(analyze(model, { buildContext }), unsafe);
  },
};

/** What the steps an ARG would end up below are called in a message. */
function describeRuns(runs: Instruction[]): string {
  return runs.length === 1 ? `${quote(runs[0])} (line ${line(runs[0])})` : `the ${runs.length} RUN steps from line ${line(runs[0])} to line ${line(runs[runs.length - 1])}`;
}

/** Where a scan ends, for a message: "the end of its stage" or "just before …". */
function destination(s: Scan): string {
  if (s.stop.kind === 'end') return 'the end of its stage';
  const at = s.stop.at;
  if (s.stop.kind === 'use') return `just before ${quote(at)} (line ${line(at)}), which ${s.stop.how}`;
  if (s.stop.kind === 'opaque') return `just before ${quote(at)} (line ${line(at)}), which runs commands the model does not understand and could read it`;
  return `just before ${quote(at)} (line ${line(at)}), keeping the order of ARG/ENV lines`;
}

/** The ARG moves of a file (bottom-up per stage) and the advice for ARGs that must stay. */
export function proposeArgMoves(a: Analysis, unsafe: boolean): { fixes: Fix[]; advice: Advice[] } {
  const model = a.model;
  const fixes: Fix[] = [];
  const advice: Advice[] = [];
  for (const stage of model.stages) {
    const list = stage.instructions;
    // Bottom-up: a lower ARG settles first, so upper ones stop above it and keep their order.
    for (let pos = list.length - 1; pos >= 0; pos--) {
      const argI = list[pos];
      if (argI.keyword !== 'ARG' || argI.ignore.has(ID) || argI.ignore.has('all')) continue;
      const names = parseArgDecls(argI).map((d) => d.name);
      if (names.length === 0) continue;
      const label = names.length === 1 ? `\`ARG ${names[0]}\`` : quote(argI);

      if (!readByAnything(a, stage, pos, names)) {
        // Nothing reads it: it can only be there for its effect on the steps below it. That is
        // how a deliberate cache buster works, so it stays unless --unsafe.
        const s = scan(a, stage, pos, names, true);
        if (s.runsCrossed.length === 0 || s.last === null) continue;
        const hints = cacheBusterHints(argI, names);
        const what = describeRuns(s.runsCrossed);
        const opaque = s.opaqueCrossed;
        const opaqueList = opaque.map((i) => `${quote(i)} (line ${line(i)})`).join(', ');
        // Steps that might read it after all (opaque RUNs below it, here or in stages built on it), moved past or not.
        const mayRead = opaqueRunsAfter(a, stage, pos);
        const more = mayRead.length - 1;
        const mayReadList = mayRead.length ? `${quote(mayRead[0])} (line ${line(mayRead[0])})${more ? ` and ${more} more ${more === 1 ? 'step' : 'steps'} run` : ' runs'}` : '';
        if (!unsafe) {
          const who = `nothing in its stage or in stages built on it names ${names.join(' or ')}`;
          const notRead = mayRead.length
            ? `${label} (line ${line(argI)}) is not used by name: ${who} or is known to read it from the environment, but ${mayReadList} commands the model does not understand, which could.`
            : `${label} (line ${line(argI)}) is not used: ${who} or reads it from the environment.`;
          const verdict = hints.length
            ? ` ${capitalize(hints.join(' and '))} ${hints.length === 1 ? 'marks' : 'mark'} it as a deliberate cache buster, so it stays: a new value of it re-runs the steps below it. With --unsafe it would move to ${destination(s)}, and a new value would no longer re-run ${what}.`
            : mayRead.length
              ? ` It stays: ${mayRead.length === 1 ? 'that step' : 'those steps'} may read it, and an ARG that nothing reads may also be a deliberate cache buster, whose new value re-runs the steps below it. If it is neither, run with --unsafe to move it to ${destination(s)} (or move it by hand), so that a new value no longer re-runs ${what}.`
              : ` It stays: an ARG that nothing reads may be a deliberate cache buster, whose new value re-runs the steps below it. If it is not one, delete it, or run with --unsafe to move it to ${destination(s)}, so that a new value no longer re-runs ${what}.`;
          advice.push({ line: line(argI), instruction: argI.index, message: notRead + verdict });
          continue;
        }
        const them = s.runsCrossed.length === 1 ? 'it' : 'them';
        const loss = hints.length
          ? `an ARG that nothing reads is how a Dockerfile forces the steps below it to re-run, and ${hints.join(' and ')} ${hints.length === 1 ? 'marks' : 'mark'} this one as such a cache buster: after the move, a new value of ${names.join(' or ')} no longer re-runs ${them}.`
          : `an ARG that nothing reads may be a deliberate cache buster, there to force the steps below it to re-run; if this one was, that no longer works: a new value of ${names.join(' or ')} no longer re-runs ${them}.`;
        const opaqueNote = opaque.length
          ? `it now also runs after ${opaqueList}, which the model does not understand and which could read ${names.join(', ')} from the environment; check that it does not. `
          : '';
        const unsafeNote = ` Unsafe (--unsafe): ${opaqueNote}${opaqueNote ? capitalize(loss) : loss}`;
        const edits =
          s.stop.kind === 'end' ? moveBlocks(model, [argI], { after: list[list.length - 1] }, 'below') : moveBlocks(model, [argI], { before: landing(list, pos, s.stop.at) }, 'below');
        fixes.push({ message: `${label} (line ${line(argI)}) moved to ${destination(s)}: nothing reads it, so a new value no longer re-runs ${what}.${unsafeNote}`, line: line(argI), instruction: argI.index, edits });
        continue;
      }

      // Used, but named like a cache buster: it is there to re-run the steps below it, whatever else reads it.
      if (names.some((n) => CACHE_BUSTER.test(n))) continue;
      const meta = metadataMove(a, stage, pos, names, label);
      if (meta) {
        fixes.push(meta);
        continue;
      }
      const s = scan(a, stage, pos, names, unsafe);
      const unsafeNote = s.opaqueCrossed.length
        ? ` Unsafe (--unsafe): it now also runs after ${s.opaqueCrossed.map((i) => `${quote(i)} (line ${line(i)})`).join(', ')}, which the model does not understand and which could read ${names.join(', ')} from the environment; check that it does not.`
        : '';

      if (s.stop.kind === 'opaque' && !usedLater(a, stage, list.indexOf(s.stop.at), names)) {
        // Nothing in the stage names it (a stage built on this one does), but an opaque RUN might read it: leave it, say why.
        advice.push({
          line: line(argI),
          instruction: argI.index,
          message: `${label} (line ${line(argI)}) is not used by name in this stage, but ${quote(s.stop.at)} (line ${line(s.stop.at)}) runs commands the model does not understand, which could read it from the environment; it stays. If that step does not read it, move the ARG below it (or run with --unsafe) so a new value no longer re-runs the steps in between.`,
        });
        continue;
      }
      if (s.runsCrossed.length === 0 || s.last === null) continue;
      const what = describeRuns(s.runsCrossed);
      let msg: string;
      let edits;
      if (s.stop.kind === 'end') {
        // The stage itself does not use it (the scan reached its end), so a stage built on it does.
        msg = `${label} (line ${line(argI)}) moved to the end of its stage: nothing in the stage uses it, only stages built on it, which still see it, so a new value no longer re-runs ${what}.${unsafeNote}`;
        edits = moveBlocks(model, [argI], { after: list[list.length - 1] }, 'below');
      } else {
        const at = s.stop.at;
        const why =
          s.stop.kind === 'use'
            ? `its first use, ${quote(at)} (line ${line(at)}), which ${s.stop.how}`
            : s.stop.kind === 'opaque'
              ? `${quote(at)} (line ${line(at)}), which runs commands the model does not understand and could read it`
              : `${quote(at)} (line ${line(at)}), keeping the order of ARG/ENV lines`;
        msg = `${label} (line ${line(argI)}) moved down to just before ${why}: a new value no longer re-runs ${what}.${unsafeNote}`;
        edits = moveBlocks(model, [argI], { before: landing(list, pos, at) }, 'below');
      }
      fixes.push({ message: msg, line: line(argI), instruction: argI.index, edits });
    }
  }
  return { fixes, advice };
}

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/**
 * An ARG read only by LABELs (`ARG GIT_SHA` + `LABEL org.opencontainers.image.revision=$GIT_SHA`
 * at the top of a stage): a LABEL changes the image's metadata and no later step's cache key, so
 * the ARG and those LABELs move together to the end of the stage, when every instruction they
 * cross lets each of them pass (the ARG by the usual rules; a LABEL crosses nothing that sets a
 * variable it expands or a label key it sets). Null when that cannot be shown.
 */
function metadataMove(a: Analysis, stage: Stage, pos: number, names: string[], label: string): Fix | null {
  const list = stage.instructions;
  const argI = list[pos];
  if (readByChildren(a, stage, names)) return null;
  const uses = list.slice(pos + 1).filter((i) => {
    const e = a.effects.get(i.index)!;
    return names.some((n) => reads(e, n) || e.writes.vars.has(n));
  });
  if (uses.length === 0 || uses.some((i) => i.keyword !== 'LABEL' || i.ignore.has(ID) || i.ignore.has('all'))) return null;
  // The LABELs already below the last other instruction stay where they are.
  let end = list.length - 1;
  while (end > pos && uses.includes(list[end])) end--;
  const anchor = list[end];
  const moving = uses.filter((u) => u.index < anchor.index);
  if (moving.length === 0 || anchor === argI) return null;
  // Only when a LABEL sits above a RUN: otherwise the ARG just moves down to its LABEL as usual.
  if (!list.slice(list.indexOf(moving[0]) + 1, end + 1).some((i) => i.keyword === 'RUN')) return null;
  const argE = a.effects.get(argI.index)!;
  const runs: Instruction[] = [];
  for (let k = pos + 1; k <= end; k++) {
    const kI = list[k];
    if (uses.includes(kI)) continue;
    const ek = a.effects.get(kI.index)!;
    if (ek.opaque || (ek.reads.vars.all && kI.keyword === 'RUN')) return null;
    if (swapConflict(argE, ek)) return null;
    if ((kI.keyword === 'ARG' || kI.keyword === 'ENV') && envOrderObservable(a, stage, kI.index)) return null;
    if (moving.some((m) => m.index < kI.index && swapConflict(a.effects.get(m.index)!, ek))) return null;
    if (kI.keyword === 'RUN') runs.push(kI);
  }
  if (runs.length === 0) return null;
  const labels = moving.length === 1 ? `the LABEL that uses it (line ${line(moving[0])})` : `the ${moving.length} LABELs that use it (lines ${moving.map(line).join(', ')})`;
  return {
    message: `${label} (line ${line(argI)}) and ${labels} moved to the end of the stage, after ${quote(anchor)} (line ${line(anchor)}): a LABEL sets only the image's metadata and is part of no later step's cache key, so a new value of ${names.join(' or ')} no longer re-runs ${describeRuns(runs)}; the image gets the same labels.`,
    line: line(argI),
    instruction: argI.index,
    edits: moveBlocks(a.model, [argI, ...moving], { after: anchor }, 'below'),
  };
}

export default transform;
