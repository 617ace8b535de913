/** The real built bin, as users run it (npm test builds first: see "pretest"). */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, REPO, hashTree, spawnCli, tempDir } from './helpers.js';

test('bin/dockerfix.js is executable and prints the version', async () => {
  expect(statSync(BIN).mode & 0o111).not.toBe(0);
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const r = await spawnCli(['--version'], { cwd: tempDir() });
  expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
});

test('--dry-run examples/, --check, a real run, --check again', async () => {
  const dir = tempDir(true);
  const before = hashTree(dir);
  const dry = await spawnCli(['--dry-run', 'examples/'], { cwd: dir });
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('+++ b/examples/node-api/Dockerfile');
  expect(hashTree(dir)).toEqual(before);
  expect((await spawnCli(['--check', 'examples/'], { cwd: dir })).code).toBe(1);
  expect((await spawnCli(['examples/'], { cwd: dir })).code).toBe(0);
  expect((await spawnCli(['--check', 'examples/'], { cwd: dir })).code).toBe(0);
});

test('usage errors exit 2 with one line on stderr', async () => {
  const dir = tempDir(true);
  const missing = await spawnCli(['examples/nope'], { cwd: dir });
  expect(missing).toEqual({ code: 2, stdout: '', stderr: 'dockerfix: no such file or folder: examples/nope\n' });
  const unknown = await spawnCli(['-t', 'nope', 'examples'], { cwd: dir });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toBe('dockerfix: unknown transform "nope" (see dockerfix --list-transforms)\n');
});

test('--stdin through a pipe', async () => {
  const r = await spawnCli(['--stdin', '-q'], { cwd: tempDir(), input: 'FROM alpine\nRUN true\n' });
  expect(r).toEqual({ code: 0, stdout: '# syntax=docker/dockerfile:1\nFROM alpine\nRUN true\n', stderr: '' });
});

test('a closed pipe (| head -1) ends quietly', () => {
  const dir = tempDir(true);
  const out = execFileSync('bash', ['-c', `node ${JSON.stringify(BIN)} -d examples 2>err.txt | head -1; cat err.txt`], { cwd: dir, encoding: 'utf8' });
  expect(out.split('\n')[0]).toBe('--- a/examples/dotnet-crlf/Dockerfile');
  expect(out).not.toMatch(/EPIPE|Error:/);
});

test('the bundle is loaded with the V8 code cache the build wrote (dist/cli.cache)', () => {
  const loader = pathToFileURL(join(REPO, 'bin', 'load-cli.js')).href;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `import { loadCli } from ${JSON.stringify(loader)}; console.log(loadCli().cacheUsed)`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  expect(out).toBe('true\n');
});

test('without its code cache, or with one V8 rejects, the CLI prints the same', async () => {
  const dir = tempDir(true);
  const expected = await spawnCli(['--dry-run', 'examples/'], { cwd: dir });
  expect(expected.stdout).toContain('+++ b/examples/node-api/Dockerfile');
  for (const cache of [null, Buffer.from('not a code cache'), readFileSync(join(REPO, 'dist', 'cli.cache')).subarray(0, 1000)]) {
    const copy = tempDir();
    cpSync(join(REPO, 'bin'), join(copy, 'bin'), { recursive: true });
    mkdirSync(join(copy, 'dist'));
    cpSync(join(REPO, 'dist', 'cli.cjs'), join(copy, 'dist', 'cli.cjs'));
    if (cache) writeFileSync(join(copy, 'dist', 'cli.cache'), cache);
    cpSync(join(REPO, 'package.json'), join(copy, 'package.json'));
    symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
    const got = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      execFile(process.execPath, [join(copy, 'bin', 'dockerfix.js'), '--dry-run', 'examples/'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });
    expect(got).toEqual(expected);
  }
});
