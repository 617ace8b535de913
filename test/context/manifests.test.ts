import { memoryContext } from '../../src/context/memory.js';
import {
  ctxJoin,
  expandWorkspaces,
  expandMembers,
  readGoWork,
  isLocalRequirement,
  nodeLockFiles,
  readComposerJson,
  readGemfile,
  readGoMod,
  readNpmLockInstallScripts,
  readNpmrc,
  readPackageJson,
  readPipfile,
  readPnpmWorkspace,
  readPom,
  readPoetryToml,
  readProjectFile,
  readPyproject,
  readRequirements,
  readYarnrcYml,
} from '../../src/context/manifests.js';

test('ctxJoin normalises and keeps leaving the context visible', () => {
  expect(ctxJoin('', 'package.json')).toBe('package.json');
  expect(ctxJoin('a/b', '../c')).toBe('a/c');
  expect(ctxJoin('', '../x')).toBe('../x');
  expect(ctxJoin('./a/', './b')).toBe('a/b');
});

test('package.json: lifecycle scripts, workspaces, local deps, packageManager, patches', () => {
  const ctx = memoryContext({
    'package.json': JSON.stringify({
      scripts: { build: 'tsc', postinstall: 'node scripts/fix.js', prepare: 'husky install' },
      workspaces: { packages: ['packages/*'] },
      dependencies: { a: '^1', lib: 'file:../lib', ws: 'workspace:*', rel: './vendor/rel' },
      devDependencies: { '@prisma/client': '5' },
      resolutions: { x: 'patch:x@npm%3A1.0.0#./.yarn/patches/x-npm-1.0.0.patch' },
      packageManager: 'yarn@4.1.0',
    }),
    'bad/package.json': '{',
    'unread/package.json': null,
  });
  const p = readPackageJson(ctx, '');
  expect(p.state).toBe('ok');
  if (p.state !== 'ok') return;
  expect(p.lifecycle).toEqual({ postinstall: 'node scripts/fix.js', prepare: 'husky install' });
  expect(p.scripts).toEqual({ build: 'tsc', postinstall: 'node scripts/fix.js', prepare: 'husky install' });
  expect(p.workspaces).toEqual(['packages/*']);
  expect(p.localDeps.map((d) => d.name)).toEqual(['lib', 'rel']);
  expect(p.workspaceDeps).toEqual(['ws']);
  expect(p.deps).toContain('@prisma/client');
  expect(p.packageManager).toBe('yarn@4.1.0');
  expect(p.patches).toEqual(['./.yarn/patches/x-npm-1.0.0.patch']);
  expect(readPackageJson(ctx, 'bad').state).toBe('unknown');
  expect(readPackageJson(ctx, 'unread').state).toBe('unknown');
  expect(readPackageJson(ctx, 'none').state).toBe('missing');
});

test('lock files, .npmrc, .yarnrc.yml, pnpm-workspace.yaml', () => {
  const ctx = memoryContext({
    'package.json': '{}',
    'yarn.lock': '',
    'pnpm-lock.yaml': '',
    '.npmrc': 'registry=x\nignore-scripts=true\n',
    '.yarnrc.yml': 'nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-4.1.0.cjs\nplugins:\n  - path: .yarn/plugins/@yarnpkg/plugin-a.cjs\n    spec: "@yarnpkg/plugin-a"\n  - .yarn/plugins/b.cjs\nenableGlobalCache: false\n',
    'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n  - libs/core # core\n',
  });
  expect(nodeLockFiles(ctx, '')).toEqual(['yarn.lock', 'pnpm-lock.yaml']);
  expect(readNpmrc(ctx, '')).toEqual({ state: 'ok', ignoreScripts: true });
  expect(readYarnrcYml(ctx, '')).toEqual({
    state: 'ok',
    yarnPath: '.yarn/releases/yarn-4.1.0.cjs',
    plugins: ['.yarn/plugins/@yarnpkg/plugin-a.cjs', '.yarn/plugins/b.cjs'],
    nodeLinker: 'node-modules',
    enableGlobalCache: false,
    cacheFolder: null,
  });
  expect(readPnpmWorkspace(ctx, '')).toEqual({ state: 'ok', packages: ['apps/*', 'libs/core'] });
});

