/**
 * `--unsafe --verify`: when the full rewrite differs, find the largest set of transforms
 * whose rewrite is proven. Tried in this order, stopping at the first proven:
 *
 * 1. the transforms asked for, with `--unsafe`;
 * 2. the same transforms without `--unsafe` (the default, safe behaviour);
 * 3. each of them alone, with `--unsafe`; if more than one of these is proven, their union
 *    is tried once more and kept when proven, else the first proven one (registry order).
 *
 * The builder is a parameter, so the search is tested with a fake one. A try whose rewrite
 * changes nothing (`check` returns null) is not a candidate.
 */
import type { Verdict } from './types.js';

export interface Candidate {
  transforms: string[];
  unsafe: boolean;
}

export interface Tried<R> {
  candidate: Candidate;
  result: R;
}

const key = (c: Candidate) => `${c.unsafe ? 'u' : 's'}:${c.transforms.join(',')}`;

export async function searchProven<R extends { verdict: Verdict }>(
  full: Candidate,
  check: (c: Candidate) => Promise<R | null>,
): Promise<{ kept: Tried<R> | null; attempts: Tried<R>[] }> {
  const attempts: Tried<R>[] = [];
  const seen = new Set<string>();
  const tryOne = async (c: Candidate): Promise<Tried<R> | null> => {
    if (seen.has(key(c))) return null;
    seen.add(key(c));
    const result = await check(c);
    if (!result) return null;
    const t = { candidate: c, result };
    attempts.push(t);
    return t;
  };
  const first = await tryOne(full);
  if (!first) return { kept: null, attempts };
  if (first.result.verdict !== 'differs' || !full.unsafe) return { kept: first.result.verdict === 'proven' ? first : null, attempts };

  const safe = await tryOne({ transforms: full.transforms, unsafe: false });
  if (safe?.result.verdict === 'proven') return { kept: safe, attempts };

  const proven: Tried<R>[] = [];
  if (full.transforms.length > 1) {
    for (const id of full.transforms) {
      const t = await tryOne({ transforms: [id], unsafe: true });
      if (t?.result.verdict === 'proven') proven.push(t);
    }
  }
  if (proven.length > 1) {
    const union = await tryOne({ transforms: full.transforms.filter((id) => proven.some((p) => p.candidate.transforms.includes(id))), unsafe: true });
    if (union?.result.verdict === 'proven') return { kept: union, attempts };
  }
  return { kept: proven[0] ?? null, attempts };
}
