/** Splitting a RUN at `&&` (transforms/split/run-split.ts): the halves, and every refusal. */
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { parseShell } from '../../src/shell/index.js';
import { splitRunAt } from '../../transforms/split/run-split.js';

function split(run: string, cut: number) {
  const model = parseDockerfile(`FROM node:20\n${run}\n`);
  const i = model.instructions[1]!;
  const r = parseShell(i.body, model.escape);
  if (!r.ok) throw new Error('no parse');
  return splitRunAt(model, i, r.script, cut);
}

test('halves keep their bytes; flags go on both', () => {
  expect(split('RUN npm ci && npm run build', 1)).toEqual({ ok: true, first: 'RUN npm ci', second: 'RUN npm run build' });
  expect(split('RUN --mount=type=cache,target=/root/.npm --network=default npm ci \\\n    && npm i -g tsc \\\n    && tsc \\\n    && node x', 2)).toEqual({
    ok: true,
    first: 'RUN --mount=type=cache,target=/root/.npm --network=default npm ci \\\n    && npm i -g tsc',
    second: 'RUN --mount=type=cache,target=/root/.npm --network=default tsc \\\n    && node x',
  });
  expect(split('RUN NODE_ENV=production npm ci && npm run build', 1)).toMatchObject({ ok: true });
});

test.each([
  ['RUN cd web && npm ci && npm run build', 2, 'its folder'],
  ['RUN export NODE_ENV=production && npm ci && npm run build', 2, 'its variables'],
  ['RUN X=1 && npm ci && npm run build', 2, 'sets a shell variable'],
  ['RUN set -o pipefail && npm ci && npm run build', 2, 'its settings'],
  ['RUN npm ci || true && npm run build', 2, 'not joined by `&&` only'],
  ['RUN npm ci; npm run build', 1, 'not joined by `&&` only'],
  ['RUN npm ci | tee log && npm run build', 2, 'not a plain step'],
  ['RUN (npm ci) && npm run build', 1, 'not a plain step'],
  ['RUN npm ci && echo $? && npm run build', 1, '`$?`'],
  ['RUN npm ci && f() { x; } && npm run build', 1, 'function'],
  ['RUN --mount=type=tmpfs,target=/tmp npm ci && npm run build', 1, 'tmpfs'],
  ['RUN npm ci \\\n# build\n    && npm run build', 1, 'comment'],
  ['RUN npm ci && npm run build &', 1, 'not a plain step'],
])('%j is not split', (run, cut, why) => {
  const r = split(run, cut);
  expect(r.ok).toBe(false);
  expect(r.ok ? '' : r.why).toContain(why);
});
