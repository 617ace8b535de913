/** The real built bin, as users run it (npm test builds first: see "pretest"). */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
