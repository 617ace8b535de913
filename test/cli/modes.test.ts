/** The modes users run: write (default), --dry-run, --check, -l; exit codes; nothing written when it should not be. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashTree, run, tempDir } from './helpers.js';

const DOCKERFILES = [
  'examples/dotnet-crlf/Dockerfile',
  'examples/go-service/Dockerfile',
  'examples/node-api/Dockerfile',
  'examples/python-worker/Dockerfile',
  'examples/yarn-web/docker/web.Dockerfile',
];

test('--dry-run examples/ prints a diff and leaves every file byte-identical', async () => {
  const dir = tempDir(true);
  const before = hashTree(dir);
  const r = await run(['--dry-run', 'examples/'], { cwd: dir });
  expect(r.code).toBe(0);
  for (const f of DOCKERFILES) {
    expect(r.stdout).toContain(`--- a/${f}\n+++ b/${f}\n@@ `);
  }
  expect(r.stdout).toMatch(/^\+# syntax=docker\/dockerfile:1\r?$/m);
  expect(hashTree(dir)).toEqual(before);
  // The explanations go to stderr, so stdout stays a clean patch.
  expect(r.stderr).toContain('syntax-directive');
  expect(r.stderr).toMatch(/^Results: 5 changed, 0 unchanged, 0 skipped, 0 errors$/m);
});

test('-d and --dry are --dry-run', async () => {
  const dir = tempDir(true);
  const before = hashTree(dir);
  const a = await run(['-d', 'examples'], { cwd: dir });
  const b = await run(['--dry', 'examples'], { cwd: dir });
  expect(a.stdout).toBe(b.stdout);
  expect(a.stdout).not.toBe('');
  expect(hashTree(dir)).toEqual(before);
});

test('--check exits 1 on the examples, 0 after a real run, and writes nothing itself', async () => {
  const dir = tempDir(true);
  const before = hashTree(dir);
  const check = await run(['--check', 'examples'], { cwd: dir });
  expect(check.code).toBe(1);
  expect(hashTree(dir)).toEqual(before);
  expect(check.stdout).toContain('examples/node-api/Dockerfile\n');
  expect(check.stderr).toContain('5 files would change');

  const write = await run(['examples'], { cwd: dir });
  expect(write.code).toBe(0);
  expect(write.stderr).toMatch(/^Results: 5 changed, 0 unchanged, 0 skipped, 0 errors$/m);
  // Write mode reports what it changed on stdout, like ESLint and Prettier.
  expect(write.stdout).toMatch(/^examples\/go-service\/Dockerfile\n(?: .*\n)*?\s+1\s+syntax-directive\s+Added/m);

  const again = await run(['--check', 'examples'], { cwd: dir });
  expect(again.code).toBe(0);
  expect(again.stderr).toMatch(/^Results: 0 changed, 5 unchanged, 0 skipped, 0 errors$/m);
});

test('a real run writes the fix, keeps CRLF and only touches Dockerfiles', async () => {
  const dir = tempDir(true);
  const before = hashTree(dir);
  await run(['examples'], { cwd: dir });
  const after = hashTree(dir);
  const changed = Object.keys(after).filter((k) => after[k] !== before[k]).sort();
  expect(changed).toEqual(DOCKERFILES);
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  const crlf = readFileSync(join(dir, 'examples/dotnet-crlf/Dockerfile'), 'utf8');
  expect(crlf.startsWith('# syntax=docker/dockerfile:1\r\nFROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\r\n')).toBe(true);
  expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
});

test('-l / --list-different prints only the paths, writes nothing, exits 1', async () => {
  const dir = tempDir(true);
  const before = hashTree(dir);
  const r = await run(['-l', 'examples'], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe(DOCKERFILES.map((f) => f + '\n').join(''));
  expect(hashTree(dir)).toEqual(before);
  const long = await run(['--list-different', 'examples'], { cwd: dir });
  expect(long.stdout).toBe(r.stdout);
  await run(['examples'], { cwd: dir });
  const after = await run(['-l', 'examples'], { cwd: dir });
  expect(after.code).toBe(0);
  expect(after.stdout).toBe('');
});

test('--check --dry-run shows the diff and still exits 1', async () => {
  const dir = tempDir(true);
  const r = await run(['--check', '--dry-run', 'examples/node-api'], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('+++ b/examples/node-api/Dockerfile');
});

test('-q prints no summary and never changes the exit code', async () => {
  const dir = tempDir(true);
  const loud = await run(['--check', 'examples'], { cwd: dir });
  const quiet = await run(['--check', '-q', 'examples'], { cwd: dir });
  expect(quiet.code).toBe(loud.code);
  expect(quiet.stderr).toBe('');
  expect(quiet.stdout).toBe('');
});

test('-t selects and -x excludes transforms', async () => {
  const dir = tempDir(true);
  const t = await run(['--check', '-f', 'json', '-t', 'syntax-directive', 'examples'], { cwd: dir });
  expect(t.code).toBe(1);
  expect(JSON.parse(t.stdout).transforms).toEqual(['syntax-directive']);
  const none = await run(['--check', '-f', 'json', '-t', 'syntax-directive', '-x', 'syntax-directive', 'examples'], { cwd: dir });
  expect(none.code).toBe(0);
  expect(JSON.parse(none.stdout).transforms).toEqual([]);
  const x = await run(['--check', '-f', 'json', '-x', 'syntax-directive', 'examples'], { cwd: dir });
  expect(JSON.parse(x.stdout).transforms).not.toContain('syntax-directive');
  // Repeated and comma-separated forms are the same.
  const rep = await run(['--check', '-f', 'json', '-t', 'syntax-directive,syntax-directive', '-t', 'syntax-directive', 'examples'], { cwd: dir });
  expect(JSON.parse(rep.stdout).transforms).toEqual(['syntax-directive']);
});

test('--syntax-image sets the image of syntax-directive', async () => {
  const dir = tempDir(true);
  const r = await run(['-d', '--syntax-image', 'mirror.example/docker/dockerfile:1', 'examples/node-api'], { cwd: dir });
  expect(r.stdout).toContain('+# syntax=mirror.example/docker/dockerfile:1\n');
});

test('a folder without Dockerfiles is nothing to do', async () => {
  const dir = tempDir();
  const r = await run([], { cwd: dir });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('no Dockerfiles found');
  expect(r.stderr).toContain('Results: 0 changed, 0 unchanged, 0 skipped, 0 errors');
});
