/** --stdin and --stdin-filepath. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, write, PLAIN_DOCKERFILE } from './helpers.js';

test('--stdin prints the fixed text on stdout, notes on stderr', async () => {
  const r = await run(['--stdin'], { cwd: tempDir(), stdin: PLAIN_DOCKERFILE });
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('# syntax=docker/dockerfile:1\n' + PLAIN_DOCKERFILE);
  expect(r.stderr).toContain('<stdin>\n  1  syntax-directive  Added');
  expect(r.stderr).toContain('Results: 1 changed, 0 unchanged, 0 skipped, 0 errors');
});

test('--stdin keeps CRLF and a BOM, and prints unchanged text as is', async () => {
  const crlf = '\uFEFFFROM alpine\r\nRUN true\r\n';
  const r = await run(['--stdin', '-q'], { cwd: tempDir(), stdin: crlf });
  expect(r.stdout).toBe('\uFEFF# syntax=docker/dockerfile:1\r\nFROM alpine\r\nRUN true\r\n');
  const done = '# syntax=docker/dockerfile:1\nFROM alpine\n';
  expect((await run(['--stdin', '-q'], { cwd: tempDir(), stdin: done })).stdout).toBe(done);
});

test('--stdin --dry-run prints the diff, named by --stdin-filepath', async () => {
  const dir = tempDir();
  const r = await run(['--stdin', '--dry-run', '--stdin-filepath', 'svc/Dockerfile'], { cwd: dir, stdin: PLAIN_DOCKERFILE });
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n@@ -1,2 +1,3 @@\n+# syntax=docker/dockerfile:1\n FROM alpine:3.20\n RUN echo hello\n');
});

test('--stdin with --check and -l', async () => {
  const dir = tempDir();
  const check = await run(['--stdin', '--check'], { cwd: dir, stdin: PLAIN_DOCKERFILE });
  expect(check.code).toBe(1);
  // Like --check on files: the report on stdout, the text nowhere.
  expect(check.stdout).toMatch(/^<stdin>\n {2}1 {2}syntax-directive {2}Added/);
  const l = await run(['--stdin', '-l', '--stdin-filepath', 'Dockerfile'], { cwd: dir, stdin: PLAIN_DOCKERFILE });
  expect(l).toMatchObject({ code: 1, stdout: 'Dockerfile\n' });
});

test('--stdin -f json reports instead of printing the text', async () => {
  const r = await run(['--stdin', '-f', 'json'], { cwd: tempDir(), stdin: PLAIN_DOCKERFILE });
  const doc = JSON.parse(r.stdout);
  expect(doc.files[0]).toMatchObject({ path: '<stdin>', status: 'changed', context: null });
});

test('--stdin-filepath gives the build context and the ignore rules', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  write(join(dir, 'compose.yaml'), 'services:\n  a:\n    build:\n      context: .\n      dockerfile: docker/a.Dockerfile\n');
  mkdirSync(join(dir, 'docker'));
  const r = await run(['--stdin', '-f', 'json', '--stdin-filepath', 'docker/a.Dockerfile'], { cwd: dir, stdin: PLAIN_DOCKERFILE });
  expect(JSON.parse(r.stdout).files[0]).toMatchObject({ path: 'docker/a.Dockerfile', context: '.' });
  write(join(dir, '.dockerfixignore'), 'docker/\n');
  const ignored = await run(['--stdin', '--stdin-filepath', 'docker/a.Dockerfile'], { cwd: dir, stdin: PLAIN_DOCKERFILE });
  expect(ignored.code).toBe(0);
  expect(ignored.stdout).toBe(PLAIN_DOCKERFILE);
  expect(ignored.stderr).toContain('skipped  ignored by .dockerfixignore');
});

test('bad stdin: an error line, nothing on stdout, exit 2', async () => {
  const bin = await run(['--stdin'], { cwd: tempDir(), stdin: Buffer.from([0x46, 0, 0x4d]) });
  expect(bin).toMatchObject({ code: 2, stdout: '' });
  expect(bin.stderr).toContain('<stdin>\n  error  E_BINARY');
  const big = await run(['--stdin'], { cwd: tempDir(), stdin: 'FROM a\n' + 'RUN x\n'.repeat(200_000) });
  expect(big.code).toBe(2);
  expect(big.stderr).toContain('E_TOO_LARGE  standard input is over the 1 MiB limit');
  const notDf = await run(['--stdin'], { cwd: tempDir(), stdin: 'hello\n' });
  expect(notDf.code).toBe(2);
  expect(notDf.stderr).toContain('E_NOT_DOCKERFILE');
});
