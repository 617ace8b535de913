import { parseDockerfile } from '../../src/model/dockerfile.js';
import { computeStates } from '../../src/model/state.js';
import { expandVariables, parseEnvPairs, referencedVariables } from '../../src/model/vars.js';

test('state before each instruction follows ENV, ARG, WORKDIR, USER, SHELL and stage inheritance', () => {
  const m = parseDockerfile(
    'ARG BASE=alpine\nFROM $BASE AS a\nARG BASE\nENV A=1 B="two words"\nWORKDIR /app\nWORKDIR sub\nUSER node\nSHELL ["/bin/bash", "-c"]\nRUN x\nFROM a\nENV A=3\nRUN y\n',
  );
  const st = computeStates(m);
  const runX = m.instructions.find((i) => i.body === 'x')!;
  const s = st.get(runX.index)!;
  expect([...s.env]).toEqual([
    ['BASE', 'alpine'],
    ['A', '1'],
    ['B', 'two words'],
  ]);
  expect(s.workdir).toBe('/app/sub');
  expect(s.user).toBe('node');
  expect(s.shell).toEqual(['/bin/bash', '-c']);
  const runY = m.instructions.find((i) => i.body === 'y')!;
  const y = st.get(runY.index)!;
  expect([...y.env.keys()]).toEqual(['BASE', 'B', 'A']);
  expect(y.user).toBe('node');
  expect(y.args.size).toBe(0);
});

test('variable references and expansion', () => {
  expect(referencedVariables('a $X ${Y} ${Z:-$W} \\$NOT ${V#x}')).toEqual(['X', 'Y', 'Z', 'W', 'V']);
  const vars = new Map<string, string | null>([['X', '1'], ['E', '']]);
  expect(expandVariables('$X-${X}-${E:-d}-${E-d}-${U:+u}-${X:+set}', vars)).toBe('1-1-d--' + '-set');
  expect(parseEnvPairs('PATH=/opt/bin:$PATH  LANG="C.UTF-8"')).toEqual([
    { name: 'PATH', value: '/opt/bin:$PATH' },
    { name: 'LANG', value: 'C.UTF-8' },
  ]);
  expect(parseEnvPairs('NODE_ENV production')).toEqual([{ name: 'NODE_ENV', value: 'production' }]);
});
