/** expandWord: plain `$NAME`/`${NAME}` expansions against known values; everything else refused. */
import { expandWord } from '../../src/shell/expand.js';

const vars: Record<string, string> = { VENV_PATH: '/opt/venv', SPACED: 'a b', GLOB: '/x/*' };
const look = (n: string) => vars[n];

test.each([
  ['"$VENV_PATH/bin/pip"', '/opt/venv/bin/pip'],
  ['${VENV_PATH}/bin/python', '/opt/venv/bin/python'],
  ["'$VENV_PATH'", '$VENV_PATH'],
  ['"\\$VENV_PATH"', '$VENV_PATH'],
  ['"$SPACED"', 'a b'],
  ['x\\ y', 'x y'],
])('%s → %s', (word, value) => {
  const r = expandWord(word, look);
  expect(r).toMatchObject({ ok: true, value });
});

test.each([
  ['$UNSET/bin/pip', 'UNSET'],
  ['"${UNSET}"', 'UNSET'],
])('%s names the unknown variable', (word, unknown) => {
  expect(expandWord(word, look)).toEqual({ ok: false, unknown });
});

test.each(['$SPACED', '$GLOB', '"$(pwd)"', '`pwd`', '${VENV_PATH:-/x}', '$1', '"$@"', "$'x'", '"unterminated', '~/.venv', 'a\nb'])('%s is refused', (word) => {
  expect(expandWord(word, look).ok).toBe(false);
});
