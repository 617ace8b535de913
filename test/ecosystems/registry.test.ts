import { ECOSYSTEMS, ecosystemOf, imageFacts, isWindowsImage, mayOwn } from '../../src/ecosystems/index.js';
import { cmd, context, env } from './helpers.js';

test('ids are unique and every module names its sources', () => {
  const ids = ECOSYSTEMS.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const e of ECOSYSTEMS) expect(e.sources.length).toBeGreaterThan(0);
});

test('a command belongs to one ecosystem', () => {
  expect(ecosystemOf(cmd('apt-get install x'))?.id).toBe('apt');
  expect(ecosystemOf(cmd('python3 -m pip install x'))?.id).toBe('pip');
  expect(ecosystemOf(cmd('./gradlew build'))?.id).toBe('gradle');
  expect(ecosystemOf(cmd('yarn install'), env())?.id).toBe('yarn');
  expect(ecosystemOf(cmd('yarn install --immutable'), env())?.id).toBe('yarn-berry');
  expect(ecosystemOf(cmd('echo hi'))).toBeUndefined();
});

test('an environment only narrows which module owns a command (cache-mounts skips commands no module may own)', () => {
  const commands = [
    'yarn install', 'yarn install --immutable', 'yarnpkg add x', 'corepack yarn install', 'npm ci', 'pnpm install', 'bun install',
    'apt-get install -y curl', 'apk add curl', 'dnf install x', 'pip install x', 'python3 -m pip install x', 'uv sync', 'poetry install',
    'go mod download', 'cargo build', './mvnw package', 'sh ./gradlew build', 'bundle install', 'composer install', 'dotnet restore',
    'echo hi', 'mkdir -p /app', 'make', '/usr/local/bin/yarn install', 'YARN_CACHE_FOLDER=/c yarn',
  ].map(cmd);
  const envs = [
    env(),
    env({ HOME: '/home/node' }, { root: false, home: '/home/node' }),
    env({}, { previousCommands: [cmd('yarn set version stable')] }),
    env({}, { previousCommands: [cmd('corepack prepare yarn@4.1.0 --activate')] }),
    env({}, { context: context({ '.yarnrc.yml': 'nodeLinker: node-modules\n', 'package.json': '{}' }) }),
    env({}, { context: context({ 'package.json': '{"packageManager": "yarn@4.0.0"}' }) }),
  ];
  let owned = 0;
  for (const c of commands) {
    for (const e of envs) {
      if (!ECOSYSTEMS.some((m) => m.matches(c, e))) continue;
      owned++;
      expect({ command: [c.name, ...c.args].join(' '), mayOwn: mayOwn(c) }).toEqual({ command: [c.name, ...c.args].join(' '), mayOwn: true });
    }
  }
  expect(owned).toBeGreaterThan(100);
  // Berry is told apart only with an environment, and is still owned without one (by classic).
  expect(envs.some((e) => ecosystemOf(cmd('yarn install'), e)?.id === 'yarn-berry')).toBe(true);
  expect(mayOwn(cmd('echo hi'))).toBe(false);
});

test('image facts', () => {
  expect(imageFacts('golang:1.22').env.GOPATH).toBe('/go');
  expect(imageFacts('docker.io/library/rust:1-slim').env.CARGO_HOME).toBe('/usr/local/cargo');
  expect(imageFacts('node:20-alpine').users.node).toEqual({ uid: 1000, gid: 1000, home: '/home/node' });
  expect(imageFacts('node:20-alpine').aptDockerClean).toBe(false);
  expect(imageFacts('python:3.12-slim').aptDockerClean).toBe(true);
  expect(imageFacts('mcr.microsoft.com/dotnet/sdk:8.0').users.app.uid).toBe(1654);
  expect(imageFacts('myorg/thing').env).toEqual({});
  expect(isWindowsImage('mcr.microsoft.com/windows/servercore:ltsc2022')).toBe(true);
  expect(isWindowsImage('mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022')).toBe(true);
  expect(isWindowsImage('mcr.microsoft.com/dotnet/sdk:8.0')).toBe(false);
  expect(isWindowsImage('stefanscherer/golang-windows:insider')).toBe(true);
  expect(isWindowsImage('mcr.microsoft.com/nanoserver-insider:10.0.17744.1001')).toBe(true);
  expect(imageFacts('mirror.gcr.io/library/golang:1.18').env.GOPATH).toBe('/go');
  expect(imageFacts('public.ecr.aws/docker/library/node:20').users.node.uid).toBe(1000);
});
