/**
 * Bad input among good files (issue 2, point 5): each bad file gets its own error line,
 * the good ones are still processed, the exit code is 2, and nothing is half-written.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { hashTree, listTree, run, tempDir, write, PLAIN_DOCKERFILE } from './helpers.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Makes a file really unwritable. As a normal user `chmod 444` does it. As root (CI and
 * these machines) permission bits do not stop writes, so the file gets the immutable
 * attribute (`chattr +i`), which stops root too. Returns how, or null when neither works.
 */
function makeReadOnly(path: string): { how: string; undo: () => void } | null {
  if (!isRoot) {
    chmodSync(path, 0o444);
    return { how: 'chmod 444', undo: () => chmodSync(path, 0o644) };
  }
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
    return { how: 'chattr +i', undo: () => execFileSync('chattr', ['-i', path], { stdio: 'ignore' }) };
  } catch {
    return null;
  }
}

const LATIN1 = Buffer.concat([Buffer.from('FROM alpine:3.20\nLABEL maintainer="Jos'), Buffer.from([0xe9]), Buffer.from('"\nRUN true\n')]);

test('binary, 5 MiB, non-UTF-8, lone-CR and read-only files among good ones: one error line each, good ones fixed, exit 2', async () => {
  const dir = tempDir();
  write(join(dir, 'a-good/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'binary/Dockerfile'), Buffer.concat([Buffer.from('FROM alpine\n'), Buffer.from([0, 1, 2, 3, 0xff]), Buffer.from('\nRUN true\n')]));
  write(join(dir, 'huge/Dockerfile'), 'FROM alpine\n' + 'RUN echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(80_000));
  write(join(dir, 'latin1/Dockerfile'), LATIN1);
  write(join(dir, 'mac-cr/Dockerfile'), PLAIN_DOCKERFILE.replace(/\n/g, '\r'));
  write(join(dir, 'readonly/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'z-good/Dockerfile'), PLAIN_DOCKERFILE);
  expect(statSync(join(dir, 'huge/Dockerfile')).size).toBeGreaterThan(5 * 1024 * 1024);

  const ro = makeReadOnly(join(dir, 'readonly/Dockerfile'));
  if (!ro) console.warn('bad-input: cannot make a file read-only here (root without chattr); the read-only case is covered by the fault-injection test only');
  try {
    const bad = ['binary/Dockerfile', 'huge/Dockerfile', 'latin1/Dockerfile', 'mac-cr/Dockerfile', ...(ro ? ['readonly/Dockerfile'] : [])];
    const before = hashTree(dir);
    const r = await run(['a-good/Dockerfile', ...bad, 'z-good/Dockerfile'], { cwd: dir });

    expect(r.code).toBe(2);
    const errorLines = r.stdout.split('\n').filter((l) => l.startsWith('  error  '));
    expect(errorLines).toHaveLength(bad.length);
    expect(r.stdout).toContain('binary/Dockerfile\n  error  E_BINARY  binary file (NUL byte at offset 12)\n');
    expect(r.stdout).toMatch(/huge\/Dockerfile\n {2}error {2}E_TOO_LARGE {2}file is 5\.\d MiB, over the 1 MiB limit\n/);
    expect(r.stdout).toContain('latin1/Dockerfile\n  error  E_ENCODING  not UTF-8 text\n');
    expect(r.stdout).toContain('mac-cr/Dockerfile\n  error  E_PARSE  line 1 has a carriage return that does not end the line');
    if (ro) expect(r.stdout).toMatch(/readonly\/Dockerfile\n {2}error {2}E_WRITE {2}cannot write: the file is read-only \((permission denied|operation not permitted)\)\n/);
    expect(r.stderr).toContain(`Results: 2 changed, 0 unchanged, 0 skipped, ${bad.length} errors`);

    // The good files were fixed; every bad one is byte-identical; no temp file anywhere.
    const after = hashTree(dir);
    for (const good of ['a-good/Dockerfile', 'z-good/Dockerfile']) {
      expect(after[good]).not.toBe(before[good]);
      expect(readFileSync(join(dir, good), 'utf8')).toBe('# syntax=docker/dockerfile:1\n' + PLAIN_DOCKERFILE);
    }
    for (const b of bad) expect(after[b]).toBe(before[b]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  } finally {
    ro?.undo();
  }
});

test('bad files are errors in every mode and in json', async () => {
  const dir = tempDir();
  write(join(dir, 'good/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'latin1/Dockerfile'), LATIN1);
  const r = await run(['--check', '-f', 'json', '.'], { cwd: dir });
  expect(r.code).toBe(2);
  const doc = JSON.parse(r.stdout);
  expect(doc.files).toEqual([
    expect.objectContaining({ path: 'good/Dockerfile', status: 'changed', error: null }),
    expect.objectContaining({ path: 'latin1/Dockerfile', status: 'error', error: { code: 'E_ENCODING', message: 'not UTF-8 text' } }),
  ]);
  // -l keeps stdout for paths: the error line goes to stderr.
  const l = await run(['-l', '.'], { cwd: dir });
  expect(l.code).toBe(2);
  expect(l.stdout).toBe('good/Dockerfile\n');
  expect(l.stderr).toContain('latin1/Dockerfile\n  error  E_ENCODING  not UTF-8 text\n');
  const d = await run(['-d', '.'], { cwd: dir });
  expect(d.code).toBe(2);
  expect(d.stderr).toContain('E_ENCODING');
});

test('a UTF-16 file, an explicit non-Dockerfile and a FIFO get clear errors', async () => {
  const dir = tempDir();
  write(join(dir, 'utf16/Dockerfile'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM alpine\n', 'utf16le')]));
  write(join(dir, 'notes.txt'), 'hello\n');
  execFileSync('mkfifo', [join(dir, 'fifo.Dockerfile')]);
  const r = await run(['utf16/Dockerfile', 'notes.txt', 'fifo.Dockerfile'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stdout).toContain('utf16/Dockerfile\n  error  E_ENCODING  not UTF-8 text (UTF-16 byte order mark)');
  expect(r.stdout).toContain('notes.txt\n  error  E_NOT_DOCKERFILE  not a Dockerfile: no FROM instruction\n');
  expect(r.stdout).toContain('fifo.Dockerfile\n  error  E_READ  not a regular file\n');
});

test('a discovered file that is not a Dockerfile is skipped, not an error', async () => {
  const dir = tempDir();
  write(join(dir, 'Dockerfile.md'), '# How to build\n\nRun docker build.\n');
  write(join(dir, 'Dockerfile'), PLAIN_DOCKERFILE);
  const r = await run(['--check', '.'], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('Results: 1 changed, 0 unchanged, 1 skipped, 0 errors');
  expect(r.stdout).toContain('Dockerfile.md\n  skipped  not a Dockerfile');
});

// Fault injection: the write path's failures, the same as root or not. What this proves:
// when the rename (the last step) fails, the temp file is removed and the original is untouched.
test('a failed rename leaves the original untouched and no temp file; other files still written', async () => {
  const dir = tempDir();
  write(join(dir, 'a/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'b/Dockerfile'), PLAIN_DOCKERFILE);
  const { rename } = await import('node:fs/promises');
  const r = await run(['.'], {
    cwd: dir,
    fs: {
      rename: (async (from: string, to: string) => {
        if (String(to).includes(`${'/'}a${'/'}`)) throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
        return rename(from, to);
      }) as typeof rename,
    },
  });
  expect(r.code).toBe(2);
  expect(r.stdout).toMatch(/a\/Dockerfile\n {2}error {2}E_WRITE {2}cannot write: EXDEV: cross-device link not permitted; the file was left unchanged\n/);
  expect(readFileSync(join(dir, 'a/Dockerfile'), 'utf8')).toBe(PLAIN_DOCKERFILE);
  expect(readFileSync(join(dir, 'b/Dockerfile'), 'utf8')).toBe('# syntax=docker/dockerfile:1\n' + PLAIN_DOCKERFILE);
  expect(listTree(dir).filter((f) => f.includes('.dockerfix-'))).toEqual([]);
});

test('an unwritable folder and a file changed meanwhile are reported, nothing written', async () => {
  const dir = tempDir();
  write(join(dir, 'a/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'b/Dockerfile'), PLAIN_DOCKERFILE);
  const { access, readFile } = await import('node:fs/promises');
  const r = await run(['.'], {
    cwd: dir,
    fs: {
      access: (async (p: string, mode?: number) => {
        if (String(p).endsWith(`${'/'}a`)) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        return access(p, mode);
      }) as typeof access,
      readFile: (async (p: string) => (String(p).includes(`${'/'}b${'/'}`) ? Buffer.from('FROM other\n') : readFile(p))) as typeof readFile,
    },
  });
  expect(r.code).toBe(2);
  expect(r.stdout).toContain('a/Dockerfile\n  error  E_WRITE  cannot write: the folder is read-only (permission denied)\n');
  expect(r.stdout).toContain('b/Dockerfile\n  error  E_WRITE  the file changed on disk while dockerfix ran');
  expect(readFileSync(join(dir, 'a/Dockerfile'), 'utf8')).toBe(PLAIN_DOCKERFILE);
  expect(readFileSync(join(dir, 'b/Dockerfile'), 'utf8')).toBe(PLAIN_DOCKERFILE);
  expect(listTree(dir).filter((f) => f.includes('.dockerfix-'))).toEqual([]);
});

test('a written file keeps its mode', async () => {
  const dir = tempDir();
  write(join(dir, 'Dockerfile'), PLAIN_DOCKERFILE);
  chmodSync(join(dir, 'Dockerfile'), 0o640);
  const r = await run(['.'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(statSync(join(dir, 'Dockerfile')).mode & 0o7777).toBe(0o640);
});

test('a Dockerfile named through a symbolic link is written through it; the link stays a link', async () => {
  const dir = tempDir();
  write(join(dir, 'real/Dockerfile'), PLAIN_DOCKERFILE);
  symlinkSync(join(dir, 'real/Dockerfile'), join(dir, 'link.Dockerfile'));
  const r = await run(['link.Dockerfile'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(lstatSync(join(dir, 'link.Dockerfile')).isSymbolicLink()).toBe(true);
  expect(readFileSync(join(dir, 'real/Dockerfile'), 'utf8')).toBe('# syntax=docker/dockerfile:1\n' + PLAIN_DOCKERFILE);
});
