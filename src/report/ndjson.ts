/**
 * `ndjson`: one JSON object per line, for streaming consumers. A `file` line per file
 * (the same fields as in `json`), then one `summary` line with the schema version, the
 * tool and the counts.
 */
import { fileRecord, header } from './json.js';
import { summarize, type FileReport, type ReportOptions } from './types.js';

export function ndjson(results: readonly FileReport[], options: ReportOptions): string {
  const withStats = options.durationMs !== undefined;
  const lines = results.map((r) => JSON.stringify({ type: 'file', ...fileRecord(r, withStats) }));
  const summary: Record<string, unknown> = { type: 'summary', ...header(options), summary: summarize(results) };
  if (withStats) summary.stats = { durationMs: options.durationMs };
  lines.push(JSON.stringify(summary));
  return lines.join('\n') + '\n';
}
