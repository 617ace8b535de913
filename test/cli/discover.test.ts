/** Which files are found: name patterns, skipped folders, ignore files, --ignore-pattern, explicit files. */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { discover, isDockerfileName } from '../../src/cli/discover.js';
import { run, tempDir, write, PLAIN_DOCKERFILE } from './helpers.js';

async function found(dir: string, paths: string[] = ['.'], extra?: { patterns: string[] }) {
  const r = await discover(paths, { cwd: dir, extraIgnores: extra ? [{ base: dir, patterns: extra.patterns, label: '--ignore-pattern' }] : [] });
  if ('missing' in r) throw new Error(`missing ${r.missing}`);
  return r.targets.map((t) => (t.ignoredBy ? `${t.path} (ignored by ${t.ignoredBy})` : t.path));
}

test.each([
  ['Dockerfile', true],
  ['dockerfile', true],
  ['DOCKERFILE', true],
  ['Dockerfile.prod', true],
  ['dockerfile.dev', true],
  ['api.Dockerfile', true],
  ['api.dockerfile', true],
  ['Containerfile', true],
  ['Containerfile.build', true],
  ['containerfile', true],
  ['Dockerfile.dockerignore', false],
  ['api.Dockerfile.dockerignore', false],
  ['.dockerignore', false],
  ['Dockerfiles', false],
  ['MyDockerfile', false],
  ['docker-compose.yml', false],
  ['Containerfiles', false],
])('name %s is a Dockerfile: %s', (name, yes) => {
  expect(isDockerfileName(name)).toBe(yes);
});

test('folders are searched recursively, sorted by path; .git and node_modules are skipped', async () => {
  const dir = tempDir();
  for (const f of ['b/Dockerfile', 'a/Containerfile', 'a/web.dockerfile', 'Dockerfile.dev', 'node_modules/x/Dockerfile', '.git/Dockerfile', 'deep/er/est/Dockerfile', 'README.md', 'a/Dockerfile.dockerignore']) {
    write(join(dir, f), PLAIN_DOCKERFILE);
  }
  expect(await found(dir)).toEqual(['Dockerfile.dev', 'a/Containerfile', 'a/web.dockerfile', 'b/Dockerfile', 'deep/er/est/Dockerfile']);
});

test('.gitignore (root and nested, with !) and .dockerfixignore are honoured', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  write(join(dir, '.gitignore'), 'build/\n*.gen.Dockerfile\n');
  write(join(dir, 'svc/.gitignore'), 'tmp/\n!keep.gen.Dockerfile\n');
  write(join(dir, '.dockerfixignore'), 'legacy/\n');
  for (const f of ['Dockerfile', 'build/Dockerfile', 'x.gen.Dockerfile', 'svc/Dockerfile', 'svc/tmp/Dockerfile', 'svc/keep.gen.Dockerfile', 'svc/other.gen.Dockerfile', 'legacy/Dockerfile']) {
    write(join(dir, f), PLAIN_DOCKERFILE);
  }
  expect(await found(dir)).toEqual(['Dockerfile', 'svc/Dockerfile', 'svc/keep.gen.Dockerfile']);
  // Searching a subfolder still applies the ignore files above it, up to the repository root.
  expect(await found(join(dir, 'svc'))).toEqual(['Dockerfile', 'keep.gen.Dockerfile']);
  expect(await found(dir, ['build'])).toEqual([]);
});

test('--ignore-pattern skips matches', async () => {
  const dir = tempDir();
  for (const f of ['Dockerfile', 'vendor/Dockerfile', 'a/old.Dockerfile']) write(join(dir, f), PLAIN_DOCKERFILE);
  expect(await found(dir, ['.'], { patterns: ['vendor/', '*.Dockerfile'] })).toEqual(['Dockerfile']);
  const r = await run(['--check', '-f', 'json', '--ignore-pattern', 'vendor/', '--ignore-pattern', 'old.*', '.'], { cwd: dir });
  expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual(['Dockerfile']);
});

test('a file named explicitly is processed whatever its name and even if .gitignore lists it; dockerfix\'s own ignores skip it', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  write(join(dir, '.gitignore'), 'gen/\n');
  write(join(dir, '.dockerfixignore'), 'legacy.txt\n');
  write(join(dir, 'build-image.txt'), PLAIN_DOCKERFILE);
  write(join(dir, 'gen/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'legacy.txt'), PLAIN_DOCKERFILE);
  expect(await found(dir, ['build-image.txt', 'gen/Dockerfile', 'legacy.txt'])).toEqual([
    'build-image.txt',
    'gen/Dockerfile',
    'legacy.txt (ignored by .dockerfixignore)',
  ]);
  const r = await run(['--check', 'build-image.txt', 'gen/Dockerfile', 'legacy.txt'], { cwd: dir });
  expect(r.stderr).toContain('Results: 2 changed, 0 unchanged, 1 skipped, 0 errors');
  expect(r.stdout).toContain('legacy.txt\n  skipped  ignored by .dockerfixignore\n');
});

test('the same file named twice, or by folder and by name, is processed once; symlinks are not followed', async () => {
  const dir = tempDir();
  write(join(dir, 'Dockerfile'), PLAIN_DOCKERFILE);
  mkdirSync(join(dir, 'loop'));
  symlinkSync(dir, join(dir, 'loop', 'back'));
  symlinkSync(join(dir, 'Dockerfile'), join(dir, 'link.Dockerfile'));
  expect(await found(dir, ['.', 'Dockerfile', './Dockerfile'])).toEqual(['Dockerfile']);
});

test('a missing path is reported', async () => {
  const dir = tempDir();
  expect(await discover(['nope'], { cwd: dir })).toEqual({ missing: 'nope' });
});
