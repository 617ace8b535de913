import { errorLine, judge, type Comparison } from '../../src/verify/verdict.js';

const ok = { ok: true, log: '' };
const same: Comparison = { fs: [], config: [] };

describe('judge', () => {
  test('original does not build: nothing is claimed', () => {
    const v = judge({ original: { ok: false, log: '#7 ERROR: process "/bin/sh -c false" did not complete successfully: exit code: 1' } });
    expect(v.verdict).toBe('original does not build');
    expect(v.reason).toContain('exit code: 1');
  });

  test('a rewrite that does not build differs', () => {
    const v = judge({ original: ok, rewritten: { ok: false, log: 'error: failed to solve: boom' }, cold: same });
    expect(v).toMatchObject({ verdict: 'differs', differences: [{ kind: 'build', phase: 'cold' }] });
  });

  test('names the first differing config fields and paths; allowed differences do not count', () => {
    const v = judge({
      original: ok,
      rewritten: ok,
      cold: {
        config: [
          { field: 'Env', original: ['A=1'], rewritten: [] },
          { field: 'Labels', original: { a: '1', b: '2' }, rewritten: { b: '2', a: '1' }, benign: true },
        ],
        fs: [
          { path: '/etc/apt/apt.conf.d/docker-clean', kind: 'only-in-original', detail: 'file 0644 0:0' },
          { path: '/root/.npm/_logs/x.log', kind: 'only-in-original', detail: 'file', allowedBy: 'npm cache' },
        ],
      },
    });
    expect(v.verdict).toBe('differs');
    expect(v.reason).toBe('the two images differ in config Env, /etc/apt/apt.conf.d/docker-clean');
    expect(v.differences.map((d) => d.what)).toEqual(['Env', '/etc/apt/apt.conf.d/docker-clean']);
  });

  test('proven needs the empty-mount rebuild to build and match too', () => {
    const edited = { file: 'src/a.js', original: ok, rewritten: ok, comparison: same };
    expect(judge({ original: ok, rewritten: ok, cold: same, edited }).verdict).toBe('proven');
    const broken = judge({ original: ok, rewritten: ok, cold: same, edited: { ...edited, rewritten: { ok: false, log: 'ERROR: ENOENT store' } } });
    expect(broken).toMatchObject({ verdict: 'differs', differences: [{ phase: 'empty-mounts' }] });
    expect(broken.reason).toContain('src/a.js');
    const orig = judge({ original: ok, rewritten: ok, cold: same, edited: { ...edited, original: { ok: false, log: 'ERROR: x' } } });
    expect(orig.verdict).toBe('could not verify');
  });

  test('errorLine picks the error, not the last line', () => {
    expect(errorLine('#5 [2/2] RUN false\n#5 ERROR: exit code: 1\n------\n > [2/2] RUN false:\n------')).toBe('#5 ERROR: exit code: 1');
  });
});
