/**
 * Output a bot can trust (issue 13): every line refers to the original file, changes also
 * name their lines in the rewritten file, and a format that carries the diff never writes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashTree, run, tempDir, write } from './helpers.js';

// The syntax directive is added in pass 1; cache-mounts, reorder and split act in later
// passes, whose text has one more line above everything.
const PYTHON = [
  'FROM python:3.12-slim', // 1
  '', // 2
  'WORKDIR /srv/worker', // 3
  'COPY . .', // 4
  '', // 5
  'RUN apt-get update && apt-get install -y --no-install-recommends \\', // 6
  '        libpq5 \\', // 7
  '        curl \\', // 8
  '    && rm -rf /var/lib/apt/lists/*', // 9
  '', // 10
  'RUN pip install --no-cache-dir -r requirements.txt', // 11
  '', // 12
  'CMD ["python", "worker.py"]', // 13
  '',
].join('\n');

function project(): string {
  const dir = tempDir();
  write(join(dir, 'app/Dockerfile'), PYTHON);
  write(join(dir, 'app/requirements.txt'), 'flask\n');
  write(join(dir, 'app/worker.py'), 'print(1)\n');
  return dir;
}

interface Line {
  transform: string;
  line: number;
  endLine: number;
  newLine?: number;
  newEndLine?: number;
  message: string;
}

test('-f json: lines in the original file with the directive added, and in the rewritten file', async () => {
  const dir = project();
  const r = await run(['--dry-run', '-f', 'json', 'app'], { cwd: dir });
  expect(r.code).toBe(0);
  const file = JSON.parse(r.stdout).files[0];
  const changes: Line[] = file.changes;
  const original = PYTHON.split('\n');
  const rewritten = (file.diff as string) && readFileSync(join(dir, 'app/Dockerfile'), 'utf8');
  expect(rewritten).toBe(PYTHON); // dry run
  const by = (t: string, needle: string) => changes.find((c) => c.transform === t && original[c.line - 1].includes(needle))!;
  const apt = by('cache-mounts', 'apt-get');
  expect([apt.line, apt.endLine]).toEqual([6, 9]);
  const pip = by('cache-mounts', 'pip install');
  expect([pip.line, pip.endLine]).toEqual([11, 11]);
  expect(by('reorder-for-cache', 'apt-get').line).toBe(6);
  const directive = changes.find((c) => c.transform === 'syntax-directive')!;
  expect([directive.line, directive.newLine, directive.newEndLine]).toEqual([1, 1, 1]);
  // Notes are sorted by line.
  expect(changes.map((c) => c.line)).toEqual([...changes.map((c) => c.line)].sort((a, b) => a - b));
  // Line numbers inside the messages are original lines too.
  expect(by('reorder-for-cache', 'apt-get').message).toContain('(line 6)');
  expect(by('reorder-for-cache', 'apt-get').message).toContain('`COPY . .` (line 4)');

  // newLine/newEndLine point at the same instruction in the rewritten text.
  const w = await run(['-f', 'json', 'app'], { cwd: dir });
  expect(w.code).toBe(0);
  const after = readFileSync(join(dir, 'app/Dockerfile'), 'utf8').split('\n');
  const written: Line[] = JSON.parse(w.stdout).files[0].changes;
  expect(JSON.parse(w.stdout).mode).toBe('write');
  for (const c of written.filter((x) => x.transform === 'cache-mounts')) {
    const text = after.slice(c.newLine! - 1, c.newEndLine!).join('\n');
    expect(text.startsWith('RUN --mount=type=cache')).toBe(true);
    expect(text).toContain(original[c.line - 1].includes('pip') ? 'pip install' : 'apt-get install');
  }
  expect(after[written.find((c) => c.transform === 'syntax-directive')!.newLine! - 1]).toBe('# syntax=docker/dockerfile:1');
});

test('stylish: the line column is the original line, sorted', async () => {
  const dir = project();
  const r = await run(['--dry-run', 'app'], { cwd: dir });
  const rows = r.stderr.split('\n').filter((l) => /^\s+\d+\s+[a-z-]+\s/.test(l));
  const nos = rows.map((l) => Number(l.trim().split(/\s+/)[0]));
  expect(nos).toEqual([...nos].sort((a, b) => a - b));
  expect(rows.find((l) => l.includes('cache-mounts') && l.includes('apt'))!.trim().startsWith('6 ')).toBe(true);
});

test('-f patch never writes: dockerfix -f patch > fix.patch && git apply fix.patch works', async () => {
  const dir = project();
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.'], { cwd: dir });
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'init'], { cwd: dir });
  const before = hashTree(dir);
  const r = await run(['-f', 'patch', 'app'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(hashTree(dir)).toEqual(before);
  write(join(dir, 'fix.patch'), r.stdout);
  execFileSync('git', ['apply', 'fix.patch'], { cwd: dir });
  const fixed = await run(['--check', 'app'], { cwd: dir });
  expect(fixed.code).toBe(0);
});

test('-f markdown never writes either; json in write mode writes and says so', async () => {
  const dir = project();
  const before = hashTree(dir);
  const md = await run(['-f', 'markdown', 'app'], { cwd: dir });
  expect(md.code).toBe(0);
  expect(md.stdout).toContain('would change');
  expect(hashTree(dir)).toEqual(before);
  const j = await run(['-f', 'json', 'app'], { cwd: dir });
  expect(JSON.parse(j.stdout).mode).toBe('write');
  expect(hashTree(dir)).not.toEqual(before);
});

test('--help says which formats write', async () => {
  const r = await run(['--help'], { cwd: tempDir() });
  expect(r.stdout.replace(/\s+/g, ' ')).toContain('patch or markdown (these carry the diff and never write');
});
