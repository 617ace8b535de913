/**
 * `stylish`: for people. One block per file that has something to say (a change, advice,
 * an error, a reason it was skipped), nothing for files left as they were:
 *
 *     examples/node-api/Dockerfile
 *       1  syntax-directive  Added `# syntax=docker/dockerfile:1`: ...
 *       7  arg-near-use      advice: ...
 *       re-runs  source edit: 2 of 3 steps → 1 of 4; package.json: 2 → 3
 *
 *     broken/Dockerfile
 *       error  E_ENCODING  not UTF-8 text
 *
 * The summary line is not part of it: the CLI prints that on stderr.
 */
import { impactLine } from './impact.js';
import { styles } from './style.js';
import type { FileReport, ReportOptions } from './types.js';

export function stylish(results: readonly FileReport[], options: ReportOptions): string {
  const s = styles(options.color);
  const blocks: string[] = [];
  for (const r of results) {
    const lines: string[] = [];
    if (r.error) lines.push(`  ${s.red('error')}  ${r.error.code}  ${r.error.message}`);
    if (!options.quiet) {
      if (r.status === 'skipped' && r.reason) lines.push(`  ${s.dim('skipped')}  ${r.reason}`);
      // Sorted by line (original file), changes before advice on the same line.
      const rows = [
        ...(r.warnings ?? []).map((w) => ({ transform: '', line: w.line, message: w.message, advice: false, warning: true })),
        ...r.changes.map((c) => ({ ...c, advice: false, warning: false })),
        ...r.advice.map((a) => ({ ...a, advice: true, warning: false })),
      ].sort((x, y) => x.line - y.line || Number(y.warning) - Number(x.warning) || Number(x.advice) - Number(y.advice));
      const lineWidth = Math.max(0, ...rows.map((x) => String(x.line).length));
      const idWidth = Math.max(0, ...rows.map((x) => x.transform.length));
      for (const x of rows) {
        const no = s.dim(String(x.line).padStart(lineWidth));
        const id = s.dim(x.transform.padEnd(idWidth));
        const msg = x.warning ? `${s.yellow('warning:')} ${x.message}` : x.advice ? `${s.yellow('advice:')} ${x.message}` : x.message;
        lines.push(`  ${no}  ${id}  ${msg}`);
      }
      // A rewrite that is not proven is an error or a skip: its reason is printed above.
      if (r.verify && r.status === 'changed') lines.push(`  ${s.dim('verify')}  ${s.green(r.verify.verdict)}: ${r.verify.reason}${r.verify.notes.length ? ` (${r.verify.notes.join('; ')})` : ''}`);
      for (const c of r.companions ?? []) lines.push(`  ${s.dim('also')}  ${c.created ? 'creates' : 'edits'} ${c.path}: adds ${c.append.join(', ')}`);
      if (r.impact?.length) lines.push(`  ${s.dim('re-runs')}  ${impactLine(r.impact)}`);
    }
    if (lines.length) blocks.push(`${s.underline(r.path)}\n${lines.join('\n')}\n`);
  }
  return blocks.join('\n');
}
