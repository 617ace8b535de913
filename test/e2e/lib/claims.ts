/**
 * Claims of the e2e suite that compare re-run counts between phases or variants,
 * as pure functions (unit-tested in test/e2e-harness/). Each returns a problem
 * message, or undefined when the claim holds.
 */
import type { Measure } from './results.js';

const list = (m: Measure) => m.executedSteps.map((s) => `    ${s}`).join('\n') || '    (nothing)';

/**
 * A cache-busting ARG (read by no step, declared above the steps it is meant to
 * re-run): after a new value the rewritten file must re-run exactly as many steps as
 * the original. Fewer means the rewrite moved the ARG (or the steps) so that the
 * refresh the author asked for no longer happens.
 */
export function bustArgProblem(arg: string, orig: Measure, rewr: Measure): string | undefined {
  if (rewr.executed === orig.executed) return undefined;
  return (
    `after a new value of the cache-busting ARG ${arg} the rewritten Dockerfile re-ran ${rewr.executed} steps, ` +
    `the original ${orig.executed} (expected the same: the ARG exists to re-run the steps below it):\n` +
    `  original:\n${list(orig)}\n  rewritten:\n${list(rewr)}`
  );
}

/**
 * Phase (d) repeats the source edit of phase (a) after `docker builder prune
 * --filter type=exec.cachemount`. If that prune kept the layer cache, as it must to
 * model a CI runner's imported layer cache, the variant re-runs the same number of
 * steps as in (a); a higher count means layers were lost and (d) proves nothing
 * about empty mounts under CACHED steps.
 */
export function layerCacheKeptProblem(variant: string, source: Measure, mountLoss: Measure): string | undefined {
  if (mountLoss.failed || mountLoss.executed === source.executed) return undefined;
  return (
    `after the cache-mount prune the ${variant} Dockerfile re-ran ${mountLoss.executed} steps for a source edit, ` +
    `after the first source edit ${source.executed} (expected the same: the prune must keep the layer cache):\n` +
    `  (a):\n${list(source)}\n  (d):\n${list(mountLoss)}`
  );
}

/**
 * Did the rewrite change the order of what is built, or only add cache mounts (and drop the
 * purges and flags that defeat them)? Each instruction of the rewritten file is matched to
 * one of the original: the same text for anything but a RUN; for a RUN, the original RUN
 * whose words include all of its words once the new `--mount=type=cache,…` flags are left
 * out (cache-mounts only removes words). The order is unchanged when every instruction is
 * matched, one to one, in the original order. A reorder, a manifest split or an ARG move
 * changes it; then a source edit must re-run strictly fewer steps. A mount-only rewrite must
 * re-run no more.
 */
export function orderChanged(original: string, rewritten: string): boolean {
  const a = instructions(original);
  const b = instructions(rewritten);
  if (a.length !== b.length) return true;
  return b.some((x, k) => {
    const y = a[k];
    if (x.keyword !== y.keyword) return true;
    if (x.keyword !== 'RUN') return x.words.join(' ') !== y.words.join(' ');
    const have = new Map<string, number>();
    for (const w of y.words) have.set(w, (have.get(w) ?? 0) + 1);
    return x.words.some((w) => {
      const n = have.get(w) ?? 0;
      have.set(w, n - 1);
      return n <= 0;
    });
  });
}

/** Instructions of a Dockerfile as keyword + words (continuations joined, comments and directives left out, cache mounts dropped). */
function instructions(text: string): { keyword: string; words: string[] }[] {
  const out: { keyword: string; words: string[] }[] = [];
  const logical = text.replace(/\r\n/g, '\n').replace(/\\\n/g, ' ').split('\n');
  for (const line of logical) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const [keyword, ...words] = t.split(/\s+/);
    out.push({ keyword: keyword.toUpperCase(), words: words.filter((w) => !/^--mount=type=cache(,|$)/.test(w)) });
  }
  return out;
}
