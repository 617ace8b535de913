/**
 * Companion file edits (split-manifest-copy adding install output to `.dockerignore`): the CLI
 * writes the Dockerfile and the companion as one change (both or neither), `--dry-run` and the
 * patch show it as a second file that `git apply` takes, json/ndjson/markdown list it, and the
 * bytes of an existing `.dockerignore` stay as they were.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyCompanion } from '../../src/core/fix.js';
import { run, tempDir } from './helpers.js';

const DOCKERFILE = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n';
const SPLIT = 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n';

function write(p: string, text: string) {
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

function app(dir: string, extra: Record<string, string> = {}) {
  write(join(dir, 'Dockerfile'), DOCKERFILE);
  write(join(dir, 'package.json'), '{"name":"a","version":"1.0.0","dependencies":{}}\n');
  write(join(dir, 'package-lock.json'), '{"name":"a","lockfileVersion":3,"packages":{}}\n');
  write(join(dir, 'index.js'), 'console.log(1)\n');
  for (const [p, t] of Object.entries(extra)) write(join(dir, p), t);
}

const T = ['-t', 'split-manifest-copy'];

describe('applyCompanion', () => {
  test('creates, appends, keeps CRLF, BOM and a missing final newline, skips present lines', () => {
    expect(applyCompanion(null, ['node_modules'])).toBe('node_modules\n');
    expect(applyCompanion('.git\n', ['node_modules'])).toBe('.git\nnode_modules\n');
    expect(applyCompanion('.git', ['node_modules'])).toBe('.git\nnode_modules\n');
    expect(applyCompanion('\uFEFF# x\r\n.git', ['node_modules', 'obj'])).toBe('\uFEFF# x\r\n.git\r\nnode_modules\r\nobj\r\n');
    expect(applyCompanion('', ['node_modules'])).toBe('node_modules\n');
    expect(applyCompanion('.git\n  node_modules  \n', ['node_modules'])).toBe('.git\n  node_modules  \n');
  });
});

test('write mode writes both files; a second run changes nothing', async () => {
  const dir = tempDir();
  app(dir, { '.dockerignore': '# local\r\n.git\r\n.dockerignore' });
  const r = await run([...T, '.'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(SPLIT);
  expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('# local\r\n.git\r\n.dockerignore\r\nnode_modules\r\n');
  expect(r.stdout).toContain('also  edits .dockerignore: adds node_modules');
  const again = await run([...T, '--check', '.'], { cwd: dir });
  expect(again.code).toBe(0);
});

test('dry-run and patch show the created .dockerignore as a second file that git apply takes', async () => {
  const dir = tempDir();
  app(dir);
  const dry = await run([...T, '--dry-run', '.'], { cwd: dir });
  expect(dry.stdout).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n');
  expect(dry.stdout).toContain('--- /dev/null\n+++ b/.dockerignore\n@@ -0,0 +1,2 @@\n+node_modules\n+.dockerignore\n');
  const patch = await run([...T, '--dry-run', '-f', 'patch', '.'], { cwd: dir });
  expect(patch.stdout).toBe(dry.stdout);
  expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  writeFileSync(join(dir, 'p.patch'), patch.stdout);
  execFileSync('git', ['apply', 'p.patch'], { cwd: dir });
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(SPLIT);
  expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('node_modules\n.dockerignore\n');
});

test('json, ndjson and markdown list the companion file', async () => {
  const dir = tempDir();
  app(dir);
  const json = JSON.parse((await run([...T, '--check', '-f', 'json', '.'], { cwd: dir })).stdout);
  expect(json.files[0].companions).toEqual([{ path: '.dockerignore', created: true, append: ['node_modules', '.dockerignore'], diff: '--- /dev/null\n+++ b/.dockerignore\n@@ -0,0 +1,2 @@\n+node_modules\n+.dockerignore\n' }]);
  const nd = (await run([...T, '--check', '-f', 'ndjson', '.'], { cwd: dir })).stdout.split('\n')[0];
  expect(JSON.parse(nd).companions[0].path).toBe('.dockerignore');
  const md = (await run([...T, '--check', '-f', 'markdown', '.'], { cwd: dir })).stdout;
  expect(md).toContain('- Also creates `.dockerignore`: adds `node_modules`, `.dockerignore`');
  expect(md).toContain('<summary><code>.dockerignore</code> (+2 −0)</summary>');
  expect(md).toContain('"companions":[".dockerignore"]');
});

test('two Dockerfiles of one context: --dry-run adds the entry once', async () => {
  const dir = tempDir();
  app(dir, { 'Dockerfile.dev': DOCKERFILE });
  const dry = await run([...T, '--dry-run', '.'], { cwd: dir });
  expect(dry.stdout.split('+++ b/.dockerignore').length).toBe(2);
  const wrote = await run([...T, '.'], { cwd: dir });
  expect(wrote.code).toBe(0);
  expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('node_modules\n.dockerignore\n');
  expect(readFileSync(join(dir, 'Dockerfile.dev'), 'utf8')).toBe(SPLIT);
});

test('an existing .dockerignore that does not exclude itself is not edited (it is in the image): advice', async () => {
  const dir = tempDir();
  app(dir, { '.dockerignore': '.git\n' });
  const r = await run([...T, '.'], { cwd: dir });
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(DOCKERFILE);
  expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('.git\n');
  expect(r.stdout).toContain('.dockerignore does not exclude itself');
});

test('--stdin never needs a companion: the split uses no .dockerignore edit', async () => {
  const dir = tempDir();
  app(dir);
  const r = await run([...T, '--stdin', '--stdin-filepath', 'Dockerfile'], { cwd: dir, stdin: DOCKERFILE });
  expect(r.stdout).toBe(DOCKERFILE);
  expect(r.stderr).toContain('advice');
});

// Both or neither: a failure on either file leaves both as they were and no temp file.
test.each([
  ['the companion', '.dockerignore'],
  ['the Dockerfile', 'Dockerfile'],
])('a failed rename of %s writes neither file', async (_what, failing) => {
  const dir = tempDir();
  app(dir, { '.dockerignore': '.git\n.dockerignore\n' });
  const { rename } = await import('node:fs/promises');
  const r = await run([...T, '.'], {
    cwd: dir,
    fs: {
      rename: (async (from: string, to: string) => {
        if (String(to).endsWith(`/${failing}`)) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        return rename(from, to);
      }) as typeof rename,
    },
  });
  expect(r.code).toBe(2);
  expect(r.stdout).toContain('E_WRITE');
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(DOCKERFILE);
  expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('.git\n.dockerignore\n');
  expect(execFileSync('ls', ['-a', dir], { encoding: 'utf8' })).not.toContain('.dockerfix-');
});

test('a failed rename of the Dockerfile removes a .dockerignore the run created', async () => {
  const dir = tempDir();
  app(dir);
  const { rename } = await import('node:fs/promises');
  const r = await run([...T, '.'], {
    cwd: dir,
    fs: {
      rename: (async (from: string, to: string) => {
        if (String(to).endsWith('/Dockerfile')) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        return rename(from, to);
      }) as typeof rename,
    },
  });
  expect(r.code).toBe(2);
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(DOCKERFILE);
  expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
});
