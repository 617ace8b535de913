/** The build context each Dockerfile gets: its folder, --context, or what compose.yaml says. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveBuildContext } from '../../src/context/resolve.js';
import { run, tempDir, write, PLAIN_DOCKERFILE } from './helpers.js';

function repo(): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  return dir;
}

test('default: the Dockerfile\'s own folder', () => {
  const dir = repo();
  write(join(dir, 'app/Dockerfile'), PLAIN_DOCKERFILE);
  expect(resolveBuildContext(join(dir, 'app/Dockerfile'))).toEqual({ dir: join(dir, 'app'), source: 'dockerfile' });
});

test('compose build.context + build.dockerfile names a Dockerfile elsewhere', () => {
  const dir = repo();
  write(join(dir, 'docker/api.Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'services/api/package.json'), '{}');
  write(join(dir, 'compose.yaml'), 'services:\n  api:\n    build:\n      context: ./services/api\n      dockerfile: ../../docker/api.Dockerfile\n');
  const c = resolveBuildContext(join(dir, 'docker/api.Dockerfile'));
  expect(c).toEqual({ dir: join(dir, 'services/api'), source: 'compose', compose: { file: join(dir, 'compose.yaml'), service: 'api', build: { args: {} } } });
});

test('compose `build: <dir>` uses that folder\'s Dockerfile; the nearest compose file wins', () => {
  const dir = repo();
  write(join(dir, 'web/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'docker-compose.yml'), 'services:\n  web:\n    build: web\n');
  expect(resolveBuildContext(join(dir, 'web/Dockerfile'))).toMatchObject({ dir: join(dir, 'web'), source: 'compose' });
  write(join(dir, 'web/compose.yml'), 'services:\n  web:\n    build:\n      context: ..\n      dockerfile: web/Dockerfile\n');
  expect(resolveBuildContext(join(dir, 'web/Dockerfile'))).toMatchObject({ dir, source: 'compose', compose: { file: join(dir, 'web/compose.yml') } });
});

test('compose files above the repository root, URLs, variables and broken YAML are not followed', () => {
  const outer = tempDir();
  const dir = join(outer, 'repo');
  mkdirSync(join(dir, '.git'), { recursive: true });
  write(join(dir, 'app/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(outer, 'compose.yaml'), 'services:\n  a:\n    build:\n      context: repo\n      dockerfile: app/Dockerfile\n');
  expect(resolveBuildContext(join(dir, 'app/Dockerfile')).source).toBe('dockerfile');
  write(join(dir, 'compose.yaml'), 'services:\n  a:\n    build:\n      context: https://github.com/x/y.git\n  b:\n    build:\n      context: ${ROOT}\n      dockerfile: app/Dockerfile\n');
  expect(resolveBuildContext(join(dir, 'app/Dockerfile')).source).toBe('dockerfile');
  write(join(dir, 'compose.yaml'), 'services: [\n');
  expect(resolveBuildContext(join(dir, 'app/Dockerfile')).source).toBe('dockerfile');
});

test('the CLI reports the context it used; --context overrides it', async () => {
  const dir = repo();
  write(join(dir, 'docker/web.Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'compose.yaml'), 'services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/web.Dockerfile\n');
  mkdirSync(join(dir, 'ctx'));
  const json = async (argv: string[]) => JSON.parse((await run(['--check', '-f', 'json', ...argv], { cwd: dir })).stdout).files[0].context;
  expect(await json(['docker'])).toBe('.');
  expect(await json(['--context', 'ctx', 'docker'])).toBe('ctx');
  write(join(dir, 'compose.yaml'), 'services: {}\n');
  expect(await json(['docker'])).toBe('docker');
});
