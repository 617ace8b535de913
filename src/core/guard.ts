/**
 * The re-run guard (issue 11): a fix of a transform that moves steps (`Transform.moves`) is
 * applied only when, with it alone applied, no everyday edit re-runs more of the image's
 * steps and at least one re-runs fewer (`src/model/rerun.ts`). Otherwise it is dropped and
 * becomes advice naming the move and the edit it would make worse.
 */
import { parseDockerfile, type DockerfileModel, type Instruction } from '../model/dockerfile.js';
import { alwaysReruns, compareReruns, describeEdit } from '../model/rerun.js';
import { applyFixes, type Fix } from './fix.js';
import type { BuildContextInfo } from './transform.js';

function quote(i: Instruction, max = 40): string {
  const first = i.text.split('\n')[0].replace(/[\\`]\s*$/, '').replace(/\s+/g, ' ').trim();
  return '`' + (first.length > max ? first.slice(0, max).replace(/\s+\S*$/, '') + ' …' : first + (i.text.includes('\n') ? ' …' : '')) + '`';
}

/** "moving `X` (line n) above `Y` (line m)", read off the two models; null when nothing moved. */
function describeMove(before: DockerfileModel, after: DockerfileModel, fix: Fix): string | null {
  // The k-th instruction with a given text in the original is the k-th one with it in the rewrite.
  const slots = new Map<string, number[]>();
  after.instructions.forEach((i, k) => slots.set(i.text, [...(slots.get(i.text) ?? []), k]));
  const seen = new Map<string, number>();
  const at = new Map<number, number>();
  for (const i of before.instructions) {
    const n = seen.get(i.text) ?? 0;
    seen.set(i.text, n + 1);
    const k = slots.get(i.text)?.[n];
    if (k !== undefined) at.set(i.index, k);
  }
  const first = fix.instruction === undefined ? [] : [before.instructions[fix.instruction]];
  for (const x of [...first, ...before.instructions]) {
    const px = x && at.get(x.index);
    if (px === undefined || !before.stages[x.stage] || x.keyword === 'FROM') continue;
    const stage = before.stages[x.stage].instructions;
    const up = stage.filter((y) => y.index < x.index && (at.get(y.index) ?? -1) > px);
    if (up.length) return `moving ${quote(x)} (line ${x.startLine + 1}) above ${quote(up[0])} (line ${up[0].startLine + 1})`;
    const down = stage.filter((y) => y.index > x.index && (at.get(y.index) ?? Infinity) < px);
    if (down.length) {
      const z = down[down.length - 1];
      return `moving ${quote(x)} (line ${x.startLine + 1}) below ${quote(z)} (line ${z.startLine + 1})`;
    }
  }
  return null;
}

/** Null when the fix gains; otherwise the advice that replaces it. */
export function rerunGuard(model: DockerfileModel, fix: Fix, buildContext?: BuildContextInfo): string | null {
  let after: DockerfileModel;
  try {
    after = parseDockerfile(applyFixes(model.text, [fix]));
  } catch {
    return null; // the runner's own checks reject it
  }
  let v: ReturnType<typeof compareReruns>;
  try {
    v = compareReruns(model, after, buildContext);
  } catch (e) {
    return `Not done: the re-run check could not compare the file before and after this change (${(e as Error).message}).`;
  }
  if (v.verdict === 'gain') return null;
  const move = describeMove(model, after, fix) ?? 'this change';
  if (v.verdict === 'worse') {
    const w = v.worst!;
    return `Not done: ${move} would make ${describeEdit(w.edit)} re-run ${w.after} steps instead of ${w.before} (of ${v.total}).`;
  }
  const arg = /^moving `ARG\s/i.test(move) ? v.counts.find((c) => c.edit.kind === 'arg' && new RegExp(`\\b${c.edit.name}\\b`).test(move.split('`')[1])) : undefined;
  if (arg) {
    const stage = model.instructions[fix.instruction ?? -1]?.stage ?? model.stages.length - 1;
    const why = alwaysReruns(model, arg.edit, stage);
    return `Not done: ${move} gains nothing: ${describeEdit(arg.edit)} re-runs ${arg.before} of the image's ${v.total} steps either way${why ? ` (${why})` : ''}.`;
  }
  return `Not done: ${move} would make no edit re-run fewer steps (source files, manifests, build args).`;
}
