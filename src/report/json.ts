/**
 * `json`: one document for machines. Deterministic: files sorted by path, fixed key
 * order, no timings unless `--stats`.
 *
 *     { "schemaVersion": 1, "tool": { "name": "dockerfix", "version": "0.1.0" },
 *       "mode": "check", "transforms": ["syntax-directive"], "unsafe": false,
 *       "files": [ { "path", "status", "changes": [{ "transform", "line", "endLine", "newLine", "newEndLine", "message" }],
 *                    "advice": [...], "error": { "code", "message" } | null,
 *                    "reason": string | null, "context": string | null, "diff": string | null,
 *                    "companions"?: [{ "path", "created", "append": [...], "diff" }],
 *                    "warnings"?: [{ "line", "message" }] } ],
 *       (`companions` only on a file whose changes also edit or create another file,
 *       `warnings` only on a file with an ignore comment naming an unknown transform)
 *       "impact"?: [{ "edit", "before", "after", "steps", "stepsBefore"?, "beforeMin"?, "afterMin"? }]
 *       (only on a changed file: the cache-impact estimate, src/model/impact.ts)
 *       "summary": { "changed", "unchanged", "skipped", "errors" } }
 */
import { impactRecord } from './impact.js';
import { summarize, type FileReport, type ReportOptions } from './types.js';

export const SCHEMA_VERSION = 1;

export function fileRecord(r: FileReport, withStats: boolean): Record<string, unknown> {
  const rec: Record<string, unknown> = {
    path: r.path,
    status: r.status,
    changes: r.changes.map((c) => ({ transform: c.transform, line: c.line, endLine: c.endLine ?? c.line, newLine: c.newLine, newEndLine: c.newEndLine, message: c.message })),
    advice: r.advice.map((a) => ({ transform: a.transform, line: a.line, endLine: a.endLine ?? a.line, message: a.message })),
    error: r.error ? { code: r.error.code, message: r.error.message } : null,
    reason: r.reason,
    context: r.context,
    diff: r.diff,
  };
  if (r.warnings?.length) rec.warnings = r.warnings.map((w) => ({ line: w.line, message: w.message }));
  if (r.companions?.length) rec.companions = r.companions.map((c) => ({ path: c.path, created: c.created, append: [...c.append], diff: c.diff }));
  if (r.verify) rec.verify = r.verify;
  if (r.impact?.length) rec.impact = impactRecord(r.impact);
  if (withStats && r.durationMs !== undefined) rec.durationMs = r.durationMs;
  return rec;
}

export function header(options: ReportOptions): Record<string, unknown> {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'dockerfix', version: options.version },
    mode: options.mode,
    transforms: options.transforms,
    unsafe: options.unsafe,
  };
}

export function json(results: readonly FileReport[], options: ReportOptions): string {
  const withStats = options.durationMs !== undefined;
  const doc: Record<string, unknown> = {
    ...header(options),
    files: results.map((r) => fileRecord(r, withStats)),
    summary: summarize(results),
  };
  if (withStats) doc.stats = { durationMs: options.durationMs };
  return JSON.stringify(doc, null, 2) + '\n';
}