test('workspace globs expand against the listing; unsupported globs are unknown', () => {
  const ctx = memoryContext({ 'packages/a/package.json': '{}', 'packages/b/package.json': '{}', 'packages/docs/README.md': '', 'tools/x/package.json': '{}' });
  expect(expandWorkspaces(ctx, '', ['packages/*', 'tools/x'])).toEqual({ state: 'ok', members: ['packages/a', 'packages/b', 'tools/x'], missing: [], unmatched: [], outside: [] });
  expect(expandWorkspaces(ctx, '', ['packages/**']).state).toBe('unknown');
  expect(expandWorkspaces(ctx, '', ['missing/*'])).toEqual({ state: 'ok', members: [], missing: [], unmatched: ['missing/*'], outside: [] });
  expect(expandWorkspaces(ctx, '', ['tools/y', 'packages/docs', '../shared', 'packages/a'])).toEqual({ state: 'ok', members: ['packages/a'], missing: ['tools/y', 'packages/docs'], unmatched: [], outside: ['../shared'] });
  // Relative to a sub-folder: members keep context-relative paths; `..` inside the context is fine.
  expect(expandWorkspaces(ctx, 'tools', ['../packages/*'])).toEqual({ state: 'ok', members: ['packages/a', 'packages/b'], missing: [], unmatched: [], outside: [] });
});

test('member lists of go.work and Cargo workspaces', () => {
  const ctx = memoryContext({
    'go.work': 'go 1.22\n\nuse (\n\t./cmd/api // the server\n\t./lib\n)\nuse ./tools\n\nreplace example.com/x => ./third_party/x\nreplace example.com/y v1.0.0 => example.com/z v1.1.0\n',
    'cmd/api/go.mod': 'module example.com/api\n',
    'lib/go.mod': 'module example.com/lib\n',
    'crates/core/Cargo.toml': '[package]\nname = "core"\n',
    'crates/cli/Cargo.toml': '[package]\nname = "cli"\n',
  });
  expect(readGoWork(ctx, '')).toEqual({ state: 'ok', use: ['./cmd/api', './lib', './tools'], localReplaces: ['./third_party/x'] });
  expect(expandMembers(ctx, '', ['./cmd/api', './lib', './tools'], 'go.mod')).toEqual({ state: 'ok', members: ['cmd/api', 'lib'], missing: ['tools'], unmatched: [], outside: [] });
  expect(expandMembers(ctx, '', ['crates/*'], 'Cargo.toml')).toEqual({ state: 'ok', members: ['crates/cli', 'crates/core'], missing: [], unmatched: [], outside: [] });
  expect(readGoWork(memoryContext({ 'go.work': 'use "./a b"\n' }), '').state).toBe('unknown');
});

test('requirements: nested includes relative to the including file, local entries', () => {
  const ctx = memoryContext({
    'requirements.txt': '# app\n-r requirements/base.txt\n-c constraints.txt\ndjango>=4 ; python_version > "3.8"\nrequests @ https://x/y.whl\n',
    'requirements/base.txt': '-r common.txt\nflask\n',
    'requirements/common.txt': 'click\n',
    'constraints.txt': 'click<9\n',
    'dev.txt': '-e .\n./libs/shared\npkg @ file:///wheels/pkg.whl\n-f ./wheels\n',
    'var.txt': '-r ${REQ}\n',
    'unread.txt': null,
  });
  const r = readRequirements(ctx, 'requirements.txt');
  expect(r).toEqual({ state: 'ok', files: ['requirements.txt', 'requirements/base.txt', 'requirements/common.txt', 'constraints.txt'], needsSource: [] });
  const d = readRequirements(ctx, 'dev.txt');
  expect(d.state === 'ok' && d.needsSource.length).toBe(4);
  expect(readRequirements(ctx, 'var.txt').state).toBe('unknown');
  expect(readRequirements(ctx, 'unread.txt').state).toBe('unknown');
  expect(readRequirements(ctx, 'none.txt').state).toBe('missing');
});

test('isLocalRequirement', () => {
  for (const s of ['.', './x', '../x', '/abs/x', 'x.whl', 'dist/x-1.0.tar.gz', 'pkg @ file:///x', 'file:x', 'libs/shared']) expect([s, isLocalRequirement(s)]).toEqual([s, true]);
  for (const s of ['django', 'django>=4', 'requests[socks]==2', 'git+https://github.com/a/b', 'https://x/y.whl', 'pkg @ https://x/y.whl', 'x; sys_platform == "linux"']) expect([s, isLocalRequirement(s)]).toEqual([s, false]);
});

