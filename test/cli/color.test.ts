/** Colour and progress: only for people, only on terminals, NO_COLOR and FORCE_COLOR honoured. */
import { useColor } from '../../src/cli/color.js';
import { run, tempDir } from './helpers.js';

const ESC = '\x1b[';

test.each([
  // choice, tty, env, expected
  ['auto', true, {}, true],
  ['auto', false, {}, false],
  ['auto', true, { NO_COLOR: '1' }, false],
  ['auto', true, { NO_COLOR: '' }, true],
  ['auto', false, { FORCE_COLOR: '1' }, true],
  ['auto', false, { FORCE_COLOR: '' }, true],
  ['auto', true, { FORCE_COLOR: '0' }, false],
  ['auto', true, { TERM: 'dumb' }, false],
  ['always', false, { NO_COLOR: '1' }, true],
  ['never', true, { FORCE_COLOR: '1' }, false],
] as const)('useColor(%s, tty=%s, %j) = %s', (choice, tty, env, expected) => {
  expect(useColor(choice, { isTTY: tty }, env)).toBe(expected);
});

test('a file gets colour only with --color always', () => {
  expect(useColor('auto', null, { FORCE_COLOR: '1' })).toBe(false);
  expect(useColor('always', null, {})).toBe(true);
});

test('the dry-run diff is coloured on a terminal and plain in a pipe', async () => {
  const dir = tempDir(true);
  const tty = await run(['-d', 'examples/node-api'], { cwd: dir, stdoutTTY: true });
  expect(tty.stdout).toContain(`${ESC}32m+# syntax=docker/dockerfile:1${ESC}39m`);
  const pipe = await run(['-d', 'examples/node-api'], { cwd: dir });
  expect(pipe.stdout).not.toContain(ESC);
  const noColor = await run(['-d', 'examples/node-api'], { cwd: dir, stdoutTTY: true, env: { NO_COLOR: '1' } });
  expect(noColor.stdout).toBe(pipe.stdout);
  const always = await run(['-d', '--color', 'always', 'examples/node-api'], { cwd: dir });
  expect(always.stdout).toBe(tty.stdout);
  const never = await run(['-d', '--color=never', 'examples/node-api'], { cwd: dir, stdoutTTY: true });
  expect(never.stdout).toBe(pipe.stdout);
  const noFlag = await run(['-d', '--no-color', 'examples/node-api'], { cwd: dir, stdoutTTY: true });
  expect(noFlag.stdout).toBe(pipe.stdout);
});

test('machine formats are never coloured', async () => {
  const dir = tempDir(true);
  for (const f of ['json', 'ndjson', 'patch', 'markdown']) {
    const r = await run(['--check', '-f', f, '--color', 'always', 'examples'], { cwd: dir, stdoutTTY: true });
    expect(r.stdout).not.toContain(ESC);
  }
});

test('progress shows only on a terminal, outside CI, with stylish, without -q', async () => {
  const dir = tempDir(true);
  const on = await run(['--check', 'examples'], { cwd: dir, stderrTTY: true });
  expect(on.stderr).toContain('\r\x1b[K[1/5] examples/dotnet-crlf/Dockerfile');
  for (const [argv, env, tty] of [
    [[], { CI: 'true' }, true],
    [[], {}, false],
    [['-f', 'json'], {}, true],
    [['-q'], {}, true],
  ] as const) {
    const r = await run(['--check', ...argv, 'examples'], { cwd: dir, stderrTTY: tty, env: { ...env } });
    expect(r.stderr).not.toContain('[1/5]');
  }
});
