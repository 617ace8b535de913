/**
 * reorder-for-cache: within a stage, move a build step whose inputs rarely change above
 * steps whose inputs change often, when the dependency model proves the move safe.
 *
 *     WORKDIR /app                              WORKDIR /app
 *     COPY . .                          ==>     RUN apt-get update && apt-get install -y curl
 *     RUN apt-get update && \                   COPY . .
 *         apt-get install -y curl
 *
 * Volatility (src/model/analysis/types.ts): constants < system packages < toolchain setup <
 * dependency manifests and their install < the source copy and what reads it.
 *
 * A stable, dependency-respecting sort, one move at a time:
 * - a step moves only above steps of strictly higher volatility (the gain), never above
 *   a step of the same or lower volatility (stability), never across an instruction it
 *   depends on or that depends on it (`canSwap`); the ENV/ARG lines and equally
 *   stable steps it needs (e.g. the `ENV DEBIAN_FRONTEND` it reads) move with it, in
 *   their order, and so do the SHELL and USER lines it reads, unless an instruction they
 *   would now precede reads the shell (shell-form RUN, CMD, ENTRYPOINT, HEALTHCHECK) or the
 *   user (RUN, WORKDIR): COPY, ADD and exec-form RUNs ignore SHELL, COPY and ADD ignore USER
 *   (their files are root's unless `--chown`); a WORKDIR it needs pins it unless it is as
 *   stable as the step;
 * - ENV/ARG lines never cross each other (their order is part of every later RUN's key);
 * - metadata (LABEL, EXPOSE, CMD…) never moves for tidiness;
 * - attached comments move with their instruction; `# dockerfix ignore=reorder-for-cache`
 *   pins an instruction (nothing moves across it either);
 * - WORKDIR and steps made only of constants (mkdir, useradd, inline files) re-run in
 *   no time: they never move on their own.
 */
import type { Advice, Fix } from '../src/core/fix.js';
import type { Transform } from '../src/core/transform.js';
import { analyze, canSwap, Volatility, withoutGuess, type Analysis, type Effects } from '../src/model/analysis.js';
import type { Instruction, Stage } from '../src/model/dockerfile.js';
import { moveBlocks } from '../src/model/move.js';

const ID = 'reorder-for-cache';

const isEnvWriter = (i: Instruction) => i.keyword === 'ENV' || i.keyword === 'ARG';
/**
 * State lines that travel with the step that needs them, besides ENV/ARG: SHELL and USER. They
 * create no step, so moving one up changes only what the instructions it now precedes see, and
 * each of those is checked like any crossed instruction (`canSwap`): one that reads the shell
 * (a shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK) or the user (a RUN, a WORKDIR's mkdir)
 * stops it. What follows its old place still sees it, in the same order.
 */
const travels = (i: Instruction) => i.keyword === 'SHELL' || i.keyword === 'USER';