test('pyproject: poetry package mode and path deps, PEP 621, uv', () => {
  const ctx = memoryContext({
    'pyproject.toml': [
      '[project]',
      'name = "app"',
      'dynamic = ["version"]',
      'dependencies = [',
      '  "fastapi>=0.1",',
      '  "shared @ file:///src/shared",',
      ']',
      '',
      '[tool.poetry]',
      'package-mode = false',
      '',
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'mylib = { path = "../mylib", develop = true }',
      '',
      '[tool.poetry.group.dev.dependencies.other]',
      'path = "libs/other"',
      '',
      '[tool.uv]',
      'package = false',
      '',
      '[tool.uv.sources]',
      'shared = { path = "libs/shared" }',
      'member = { workspace = true }',
      'remote = { git = "https://x" }',
      '',
      '[build-system]',
      'requires = ["hatchling"]',
    ].join('\n'),
    'poetry.toml': '[virtualenvs]\nin-project = true\n',
  });
  const p = readPyproject(ctx, '');
  expect(p).toEqual({
    state: 'ok',
    buildSystem: true,
    dynamic: ['version'],
    poetry: true,
    poetryPackageMode: false,
    poetryPathDeps: ['mylib', 'other'],
    fileDeps: ['shared @ file:///src/shared'],
    uvPackage: false,
    uvWorkspace: false,
    uvLocalSources: ['shared', 'member'],
  });
  expect(readPoetryToml(ctx, '')).toEqual({ state: 'ok', inProject: true });
});

test('Pipfile, go.mod, Gemfile, composer.json, csproj, pom.xml', () => {
  const ctx = memoryContext({
    Pipfile: '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\nflask = "*"\nmine = {path = ".", editable = true}\n',
    'go.mod': 'module x\n\ngo 1.22\n\nreplace example.com/a => ./a\nreplace (\n\texample.com/b v1.0.0 => ../b\n\texample.com/c => example.com/d v1.2.0\n)\n',
    Gemfile: 'source "https://rubygems.org"\nruby file: ".ruby-version"\ngem "rails"\ngem "mine", path: "vendor/mine"\ngemspec\n',
    'composer.json': JSON.stringify({ scripts: { 'post-install-cmd': ['@php artisan x'], test: 'phpunit' }, repositories: [{ type: 'path', url: 'packages/*' }], autoload: { classmap: ['database/'] }, config: { 'allow-plugins': { 'symfony/flex': true } } }),
    'App.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="..\\Lib\\Lib.csproj" /><PackageReference Include="X" Version="1" /></ItemGroup><Import Project="build/common.props" /></Project>',
    'pom.xml': '<project><parent><artifactId>p</artifactId></parent><modules><module>core</module><!-- <module>old</module> --></modules><dependency><systemPath>${project.basedir}/lib/x.jar</systemPath></dependency></project>',
  });
  expect(readPipfile(ctx, '')).toEqual({ state: 'ok', localPackages: ['mine'] });
  expect(readGoMod(ctx, '')).toEqual({ state: 'ok', localReplaces: ['./a', '../b'] });
  const g = readGemfile(ctx, '');
  expect(g.state === 'ok' && g.reads).toEqual(['.ruby-version']);
  expect(g.state === 'ok' && g.needsSource.length).toBe(2);
  expect(readComposerJson(ctx, '')).toEqual({ state: 'ok', scripts: ['post-install-cmd'], pathRepositories: ['packages/*'], classmap: true, pluginsAllowed: true });
  expect(readProjectFile(ctx, 'App.csproj')).toEqual({ state: 'ok', projectReferences: ['..\\Lib\\Lib.csproj'], imports: ['build/common.props'] });
  expect(readPom(ctx, '')).toEqual({ state: 'ok', modules: ['core'], parentRelativePath: '../pom.xml', systemPaths: ['${project.basedir}/lib/x.jar'] });
});

test('a names-only context: files exist but cannot be read', () => {
  const ctx = memoryContext({ 'package.json': null, 'requirements.txt': null, 'src/': null }, { dockerignore: 'node_modules\n' });
  expect(readPackageJson(ctx, '').state).toBe('unknown');
  expect(readRequirements(ctx, 'requirements.txt').state).toBe('unknown');
  expect(ctx.exists('src')).toBe(true);
  expect(ctx.list('src')).toBeNull();
  expect(ctx.ignored('node_modules')).toBe(true);
  expect(ctx.list('')).toEqual(['package.json', 'requirements.txt', 'src']);
});

test('npm lock: packages with install scripts, unknown for a version 1 lock', () => {
  const ctx = memoryContext({
    'c/package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'c' }, 'node_modules/esbuild': { hasInstallScript: true }, 'node_modules/a/node_modules/core-js': { hasInstallScript: true }, 'node_modules/ms': {} } }),
    'old/package-lock.json': JSON.stringify({ lockfileVersion: 1, dependencies: {} }),
  });
  const r = readNpmLockInstallScripts(ctx, 'c');
  expect(r.state === 'ok' && r.packages).toEqual(['esbuild', 'core-js']);
  expect(readNpmLockInstallScripts(ctx, 'old').state).toBe('unknown');
  expect(readNpmLockInstallScripts(ctx, 'none').state).toBe('missing');
});
