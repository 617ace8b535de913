import { memoryContext } from '../../src/context/memory.js';
import { depsRole, type DepsRole } from '../../src/ecosystems/deps-only.js';
import { ecosystemOf, findEcosystem } from '../../src/ecosystems/index.js';
import type { RunEnvironment } from '../../src/ecosystems/types.js';
import type { BuildContextInfo } from '../../src/core/transform.js';

function role(line: string, ctx?: BuildContextInfo, env: Record<string, string> = {}): DepsRole | null {
  const [name, ...args] = line.split(/\s+/);
  const view = { name, args };
  const runEnv: RunEnvironment = { env: new Map(Object.entries(env)), home: '/root', root: true, workdir: '/app', baseImage: 'node:20', context: ctx };
  const eco = ecosystemOf(view, runEnv);
  if (!eco) throw new Error(`no ecosystem for ${line}`);
  return depsRole(eco, view, runEnv, { ctx, dir: '', venvs: [] });
}

const kind = (r: DepsRole | null) => r?.role;

test('commands that read no project file are independent', () => {
  for (const c of ['npm install -g pnpm@9', 'npm config set fund false', 'pip install --upgrade pip setuptools', 'go install golang.org/x/tools/cmd/goimports@v0.20.0', 'yarn global add serve', 'composer global require x/y', 'cargo install ripgrep', 'dotnet tool install -g dotnet-ef']) {
    expect([c, kind(role(c))]).toEqual([c, 'independent']);
  }
});

test('commands that use the project or change its manifests read the source', () => {
  for (const c of ['npm run build', 'npm install express', 'yarn add lodash', 'pnpm add zod', 'go build ./...', 'mvn -B package', 'gradle build', 'cargo fetch', 'dotnet publish -c Release', 'poetry run pytest', 'pipenv install requests', 'bundle exec rake', 'composer require x/y']) {
    expect([c, kind(role(c))]).toEqual([c, 'reads-source']);
  }
});

test('deps-only installs list their manifests', () => {
  const r = role('npm ci --omit=dev');
  expect(r?.role).toBe('install');
  if (r?.role !== 'install') return;
  expect(r.plan.manifests.map((m) => m.path)).toEqual(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', '.npmrc']);
  expect(r.plan.outputs).toEqual(['node_modules']);
  // No context: nothing about package.json can be shown.
  expect(r.plan.unverified.length).toBeGreaterThan(0);
});

test('npm: lifecycle scripts, --ignore-scripts and .npmrc ignore-scripts', () => {
  const withScript = memoryContext({ 'package.json': JSON.stringify({ scripts: { postinstall: 'node x.js' } }), 'package-lock.json': '{}' });
  const a = role('npm ci', withScript);
  expect(a?.role === 'install' && a.plan.unverified.some((u) => u.includes('postinstall'))).toBe(true);
  const b = role('npm ci --ignore-scripts', withScript);
  expect(b?.role === 'install' && b.plan.unverified).toEqual([]);
  const rc = memoryContext({ 'package.json': JSON.stringify({ scripts: { prepare: 'husky' } }), '.npmrc': 'ignore-scripts=true\n' });
  const c = role('npm ci', rc);
  expect(c?.role === 'install' && c.plan.unverified).toEqual([]);
});

test('lock rewrites: npm install with and without a lock file', () => {
  const withLock = memoryContext({ 'package.json': '{}', 'package-lock.json': '{}' });
  const a = role('npm install', withLock);
  expect(a?.role === 'install' && a.plan.unverified.some((u) => u.includes('may rewrite package-lock.json'))).toBe(true);
  const noLock = memoryContext({ 'package.json': '{}' });
  const b = role('npm install', noLock);
  expect(b?.role === 'install' && b.plan.unverified).toEqual([]);
});

test('pip: requirement files, local entries, editable installs', () => {
  const ctx = memoryContext({ 'requirements.txt': '-r base.txt\nflask\n', 'base.txt': 'click\n', 'dev.txt': '-e .\n' });
  const a = role('pip install -r requirements.txt gunicorn', ctx);
  expect(a?.role === 'install' && a.plan.manifests.map((m) => m.path)).toEqual(['requirements.txt', 'base.txt']);
  const b = role('pip install -r dev.txt', ctx);
  expect(b?.role === 'install' && b.plan.needsSource.length).toBe(1);
  const c = role('pip install .', ctx);
  expect(c?.role === 'install' && c.plan.needsSource).toEqual(['`.` is a local path']);
});

test('poetry and uv install the project unless told not to', () => {
  const ctx = memoryContext({ 'pyproject.toml': '[tool.poetry]\nname = "x"\n\n[project]\nname = "x"\n\n[build-system]\nrequires = ["poetry-core"]\n', 'poetry.lock': '', 'uv.lock': '' });
  const p = role('poetry install --only main', ctx);
  expect(p?.role === 'install' && p.plan.needsSource.length).toBe(1);
  const q = role('poetry install --no-root --only main', ctx);
  expect(q?.role === 'install' && q.plan.needsSource).toEqual([]);
  const u = role('uv sync --locked', ctx);
  expect(u?.role === 'install' && u.plan.needsSource.length).toBe(1);
  const v = role('uv sync --locked --no-install-project', ctx);
  expect(v?.role === 'install' && v.plan.needsSource).toEqual([]);
});

test('go mod download copies the go.mod of local replace targets', () => {
  const ctx = memoryContext({ 'go.mod': 'module x\nreplace y => ./y\n', 'go.sum': '', 'y/go.mod': 'module y\n' });
  const r = role('go mod download', ctx);
  expect(r?.role === 'install' && r.plan.manifests.map((m) => m.path)).toEqual(['go.mod', 'go.sum', 'y/go.mod']);
});

test('module manifest facts the split relies on', () => {
  const m = (id: string) => findEcosystem(id)!.manifests!;
  // Folders copied whole are marked with a trailing slash.
  expect(m('maven').optional).toContain('.mvn/');
  expect(m('yarn-berry').optional).toEqual(expect.arrayContaining(['.yarn/releases/', '.yarn/plugins/', '.yarn/patches/']));
  // Files the install reads besides the obvious ones.
  expect(m('composer').optional).toContain('symfony.lock');
  expect(m('bun').optional).toContain('.npmrc');
  expect(m('uv').optional).toContain('uv.toml');
  const r = role('mvn -B dependency:go-offline', memoryContext({ 'pom.xml': '<project/>', '.mvn/maven.config': '-B' }));
  expect(r?.role === 'install' && r.plan.manifests).toEqual([
    { path: 'pom.xml', required: true },
    { path: '.mvn', required: false, dir: true },
  ]);
});

test('flag tables: boolean flags do not take the next word', async () => {
  const { VALUE_FLAGS: pnpmFlags } = await import('../../src/ecosystems/pnpm.js');
  const { VALUE_FLAGS: poetryFlags } = await import('../../src/ecosystems/poetry.js');
  expect(pnpmFlags).not.toContain('--prod');
  expect(poetryFlags).not.toContain('--sync');
  // `pnpm install --prod` and `poetry install --sync --no-root` are installs of the project.
  expect(role('pnpm install --prod --frozen-lockfile')?.role).toBe('install');
  expect(role('poetry install --sync --no-root')?.role).toBe('install');
});
