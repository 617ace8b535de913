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

/** A copy of the built CLI in a temp folder: bin/, the bundle (edited by `edit`), the given cache. */
function copyOfCli(cache: Buffer | null, edit: (bundle: string) => string = (b) => b): string {
  const copy = tempDir();
  cpSync(join(REPO, 'bin'), join(copy, 'bin'), { recursive: true });
  mkdirSync(join(copy, 'dist'));
  writeFileSync(join(copy, 'dist', 'cli.cjs'), edit(readFileSync(join(REPO, 'dist', 'cli.cjs'), 'latin1')), 'latin1');
  if (cache) writeFileSync(join(copy, 'dist', 'cli.cache'), cache);
  cpSync(join(REPO, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

function runCopy(copy: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(copy, 'bin', 'dockerfix.js'), ...args], { cwd, env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

const cacheUsed = (copy: string) =>
  execFileSync(process.execPath, ['-e', `console.log(require(${JSON.stringify(join(copy, 'bin', 'load-cli.js'))}).loadCli().cacheUsed)`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

test('without its code cache, or with one V8 rejects, the CLI prints the same', async () => {
  const dir = tempDir(true);
  const expected = await spawnCli(['--dry-run', 'examples/'], { cwd: dir });
  expect(expected.stdout).toContain('+++ b/examples/node-api/Dockerfile');
  const real = readFileSync(join(REPO, 'dist', 'cli.cache'));
  // A cache made from a bundle of the same length but other text (bin/load-cli.js: length, bundle, V8's data).
  const otherBundle = Buffer.from(real);
  otherBundle[4 + 100] ^= 1;
  // One V8 rejects: its data cut short.
  const cut = real.subarray(0, real.length - 1000);
  for (const cache of [null, Buffer.from('not a code cache'), cut, otherBundle]) {
    const copy = copyOfCli(cache);
    expect(cacheUsed(copy)).toBe('false\n');
    expect(await runCopy(copy, ['--dry-run', 'examples/'], dir)).toEqual(expected);
  }
  expect(cacheUsed(copyOfCli(real))).toBe('true\n');
});

test('a bundle edited after the build runs as edited, not from the code cache (V8 checks only the length)', async () => {
  const copy = copyOfCli(readFileSync(join(REPO, 'dist', 'cli.cache')));
  const bundle = join(copy, 'dist', 'cli.cjs');
  const edited = readFileSync(bundle, 'latin1').replace('Results: ', 'Resultz: ');
  // Same length: V8 alone would take the cache and run the old code.
  expect(edited.length).toBe(readFileSync(bundle, 'latin1').length);
  writeFileSync(bundle, edited, 'latin1');
  expect(cacheUsed(copy)).toBe('false\n');
  const got = await runCopy(copy, ['--version'], tempDir());
  expect(got.code).toBe(0);
  const dry = await runCopy(copy, ['--dry-run', '.'], tempDir());
  expect(dry.stderr).toContain('Resultz: ');
});
