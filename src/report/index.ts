/** The reporters: pure `(results, options) => string`, picked with `-f`. */
import { json } from './json.js';
import { markdown } from './markdown.js';
import { ndjson } from './ndjson.js';
import { patch } from './patch.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FileReport, ReportOptions } from './types.js';

export type Reporter = (results: readonly FileReport[], options: ReportOptions) => string;

export const REPORTERS = { stylish, json, ndjson, patch, markdown, sarif } satisfies Record<string, Reporter>;

export type FormatName = keyof typeof REPORTERS;

export const FORMATS = Object.keys(REPORTERS) as FormatName[];

/** Formats for machines: no progress, no colour, nothing but the report on their stream. */
export function isMachineFormat(f: FormatName): boolean {
  return f !== 'stylish';
}

export { allDiffs, summarize, summaryLine } from './types.js';
export type { FileReport, FileStatus, Mode, ReportedCompanion, ReportOptions, Summary } from './types.js';
