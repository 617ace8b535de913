/**
 * The cache-impact estimate of one engine result (src/model/impact.ts): the original and the
 * rewritten text, decoded like the runner reads them. Null when the file did not change, or
 * when the estimate cannot be made (it never fails a file).
 */
import type { BuildContextInfo } from './transform.js';
import type { FixResult } from './runner.js';
import { parseDockerfile } from '../model/dockerfile.js';
import { estimateImpact, type ImpactEntry } from '../model/impact.js';
import { decodeSource } from './source.js';

export function estimateFileImpact(result: FixResult, buildContext?: BuildContextInfo, target?: string): ImpactEntry[] | null {
  if (!result.changed || result.error) return null;
  try {
    const before = parseDockerfile(decodeSource(result.input).text);
    const after = parseDockerfile(decodeSource(result.output).text);
    const rows = estimateImpact(before, after, { buildContext, target });
    return rows.length ? rows : null;
  } catch {
    return null;
  }
}