/** One-line quote of an instruction for messages: `RUN apt-get install …`. */
export function quote(i: Instruction, max = 48): string {
  const first = i.text.split('\n')[0].replace(/[\\`]\s*$/, '').replace(/\s+/g, ' ').trim();
  const more = i.text.includes('\n') || first.length > max;
  let cut = first;
  if (first.length > max) {
    cut = first.slice(0, max).replace(/\s+\S*$/, '');
    if (!/\s/.test(cut)) cut = first.slice(0, max); // keep more than the keyword
  }
  return '`' + cut + (more ? ' …' : '') + '`';
}

const EDIT_OF: Record<number, string> = {
  [Volatility.Source]: 'editing source files',
  [Volatility.Dependencies]: 'changing the dependency manifests',
  [Volatility.Toolchain]: 'a new version of the tools it fetches',
  [Volatility.System]: 'changing the system packages',
};

interface Plan {
  /** Instructions that move (file order): the step and what it needs. */
  moved: Instruction[];
  /** The instruction they end up above. */
  target: Instruction;
  /** The highest-volatility step crossed. */
  crossed: Effects;
}

function ignored(i: Instruction): boolean {
  return i.ignore.has(ID) || i.ignore.has('all');
}

/** Plans the move of step `j` of a stage, or null when it cannot gain safely. */
function plan(a: Analysis, stage: Stage, j: number): Plan | null {
  const list = stage.instructions;
  const jI = list[j];
  const ej = a.effects.get(jI.index)!;
  // RUN, COPY and ADD move; a WORKDIR's mkdir costs nothing to re-run, and it frames what follows.
  if (!ej.step || jI.keyword === 'WORKDIR' || ignored(jI)) return null;
  const vj = a.volatility.get(jI.index)!;
  // A step of constants (mkdir, useradd, an inline file) re-runs in no time: it only moves
  // along with a step that needs it, never on its own (minimal diffs).
  if (ej.volatility === Volatility.Constant) return null;
  const S: Effects[] = [ej];
  const R: Effects[] = [];
  let best: number | null = null;
  for (let k = j - 1; k >= 0; k--) {
    const kI = list[k];
    if (ignored(kI)) break;
    const ek = a.effects.get(kI.index)!;
    const vk = a.volatility.get(kI.index)!;
    const conflict = S.some((s) => !canSwap(ek, s) || (isEnvWriter(kI) && isEnvWriter(s.instruction)));
    if (conflict) {
      // k must stay above what needs it: it joins the group, if it may move. The variables,
      // SHELL and USER a step reads and steps as stable as it travel with it; other metadata
      // (LABEL, EXPOSE, CMD…) and a WORKDIR `/` stay where their author put them.
      if (ek.step ? vk > vj : !(isEnvWriter(kI) || travels(kI))) break;
      S.unshift(ek);
      continue;
    }
    if (ek.step) {
      if (vk <= vj) break; // never above a step that changes as rarely
      R.unshift(ek);
      best = k;
      continue;
    }
    R.unshift(ek); // metadata and state that the group neither needs nor affects
  }
  if (best === null) return null;
  const target = list[best];
  const moved = S.map((e) => e.instruction).filter((i) => i.index > target.index);
  const crossedSteps = R.filter((e) => e.instruction.index >= target.index && e.step);
  const crossed = crossedSteps.reduce((m, e) => ((a.volatility.get(e.instruction.index) ?? 0) > (a.volatility.get(m.instruction.index) ?? 0) ? e : m));
  return { moved, target, crossed };
}

function message(a: Analysis, p: Plan): string {
  const step = p.moved[p.moved.length - 1];
  const e = a.effects.get(step.index)!;
  const line = (i: Instruction) => i.startLine + 1;
  const with_ = p.moved.slice(0, -1);
  const along = with_.length
    ? ` (with ${with_.map((i) => `${quote(i)} (line ${line(i)})`).join(', ')}, which ${with_.length === 1 ? 'keeps its' : 'keep their'} place above it)`
    : '';
  const edit = EDIT_OF[a.volatility.get(p.crossed.instruction.index) ?? Volatility.Source] ?? 'editing source files';
  const role = e.role === 'the step' ? 'it' : e.role;
  return `${quote(step)} (line ${line(step)}) now runs before ${quote(p.target)} (line ${line(p.target)})${along}: ${edit} no longer re-runs ${role}.`;
}

const transform: Transform = {
  id: ID,
  description: 'Move build steps whose inputs rarely change (system packages, tools) above steps whose inputs change often (source copies), when the move provably builds the same image.',
  defaultEnabled: true,
  moves: true,
  run({ model, buildContext }) {
    if (model.stages.length === 0) return { fixes: [] };
    const a = analyze(model, { buildContext });
    return { fixes: proposeMoves(a), advice: guessAdvices(a) };
  },
};

const under = (folder: string, p: string) => p === folder || p.startsWith(folder + '/');

/**
 * Advice for a system package step kept below a more volatile step only by its guessed claim
 * on the system folders (no file list for its packages): the nearest step above it that it
 * cannot cross is more volatile, and it could cross it if the guess were known not to apply.
 */
export function guessAdvices(a: Analysis): Advice[] {
  const out: Advice[] = [];
  for (const stage of a.model.stages) {
    const list = stage.instructions;
    for (let j = 1; j < list.length; j++) {
      const ej = a.effects.get(list[j].index)!;
      if (!ej.guess || ignored(list[j])) continue;
      for (let k = j - 1; k >= 0; k--) {
        const ek = a.effects.get(list[k].index)!;
        if (ignored(list[k])) break;
        if (canSwap(ek, ej)) continue;
        if (!ek.step || (a.volatility.get(list[k].index) ?? 0) <= ej.volatility || !canSwap(ek, withoutGuess(ej))) break;
        const touched = [...ek.writes.paths.paths, ...ek.reads.paths.paths];
        const folder = ej.guess.folders.find((f) => touched.some((p) => under(f, p)));
        if (folder) {
          out.push({
            message: `\`${ej.guess.tool}\` may write under ${folder} (${ej.guess.reason}), so ${quote(list[j])} (line ${list[j].startLine + 1}) stays below ${quote(list[k])} (line ${list[k].startLine + 1}).`,
            line: list[j].startLine + 1,
          });
        }
        break;
      }
    }
  }
  return out;
}

/** Every safe, gaining move of the file (one per candidate step; the runner applies those that do not overlap). */
export function proposeMoves(a: Analysis): Fix[] {
  const model = a.model;
  const fixes: Fix[] = [];
  for (const stage of model.stages) {
    for (let j = 1; j < stage.instructions.length; j++) {
      const p = plan(a, stage, j);
      if (!p) continue;
      const step = p.moved[p.moved.length - 1];
      fixes.push({
        message: message(a, p),
        line: step.startLine + 1,
        instruction: step.index,
        edits: moveBlocks(model, p.moved, { before: p.target }, 'above'),
      });
    }
  }
  return fixes;
}

export default transform;
