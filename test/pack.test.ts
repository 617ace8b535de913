/**
 * The published package: `npm pack`, install the tarball into an empty folder without dev
 * dependencies, and run it there with npx. Needs the npm registry (for the runtime
 * dependencies); `npm test` builds `dist/` first ("pretest").
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'dockerfix-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

test('the tarball holds bin/, the bundled CLI and its code cache, dist/src/, dist/transforms/, README and no sources or tests', () => {
  // Scripts off: dist/ is already built, and other tests may be running the built bin right now.
  const out = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO);
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  const files = info.files.map((f) => f.path);
  expect(files).toContain('bin/dockerfix.js');
  // The bin's loader, the bundled CLI and its V8 code cache (scripts/bundle.mjs).
  expect(files).toContain('bin/load-cli.js');
  expect(files).toContain('dist/cli.cjs');
  expect(files).toContain('dist/cli.cache');
  expect(files).toContain('dist/src/cli/main.js');
  expect(files).toContain('dist/src/index.js');
  expect(files).toContain('dist/src/index.d.ts');
  expect(files).toContain('dist/transforms/index.js');
  expect(files).toContain('README.md');
  expect(files).toContain('LICENSE');
  expect(files).toContain('CHANGELOG.md');
  expect(files).toContain('package.json');
  expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('dist/test/') || f.startsWith('examples/'))).toBe(false);
  writeFileSync(join(work, 'tarball.txt'), info.filename);
});

test('it installs into an empty folder with no dev dependencies; npx dockerfix --version and --dry-run work', () => {
  const tgz = join(work, readFileSync(join(work, 'tarball.txt'), 'utf8'));
  const app = join(work, 'app');
  cpSync(join(REPO, 'examples', 'node-api'), join(app, 'site'), { recursive: true });
  writeFileSync(join(app, 'package.json'), '{ "name": "consumer", "private": true }\n');
  npm(['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tgz], app);
  expect(existsSync(join(app, 'node_modules', 'typescript'))).toBe(false);
  expect(existsSync(join(app, 'node_modules', 'jest'))).toBe(false);

  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  expect(npm(['exec', '--offline', '--', 'dockerfix', '--version'], app)).toBe(`${pkg.version}\n`);
  const before = readFileSync(join(app, 'site', 'Dockerfile'));
  const diff = execFileSync('npx', ['--offline', 'dockerfix', '--dry-run', 'site'], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(diff).toContain('--- a/site/Dockerfile\n+++ b/site/Dockerfile\n');
  expect(readFileSync(join(app, 'site', 'Dockerfile')).equals(before)).toBe(true);

  // The installed bin finds its code cache, and this Node accepts it.
  const loader = join(app, 'node_modules', 'dockerfix', 'bin', 'load-cli.js');
  const cacheUsed = execFileSync(process.execPath, ['--input-type=module', '-e', `import { loadCli } from ${JSON.stringify(pathToFileURL(loader).href)}; console.log(loadCli().cacheUsed)`], {
    cwd: app,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  expect(cacheUsed).toBe('true\n');

  // The library entry point works too.
  const lib = execFileSync(process.execPath, ['--input-type=module', '-e', "import { fixSource, TRANSFORMS } from 'dockerfix'; console.log(fixSource('FROM a\\n', { transforms: TRANSFORMS.filter((t) => t.id === 'syntax-directive') }).output)"], { cwd: app, encoding: 'utf8' });
  expect(lib).toBe('# syntax=docker/dockerfile:1\nFROM a\n\n');
});
