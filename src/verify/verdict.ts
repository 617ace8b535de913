/**
 * From what the builds showed to a verdict (pure). The order of the checks is the order of
 * the claims: the original must build (else nothing is claimed), then the rewrite must build
 * and give the same image, then, rebuilt after a source edit with its cache mounts emptied,
 * it must still build and match the original built from the same edited context.
 */
import type { ConfigDifference, FsDifference } from './compare.js';
import { MAX_DIFFERENCES, type Verdict, type VerifyDifference } from './types.js';

export interface BuildOutcome {
  ok: boolean;
  /** The last lines of the build log, for messages. */
  log: string;
}

export interface Comparison {
  fs: FsDifference[];
  config: ConfigDifference[];
}

export interface Observed {
  original: BuildOutcome;
  rewritten?: BuildOutcome;
  cold?: Comparison;
  /** Absent when no source edit was made (nothing to edit, or an earlier check failed). */
  edited?: { file: string; original: BuildOutcome; rewritten: BuildOutcome; comparison?: Comparison };
}

/** The last line of a build log that says what went wrong. */
export function errorLine(log: string): string {
  const lines = log.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const err = [...lines].reverse().find((l) => /^(error|ERROR|failed to|executor failed|#\d+ ERROR)/.test(l.replace(/^#\d+ \d+\.\d+ /, '')));
  return (err ?? lines.at(-1) ?? 'no output').slice(0, 300);
}

/** The differences a comparison counts (the allow tables already applied), first ones first. */
export function differences(c: Comparison, phase: VerifyDifference['phase']): VerifyDifference[] {
  const out: VerifyDifference[] = [];
  for (const d of c.config) if (!d.benign) out.push({ kind: 'config', what: d.field, detail: `${JSON.stringify(d.original)} != ${JSON.stringify(d.rewritten)}`, phase });
  for (const d of c.fs) if (!d.allowedBy) out.push({ kind: 'path', what: d.path, detail: `${d.kind}: ${d.detail}`, phase });
  return out;
}

const listed = (ds: VerifyDifference[]) =>
  ds
    .slice(0, 3)
    .map((d) => (d.kind === 'config' ? `config ${d.what}` : d.what))
    .join(', ') + (ds.length > 3 ? ` and ${ds.length - 3} more` : '');

export function judge(o: Observed): { verdict: Verdict; reason: string; differences: VerifyDifference[] } {
  if (!o.original.ok) return { verdict: 'original does not build', reason: `the original does not build, so nothing is claimed: ${errorLine(o.original.log)}`, differences: [] };
  if (!o.rewritten || !o.cold) return { verdict: 'could not verify', reason: 'the rewritten file was not built', differences: [] };
  if (!o.rewritten.ok) {
    const line = errorLine(o.rewritten.log);
    return { verdict: 'differs', reason: `the original builds, the rewritten file does not: ${line}`, differences: [{ kind: 'build', what: line, detail: 'the rewritten file does not build', phase: 'cold' }] };
  }
  const cold = differences(o.cold, 'cold');
  if (cold.length) return { verdict: 'differs', reason: `the two images differ in ${listed(cold)}`, differences: cold.slice(0, MAX_DIFFERENCES) };
  const e = o.edited;
  if (!e) return { verdict: 'proven', reason: 'both built, same image', differences: [] };
  if (!e.original.ok) return { verdict: 'could not verify', reason: `after editing ${e.file} the original no longer builds: ${errorLine(e.original.log)}`, differences: [] };
  if (!e.rewritten.ok) {
    const line = errorLine(e.rewritten.log);
    return {
      verdict: 'differs',
      reason: `with its cache mounts emptied and ${e.file} edited, the rewritten file does not build: ${line}`,
      differences: [{ kind: 'build', what: line, detail: 'does not build with empty cache mounts', phase: 'empty-mounts' }],
    };
  }
  const warm = e.comparison ? differences(e.comparison, 'empty-mounts') : [];
  if (warm.length) return { verdict: 'differs', reason: `rebuilt with empty cache mounts after editing ${e.file}, the images differ in ${listed(warm)}`, differences: warm.slice(0, MAX_DIFFERENCES) };
  return { verdict: 'proven', reason: `both built, same image; rebuilt after editing ${e.file} with empty cache mounts, still the same`, differences: [] };
}
