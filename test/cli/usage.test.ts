/** Usage errors (exit 2, one line on stderr), --version, --help, --list-transforms. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRANSFORMS } from '../../transforms/index.js';
import { REPO, run, tempDir, write, PLAIN_DOCKERFILE } from './helpers.js';

const oneLine = (s: string) => s.split('\n').filter(Boolean).length === 1 && s.endsWith('\n');

test.each([
  [['no-such-dir'], 'no such file or folder: no-such-dir'],
  [['Dockerfile', 'missing/Dockerfile'], 'no such file or folder: missing/Dockerfile'],
  [['-t', 'no-such-transform'], 'unknown transform "no-such-transform"'],
  [['-x', 'nope'], 'unknown transform "nope"'],
  [['--bogus'], 'Unknown argument: bogus'],
  [['-f', 'xml'], 'Invalid values'],
  [['--color', 'sometimes'], '--color must be auto, always or never'],
  [['-t'], '--transform needs a transform id'],
  [['--context', 'nowhere'], '--context nowhere: no such folder'],
  [['-l', '-d'], 'cannot be combined'],
  [['-l', '-f', 'json'], '--list-different prints paths only'],
  [['--stdin', 'Dockerfile'], '--stdin reads standard input'],
  [['--stdin-filepath', 'x'], '--stdin-filepath needs --stdin'],
  [['--config'], '--config needs a file'],
  [['--config', 'missing.json'], 'cannot read config missing.json: no such file'],
  [['--syntax-image', ''], '--syntax-image "" is not a valid image reference: it is empty'],
  [['--syntax-image', 'docker/dockerfile:1 --x'], 'is not a valid image reference: it contains white space'],
  [['--syntax-image', 'docker/dockerfile:1\n# syntax=evil'], 'is not a valid image reference: it contains white space'],
  [['--syntax-image', 'Docker/Dockerfile:1'], 'path components must be lower case'],
  [['--syntax-image', 'docker/dockerfile#1'], 'is not a valid image reference'],
  [['--syntax-image', 'image=docker/dockerfile:1'], 'is not a valid image reference'],
  [['--syntax-image=-docker/dockerfile:1'], 'must start with a letter or digit'],
  [['--syntax-image', 'docker/dockerfile:1@sha256:abc'], 'the digest after "@"'],
  [['--syntax-image', 'docker/dockerfile:1', '--syntax-image', 'Bad'], 'path components must be lower case'],
  [['-x', 'syntax-directive', '--syntax-image', 'a b'], 'it contains white space'],
])('%j exits 2 with one line', async (argv, reason) => {
  const dir = tempDir();
  write(join(dir, 'Dockerfile'), PLAIN_DOCKERFILE);
  const r = await run(argv, { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(oneLine(r.stderr)).toBe(true);
  expect(r.stderr).toContain(reason);
  expect(r.stderr.startsWith('dockerfix: ')).toBe(true);
  // Nothing was processed, so nothing was written.
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(PLAIN_DOCKERFILE);
});

test('--version prints the package version; it has no short form', async () => {
  const dir = tempDir();
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const r = await run(['--version'], { cwd: dir });
  expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  expect((await run(['-v'], { cwd: dir })).code).toBe(2);
  expect((await run(['-V'], { cwd: dir })).code).toBe(2);
});

test('--check and --config have no short form', async () => {
  const dir = tempDir();
  expect((await run(['-c'], { cwd: dir })).code).toBe(2);
});

test('--help lists every option', async () => {
  const r = await run(['--help'], { cwd: tempDir() });
  expect(r.code).toBe(0);
  for (const flag of ['--dry-run', '--check', '--list-different', '--transform', '--exclude-transform', '--unsafe', '--list-transforms', '--syntax-image', '--context', '--format', '--output', '--stdin', '--stdin-filepath', '--color', '--quiet', '--config', '--ignore-pattern', '--version', '--help']) {
    expect(r.stdout).toContain(flag);
  }
});

test('--list-transforms shows id, default and description of every transform', async () => {
  const r = await run(['--list-transforms'], { cwd: tempDir() });
  expect(r.code).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(TRANSFORMS.length);
  for (const [i, t] of TRANSFORMS.entries()) {
    expect(lines[i]).toMatch(new RegExp(`^${t.id}\\s+${t.defaultEnabled ? 'on' : 'off'}\\s+\\S`));
    expect(lines[i]).toContain(t.description);
  }
  const json = JSON.parse((await run(['--list-transforms', '-f', 'json'], { cwd: tempDir() })).stdout);
  expect(json).toEqual(TRANSFORMS.map((t) => ({ id: t.id, default: t.defaultEnabled, description: t.description })));
  const md = (await run(['--list-transforms', '-f', 'markdown'], { cwd: tempDir() })).stdout;
  expect(md.startsWith('| Transform | Default | What it does |\n|---|---|---|\n')).toBe(true);
});
