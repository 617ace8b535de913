/**
 * Ecosystem.offline: which commands download nothing, and what they need to find in place.
 * The transform's cross-step rule rests on these answers (docs/cache-mounts.md, "Offline steps").
 */
import { ECOSYSTEMS } from '../../src/ecosystems/index.js';
import type { CommandView, RunEnvironment } from '../../src/ecosystems/types.js';
import { parseShell } from '../../src/shell/index.js';

function view(text: string): CommandView {
  const r = parseShell(text, '\\');
  if (!r.ok) throw new Error(text);
  const c = r.script.commands[0];
  return { name: c.name?.value ?? '', args: c.args.map((a) => a.value), assignments: c.assignments.map((a) => ({ name: a.name, value: a.value?.value ?? null })) };
}

function env(vars: Record<string, string> = {}, cmd?: CommandView): RunEnvironment {
  const e = new Map(Object.entries(vars));
  for (const a of cmd?.assignments ?? []) if (a.value !== null) e.set(a.name, a.value);
  return { env: e, home: '/root', root: true, workdir: '/app', baseImage: 'debian:bookworm' };
}

function offline(text: string, vars: Record<string, string> = {}): string | null {
  const c = view(text);
  const eco = ECOSYSTEMS.find((e) => e.matches(c, env(vars, c)));
  if (!eco) throw new Error(`no ecosystem for ${text}`);
  const o = eco.offline?.(c, env(vars, c)) ?? null;
  return o ? `${eco.id}:${o.needs} ${o.why}` : null;
}

test.each([
  ['mvn -B -o package', 'maven:all `-o`'],
  ['./mvnw --offline verify', 'maven:all `--offline`'],
  ['dotnet publish -c Release -o /app --no-restore', 'dotnet:all `--no-restore`'],
  ['pnpm install -r --offline --prod', 'pnpm:all `--offline`'],
  ['cargo build --release --frozen', 'cargo:all `--frozen`'],
  ['cargo build --offline', 'cargo:all `--offline`'],
  ['gradle build --offline --no-daemon', 'gradle:all `--offline`'],
  ['GOFLAGS=-mod=mod GOPROXY=off go build ./...', 'go:all `GOPROXY=off`'],
  ['go build -mod=vendor -o /app .', 'go:none `-mod=vendor`'],
  ['apt-get install -y --no-download jq', 'apt:all `--no-download`'],
  ['apk add --no-network .rundeps', 'apk:all `--no-network`'],
  ['dnf -C install -y vim', 'dnf:all `-C`'],
  ['pip install --no-index --find-links /wheels -r requirements.txt', 'pip:none `--no-index`'],
  ['npm ci --offline', 'npm:all `--offline`'],
  ['yarn install --offline --frozen-lockfile', 'yarn:all `--offline`'],
  ['uv sync --offline', 'uv:all `--offline`'],
  ['conda install --offline numpy', 'conda:all `--offline`'],
  ['bundle install --local', 'bundler:all `--local`'],
])('%s downloads nothing', (text, want) => {
  expect(offline(text)).toBe(want);
});

test('offline settings in the environment count', () => {
  expect(offline('cargo build', { CARGO_NET_OFFLINE: 'true' })).toBe('cargo:all `CARGO_NET_OFFLINE=true`');
  expect(offline('uv sync', { UV_OFFLINE: '1' })).toBe('uv:all `UV_OFFLINE=1`');
  expect(offline('npm ci', { npm_config_offline: 'true' })).toBe('npm:all the npm `offline` setting (true)');
  expect(offline('composer install', { COMPOSER_DISABLE_NETWORK: '1' })).toBe('composer:all `COMPOSER_DISABLE_NETWORK=1`');
  expect(offline('go build ./...', { GOPROXY: 'off' })).toBe('go:all `GOPROXY=off`');
});

test.each([
  'mvn -B dependency:go-offline',
  'mvn -B package',
  'dotnet restore Api.csproj',
  'dotnet publish -c Release',
  'pnpm fetch --prod',
  'pnpm install --prefer-offline',
  'cargo fetch',
  'cargo build --locked --release',
  'gradle dependencies',
  'go mod download',
  'go build -o /app .',
  'apt-get install -y --download-only jq',
  'apt-get install -y jq',
  'pip install -r requirements.txt',
  'npm ci',
  'npm install --prefer-offline',
])('%s downloads what it lacks', (text) => {
  expect(offline(text)).toBeNull();
});

test('offline settings in the project config count', () => {
  const withFile = (name: string, text: string): RunEnvironment => ({ ...env(), context: { exists: (r) => r === name, read: (r) => (r === name ? text : null) } });
  const ask = (cmdText: string, e: RunEnvironment) => {
    const c = view(cmdText);
    const eco = ECOSYSTEMS.find((x) => x.matches(c, e))!;
    const o = eco.offline?.(c, e) ?? null;
    return o ? `${o.needs} ${o.why}` : null;
  };
  expect(ask('cargo build --release', withFile('.cargo/config.toml', '[build]\njobs = 2\n[net]\noffline = true\n'))).toBe('all `offline = true` in .cargo/config.toml');
  expect(ask('cargo build --release', withFile('.cargo/config.toml', '[net]\nretry = 3\n'))).toBeNull();
  expect(ask('npm ci', withFile('.npmrc', 'registry=https://r.example/\noffline=true\n'))).toBe('all `offline=true` in .npmrc');
  expect(ask('dotnet test --no-build', env())).toBe('all `--no-build`');
});
