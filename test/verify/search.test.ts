import { searchProven, type Candidate } from '../../src/verify/search.js';
import type { Verdict } from '../../src/verify/types.js';

/** A fake builder: the verdict of a candidate is decided by a table. */
function fake(table: (c: Candidate) => Verdict | null) {
  const calls: string[] = [];
  const check = async (c: Candidate) => {
    calls.push(`${c.unsafe ? 'unsafe' : 'safe'} ${c.transforms.join(',')}`);
    const v = table(c);
    return v ? { verdict: v } : null;
  };
  return { calls, check };
}

const ALL = ['syntax-directive', 'reorder-for-cache', 'cache-mounts'];

describe('searchProven', () => {
  test('proven at once: one build pair, kept', async () => {
    const f = fake(() => 'proven');
    const r = await searchProven({ transforms: ALL, unsafe: true }, f.check);
    expect(f.calls).toEqual(['unsafe syntax-directive,reorder-for-cache,cache-mounts']);
    expect(r.kept?.candidate).toEqual({ transforms: ALL, unsafe: true });
  });

  test('without --unsafe a rewrite that differs is not retried', async () => {
    const f = fake(() => 'differs');
    const r = await searchProven({ transforms: ALL, unsafe: false }, f.check);
    expect(f.calls).toHaveLength(1);
    expect(r.kept).toBeNull();
  });

  test('--unsafe: the safe set is tried next and kept when proven', async () => {
    const f = fake((c) => (c.unsafe ? 'differs' : 'proven'));
    const r = await searchProven({ transforms: ALL, unsafe: true }, f.check);
    expect(f.calls).toEqual(['unsafe syntax-directive,reorder-for-cache,cache-mounts', 'safe syntax-directive,reorder-for-cache,cache-mounts']);
    expect(r.kept?.candidate.unsafe).toBe(false);
    expect(r.attempts.map((a) => a.result.verdict)).toEqual(['differs', 'proven']);
  });

  test('then each transform alone; the union of the proven ones is kept when it is proven', async () => {
    const f = fake((c) => (c.transforms.includes('cache-mounts') && c.transforms.length === 1 ? 'differs' : c.transforms.length === 3 ? 'differs' : 'proven'));
    const r = await searchProven({ transforms: ALL, unsafe: true }, f.check);
    expect(r.kept?.candidate).toEqual({ transforms: ['syntax-directive', 'reorder-for-cache'], unsafe: true });
    expect(f.calls.at(-1)).toBe('unsafe syntax-directive,reorder-for-cache');
  });

  test('a union that differs falls back to the first proven single; a try that changes nothing is skipped', async () => {
    const f = fake((c) => (c.transforms[0] === 'syntax-directive' && c.transforms.length === 1 ? null : c.transforms.length === 1 ? 'proven' : 'differs'));
    const r = await searchProven({ transforms: ALL, unsafe: true }, f.check);
    expect(r.kept?.candidate.transforms).toEqual(['reorder-for-cache']);
    expect(r.attempts.map((a) => a.candidate.transforms.join(','))).not.toContain('syntax-directive');
  });

  test('nothing proven: nothing kept, every try reported', async () => {
    const f = fake(() => 'differs');
    const r = await searchProven({ transforms: ALL, unsafe: true }, f.check);
    expect(r.kept).toBeNull();
    expect(r.attempts).toHaveLength(5);
  });
});
