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
 * - An ARG that nothing in the stage uses moves to the end of the stage only when no RUN
 *   after it could read it; otherwise it stays and the transform gives advice.
 * - `ARG A B` moves as one line (its text is kept byte for byte) to the first use of any
 *   of its names.
 * - Two ARG lines never trade places; an ARG crosses an ENV line only while no later
 *   RUN could observe the environment's order (an opaque RUN or `env`/`printenv`).
 * - An ARG only moves when it ends up below at least one RUN: crossing anything else
 *   gains no cache.
 * - ARGs named like cache busters (`CACHEBUST`, `CACHE_BUST`, `NOCACHE`…) exist to re-run
 *   the step below them: they stay.
 */
import type { Advice, Fix } from '../src/core/fix.js';
import type { Transform } from '../src/core/transform.js';
import { analyze, readsVariable, swapConflict, type Analysis, type Effects } from '../src/model/analysis.js';
import type { Instruction, Stage } from '../src/model/dockerfile.js';
import { moveBlocks } from '../src/model/move.js';
import { parseArgDecls } from '../src/model/state.js';
import { quote } from './reorder-for-cache.js';

const ID = 'arg-near-use';
const CACHE_BUSTER = /^(CACHE_?BUST(ER)?|BUST(_?CACHE)?|NO_?CACHE|CACHE_?DATE|FORCE_?REBUILD|REBUILD)$/i;

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
    if (kI.keyword === 'ARG' || (kI.keyword === 'ENV' && envOrderObservable(a, stage, kI.index))) {
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

/** Is any name used in a stage built on this one (FROM it, transitively)? */
function usedByChildren(a: Analysis, stage: Stage, names: string[]): boolean {
  return a.stages[stage.index].descendants
    .filter((s) => s !== stage.index)
    .some((s) => a.model.stages[s].instructions.some((i) => names.some((n) => readsVariable(a.effects.get(i.index)!, n) !== null)));
}

const transform: Transform = {
  id: ID,
  description: 'Move each stage-level ARG down to just before its first use, so a new build-arg value no longer re-runs the steps above that use.',
  defaultEnabled: true,
  run({ model, unsafe, buildContext }) {
    if (model.stages.length === 0) return { fixes: [] };
    return proposeArgMoves(analyze(model, { buildContext }), unsafe);
  },
};

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
      if (names.length === 0 || names.some((n) => CACHE_BUSTER.test(n))) continue;
      const s = scan(a, stage, pos, names, unsafe);
      const label = names.length === 1 ? `\`ARG ${names[0]}\`` : quote(argI);
      const unsafeNote = s.opaqueCrossed.length
        ? ` Unsafe (--unsafe): it now also runs after ${s.opaqueCrossed.map((i) => `${quote(i)} (line ${line(i)})`).join(', ')}, which the model does not understand and which could read ${names.join(', ')} from the environment; check that it does not.`
        : '';

      if (s.stop.kind === 'opaque' && !usedLater(a, stage, list.indexOf(s.stop.at), names)) {
        // Nothing names it, but an opaque RUN might read it: leave it, say why.
        advice.push({
          line: line(argI),
          instruction: argI.index,
          message: `${label} (line ${line(argI)}) is not used by name in this stage, but ${quote(s.stop.at)} (line ${line(s.stop.at)}) runs commands the model does not understand, which could read it from the environment; it stays. If that step does not read it, move the ARG below it (or run with --unsafe) so a new value no longer re-runs the steps in between.`,
        });
        continue;
      }
      if (s.runsCrossed.length === 0 || s.last === null) continue;
      const runs = s.runsCrossed;
      const what = runs.length === 1 ? `${quote(runs[0])} (line ${line(runs[0])})` : `the ${runs.length} RUN steps from line ${line(runs[0])} to line ${line(runs[runs.length - 1])}`;
      let msg: string;
      let edits;
      if (s.stop.kind === 'end') {
        const child = usedByChildren(a, stage, names) ? ' (stages built on this one still see it)' : '';
        msg = `${label} (line ${line(argI)}) moved to the end of its stage: nothing in the stage uses it${child}, so a new value no longer re-runs ${what}.${unsafeNote}`;
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
        edits = moveBlocks(model, [argI], { before: at }, 'below');
      }
      fixes.push({ message: msg, line: line(argI), instruction: argI.index, edits });
    }
  }
  return { fixes, advice };
}

export default transform;
