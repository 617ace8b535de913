/**
 * How the reports show the cache-impact estimate (`FileReport.impact`, src/model/impact.ts):
 * one short stylish line per changed file, a markdown table, the json rows as they are.
 */
import type { ImpactEntry } from '../model/impact.js';

/** `source edit`, `package.json`, `arg VERSION`, `base image of build`. */
export function impactLabel(e: ImpactEntry): string {
  if (e.edit === 'source') return 'source edit';
  if (e.edit.startsWith('manifest:')) return e.edit.slice('manifest:'.length);
  if (e.edit.startsWith('arg:')) return `arg ${e.edit.slice(4)}`;
  const stage = e.edit.slice('base:'.length);
  return /^\d+$/.test(stage) ? (stage === '0' ? 'base image' : `base image of stage ${stage}`) : `base image of ${stage}`;
}

/** `3`, or `2–3` when a copy from another stage re-runs only if its bytes changed. */
function count(n: number, min: number | undefined): string {
  return min !== undefined && min !== n ? `${min}–${n}` : String(n);
}

export const beforeCell = (e: ImpactEntry) => count(e.before, e.beforeMin);
export const afterCell = (e: ImpactEntry) => count(e.after, e.afterMin);

/** A row that says nothing new: the same count either way, or every step either way (a base-image update). */
const unchanged = (e: ImpactEntry) => (e.before === e.after && e.beforeMin === e.afterMin) || (e.before === (e.stepsBefore ?? e.steps) && e.after === e.steps && e.beforeMin === undefined);

/**
 * `source edit: 4 of 5 steps → 1; package.json: 4 → 2; arg VERSION: 3 → 1` (the first row says out
 * of how many). Short: after the first row, only rows whose figures change.
 */
export function impactLine(rows: readonly ImpactEntry[]): string {
  return rows
    .filter((e, k) => k === 0 || !unchanged(e))
    .map((e, k) => {
      if (k > 0) return `${impactLabel(e)}: ${beforeCell(e)} → ${afterCell(e)}`;
      const of = e.stepsBefore !== undefined ? ` of ${e.stepsBefore} steps → ${afterCell(e)} of ${e.steps}` : ` of ${e.steps} steps → ${afterCell(e)}`;
      return `${impactLabel(e)}: ${beforeCell(e)}${of}`;
    })
    .join('; ');
}

/** The rows as JSON (fixed key order). */
export function impactRecord(rows: readonly ImpactEntry[]): Record<string, unknown>[] {
  return rows.map((e) => ({
    edit: e.edit,
    before: e.before,
    after: e.after,
    steps: e.steps,
    ...(e.stepsBefore !== undefined ? { stepsBefore: e.stepsBefore } : {}),
    ...(e.beforeMin !== undefined ? { beforeMin: e.beforeMin, afterMin: e.afterMin } : {}),
  }));
}

/** A markdown table: edit, steps re-run before and after, of how many steps. */
export function impactTable(rows: readonly ImpactEntry[], code: (s: string) => string): string {
  let out = '| Edit | Re-run before | Re-run after | Of steps |\n|---|--:|--:|--:|\n';
  for (const e of rows) {
    const edit = e.edit === 'source' ? 'a source file' : e.edit.startsWith('manifest:') ? code(e.edit.slice(9)) : e.edit.startsWith('arg:') ? `build arg ${code(e.edit.slice(4))}` : impactLabel(e);
    out += `| ${edit.replace(/\|/g, '\\|')} | ${beforeCell(e)} | ${afterCell(e)} | ${e.stepsBefore !== undefined ? `${e.stepsBefore} → ${e.steps}` : e.steps} |\n`;
  }
  return out;
}
