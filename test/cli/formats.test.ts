/** Report formats (json, ndjson, patch, markdown, stylish) and -o. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdown, MARKDOWN_LIMIT } from '../../src/report/markdown.js';
import { unifiedDiff } from '../../src/report/diff.js';
import type { FileReport } from '../../src/report/types.js';
import { hashTree, run, tempDir, write, PLAIN_DOCKERFILE } from './helpers.js';

test('-f json is one valid document with schemaVersion, per-file status, changes and diff', async () => {
  const dir = tempDir(true);
  write(join(dir, 'examples/done/Dockerfile'), '# syntax=docker/dockerfile:1\nFROM scratch\n');
  const r = await run(['--check', '-f', 'json', 'examples'], { cwd: dir });
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.schemaVersion).toBe(1);
  expect(doc.tool).toEqual({ name: 'dockerfix', version: expect.any(String) });
  expect(doc.mode).toBe('check');
  expect(doc.files.map((f: { path: string }) => f.path)).toEqual([...doc.files.map((f: { path: string }) => f.path)].sort());
  const node = doc.files.find((f: { path: string }) => f.path === 'examples/node-api/Dockerfile');
  expect(node).toMatchObject({ status: 'changed', error: null, context: 'examples/node-api' });
  expect(node.changes).toContainEqual({ transform: 'syntax-directive', line: 1, endLine: 1, newLine: 1, newEndLine: 1, message: expect.stringContaining('# syntax=docker/dockerfile:1') });
  expect(node.diff).toContain('--- a/examples/node-api/Dockerfile\n+++ b/examples/node-api/Dockerfile\n');
  const done = doc.files.find((f: { path: string }) => f.path === 'examples/done/Dockerfile');
  expect(done).toMatchObject({ status: 'unchanged', changes: [], diff: null });
  expect(doc.summary).toEqual({ changed: 5, unchanged: 1, skipped: 0, errors: 0 });
  // No timings unless --stats: two runs are byte-identical.
  const again = await run(['--check', '-f', 'json', 'examples'], { cwd: dir });
  expect(again.stdout).toBe(r.stdout);
  expect(r.stdout).not.toContain('durationMs');
  const stats = JSON.parse((await run(['--check', '-f', 'json', '--stats', 'examples'], { cwd: dir })).stdout);
  expect(typeof stats.stats.durationMs).toBe('number');
  expect(typeof stats.files[0].durationMs).toBe('number');
});

test('-f json in write mode reports the files as changed and writes them', async () => {
  const dir = tempDir(true);
  const r = await run(['-f', 'json', 'examples/node-api'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).files[0].status).toBe('changed');
  expect(readFileSync(join(dir, 'examples/node-api/Dockerfile'), 'utf8').startsWith('# syntax=')).toBe(true);
});

test('-f ndjson: one line per file, then a summary line', async () => {
  const dir = tempDir(true);
  const r = await run(['-d', '-f', 'ndjson', 'examples'], { cwd: dir });
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(lines).toHaveLength(6);
  expect(lines.slice(0, 5).every((l) => l.type === 'file' && l.status === 'changed')).toBe(true);
  expect(lines[5]).toMatchObject({ type: 'summary', schemaVersion: 1, summary: { changed: 5, unchanged: 0, skipped: 0, errors: 0 } });
});

test('-f patch is a plain unified diff that git apply takes, CRLF included', async () => {
  const dir = tempDir(true);
  const one = await run(['--check', '-f', 'patch', '-t', 'syntax-directive', 'examples'], { cwd: dir });
  expect(one.stdout.startsWith('--- a/examples/dotnet-crlf/Dockerfile\n+++ b/examples/dotnet-crlf/Dockerfile\n@@ -1,3 +1,4 @@\n+# syntax=docker/dockerfile:1\r\n FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\r\n')).toBe(true);
  // With every default transform: git apply gives exactly what a real run writes.
  const r = await run(['--check', '-f', 'patch', 'examples'], { cwd: dir });
  expect(r.code).toBe(1);
  write(join(dir, 'fix.patch'), r.stdout);
  const fixed = tempDir(true);
  await run(['examples'], { cwd: fixed });
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['apply', '--whitespace=nowarn', 'fix.patch'], { cwd: dir });
  const a = hashTree(join(dir, 'examples'));
  const b = hashTree(join(fixed, 'examples'));
  expect(a).toEqual(b);
});

test('a file without a final newline gives "\\ No newline at end of file"', () => {
  const d = unifiedDiff('Dockerfile', 'FROM a\nRUN b', '# syntax=docker/dockerfile:1\nFROM a\nRUN b');
  expect(d).toBe('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,3 @@\n+# syntax=docker/dockerfile:1\n FROM a\n RUN b\n\\ No newline at end of file\n');
});

test('-f markdown is a PR body: header, table, notes, details diff, reproduce line, meta comment', async () => {
  const dir = tempDir(true);
  const r = await run(['-d', '-f', 'markdown', '-t', 'syntax-directive', 'examples/node-api', 'examples/go-service'], { cwd: dir });
  const md = r.stdout;
  expect(md.startsWith('## dockerfix')).toBe(true);
  expect(md).toContain('| File | `syntax-directive` |');
  expect(md).toContain('| `examples/go-service/Dockerfile` | 1 |');
  expect(md).toContain('### Notes');
  expect(md).toContain('<details>\n<summary><code>examples/node-api/Dockerfile</code> (+1 −0)</summary>\n\n```diff\n--- a/examples/node-api/Dockerfile');
  expect(md).toMatch(/Reproduce with `npx dockerfix@\d+\.\d+\.\d+[^`]* -t syntax-directive examples\/node-api examples\/go-service`/);
  const meta = md.match(/<!-- dockerfix-meta (.*) -->\n$/);
  expect(meta).not.toBeNull();
  expect(JSON.parse(meta![1])).toMatchObject({ transforms: ['syntax-directive'], files: ['examples/go-service/Dockerfile', 'examples/node-api/Dockerfile'] });
});

test('markdown stays under GitHub\'s 65,536-character limit, saying what it left out', () => {
  const big = 'RUN echo ' + 'x'.repeat(200) + '\n';
  const results: FileReport[] = Array.from({ length: 60 }, (_, i) => {
    const before = `FROM alpine\n${big.repeat(40)}`;
    const path = `svc-${String(i).padStart(2, '0')}/Dockerfile`;
    return {
      path,
      status: 'changed',
      changes: [{ transform: 'syntax-directive', line: 1, message: 'Added a syntax directive. '.repeat(10) }],
      advice: [],
      error: null,
      reason: null,
      context: null,
      diff: unifiedDiff(path, before, '# syntax=docker/dockerfile:1\n' + before.replace(/x/g, 'y')),
    };
  });
  const md = markdown(results, { version: '1.2.3', mode: 'write', transforms: ['syntax-directive'], unsafe: false, color: false });
  expect(md.length).toBeLessThan(65_536);
  expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
  expect(md).toMatch(/\d+ diffs left out to keep this under GitHub's size limit/);
  expect(md).toMatch(/<!-- dockerfix-meta .* -->\n$/);
  expect(md).toContain('Reproduce with');
});

test('-o writes the report to a file and nothing to stdout', async () => {
  const dir = tempDir(true);
  const r = await run(['--check', '-f', 'json', '-o', 'report.json', 'examples'], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).schemaVersion).toBe(1);
  const d = await run(['-d', '-o', 'out.patch', 'examples/node-api'], { cwd: dir });
  expect(d.stdout).toBe('');
  expect(readFileSync(join(dir, 'out.patch'), 'utf8')).toContain('+++ b/examples/node-api/Dockerfile');
  const bad = await run(['--check', '-o', 'no/such/dir/report.txt', 'examples'], { cwd: dir });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('dockerfix: cannot write no/such/dir/report.txt');
});

test('stylish: path, then line, transform and message; advice and errors marked', async () => {
  const dir = tempDir();
  write(join(dir, 'ok/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'stray/Dockerfile'), 'FROM alpine\n# syntax=docker/dockerfile:1\nRUN true\n');
  write(join(dir, 'bad/Dockerfile'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]));
  const r = await run(['--check', '-t', 'syntax-directive', '.'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stdout).toContain('bad/Dockerfile\n  error  E_ENCODING  not UTF-8 text\n');
  expect(r.stdout).toMatch(/ok\/Dockerfile\n {2}1 {2}syntax-directive {2}Added/);
  expect(r.stdout).toMatch(/stray\/Dockerfile\n {2}2 {2}syntax-directive {2}advice: Line 2 looks like a syntax directive/);
});
