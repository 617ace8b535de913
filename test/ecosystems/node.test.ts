import npm, { localPrefix } from '../../src/ecosystems/npm.js';
import { yarnBerryEcosystem as berry, yarnClassic as yarn, yarnBerry } from '../../src/ecosystems/yarn.js';
import pnpm from '../../src/ecosystems/pnpm.js';
import bun from '../../src/ecosystems/bun.js';
import { cmd, context, env, skipped, targets } from './helpers.js';

describe('npm', () => {
  test('installs, targets, purges', () => {
    expect(npm.isInstall(cmd('npm ci --omit=dev'))).toBe(true);
    expect(npm.isInstall(cmd('npm install -g pnpm'))).toBe(true);
    expect(npm.isInstall(cmd('npm run build'))).toBe(false);
    expect(targets(npm.cacheTargets(cmd('npm ci'), env()))).toEqual(['/root/.npm']);
    expect(targets(npm.cacheTargets(cmd('npm ci'), env({ NPM_CONFIG_CACHE: '/nc' })))).toEqual(['/nc']);
    expect(targets(npm.cacheTargets(cmd('npm ci'), env({ npm_config_cache: '/nc2' })))).toEqual(['/nc2']);
    expect(targets(npm.cacheTargets(cmd('npm ci --cache /c'), env()))).toEqual(['/c']);
    expect(targets(npm.cacheTargets(cmd('npm ci'), env({}, { home: '/home/node', root: false })))).toEqual(['/home/node/.npm']);
    expect(npm.isCachePurge(cmd('npm cache clean --force'), env())).toBe(true);
    expect(npm.needsSource!(cmd('npm install ./lib'))).toBe(true);
    expect(npm.needsSource!(cmd('npm ci'))).toBe(false);
  });

  test('--prefix on a local command is a folder change', () => {
    expect(localPrefix(cmd('npm ci --prefix /app --omit=dev'))).toEqual({ dir: '/app', view: { name: 'npm', args: ['ci', '--omit=dev'], assignments: [] } });
    expect(localPrefix(cmd('npm --prefix=client install'))?.dir).toBe('client');
    expect(localPrefix(cmd('npm install -g --prefix /usr/local pnpm'))).toBeNull();
    expect(localPrefix(cmd('npm ci --prefix $APP'))).toBeNull();
    expect(localPrefix(cmd('npm ci --prefix a --prefix b'))).toBeNull();
    expect(localPrefix(cmd('npm ci'))).toBeNull();
    expect(localPrefix(cmd('yarn install --prefix x'))).toBeNull();
  });
});

describe('yarn', () => {
  test('classic targets', () => {
    expect(yarn.isInstall(cmd('yarn'))).toBe(true);
    expect(yarn.isInstall(cmd('yarn install --frozen-lockfile'))).toBe(true);
    expect(yarn.isInstall(cmd('yarn build'))).toBe(false);
    expect(yarn.isInstall(cmd('yarn --version'))).toBe(false);
    expect(yarn.isInstall(cmd('yarn --frozen-lockfile'))).toBe(true);
    expect(targets(yarn.cacheTargets(cmd('yarn install'), env()))).toEqual(['/usr/local/share/.cache/yarn,locked']);
    expect(targets(yarn.cacheTargets(cmd('yarn install'), env({}, { home: '/home/node', root: false })))).toEqual(['/home/node/.cache/yarn,locked']);
    expect(targets(yarn.cacheTargets(cmd('yarn install'), env({ YARN_CACHE_FOLDER: '/yc' })))).toEqual(['/yc,locked']);
    expect(yarn.isCachePurge(cmd('yarn cache clean'), env())).toBe(true);
  });
  test('classic or berry', () => {
    expect(yarnBerry(env())).toBeNull();
    expect(yarnBerry(env(), cmd('yarn install --immutable'))).toBe(true);
    expect(yarnBerry(env({}, { context: context({ '.yarnrc.yml': 'nodeLinker: node-modules\n' }) }))).toBe(true);
    expect(yarnBerry(env({}, { context: context({ 'package.json': '{"packageManager": "yarn@1.22.22"}' }) }))).toBe(false);
    expect(yarnBerry(env({}, { previousCommands: [cmd('yarn set version 4.3.1')] }))).toBe(true);
    expect(yarnBerry(env({}, { previousCommands: [cmd('corepack prepare yarn@stable --activate')] }))).toBe(true);
    expect(yarnBerry(env({}, { previousCommands: [cmd('corepack prepare yarn@1.22.19 --activate')] }))).toBe(false);
    expect(yarnBerry(env({}, { previousCommands: [cmd('corepack prepare yarn@4.1.0 --activate')] }))).toBe(true);
    expect(yarn.matches(cmd('yarn install --immutable'), env())).toBe(false);
    expect(berry.matches(cmd('yarn install --immutable'), env())).toBe(true);
  });
  test('berry mounts only with the node-modules linker', () => {
    const pnp = env({}, { context: context({ '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.cjs\n' }) });
    expect(skipped(berry.cacheTargets(cmd('yarn install'), pnp))).toBe(true);
    const nm = env({}, { context: context({ '.yarnrc.yml': 'nodeLinker: node-modules\n' }) });
    expect(targets(berry.cacheTargets(cmd('yarn install'), nm))).toEqual(['/root/.yarn/berry/cache,locked']);
    const local = env({}, { context: context({ '.yarnrc.yml': 'nodeLinker: node-modules\nenableGlobalCache: false\n' }) });
    expect(skipped(berry.cacheTargets(cmd('yarn install'), local))).toBe(true);
  });
});

describe('pnpm', () => {
  test('store location', () => {
    expect(pnpm.isInstall(cmd('pnpm install --frozen-lockfile'))).toBe(true);
    expect(pnpm.isInstall(cmd('pnpm fetch --prod'))).toBe(true);
    expect(pnpm.isInstall(cmd('pnpm run build'))).toBe(false);
    expect(targets(pnpm.cacheTargets(cmd('pnpm i'), env({ PNPM_HOME: '/pnpm' })))).toEqual(['/pnpm/store']);
    expect(targets(pnpm.cacheTargets(cmd('pnpm i'), env()))).toEqual(['/root/.local/share/pnpm/store']);
    expect(targets(pnpm.cacheTargets(cmd('pnpm i --store-dir /s'), env()))).toEqual(['/s']);
    expect(pnpm.isCachePurge(cmd('pnpm store prune'), env())).toBe(true);
  });
});

describe('bun', () => {
  test('cache location and defeats', () => {
    expect(bun.isInstall(cmd('bun install --frozen-lockfile'))).toBe(true);
    expect(targets(bun.cacheTargets(cmd('bun install'), env()))).toEqual(['/root/.bun/install/cache']);
    expect(targets(bun.cacheTargets(cmd('bun install'), env({ BUN_INSTALL_CACHE_DIR: '/bc' })))).toEqual(['/bc']);
    expect(bun.cacheDisablingFlags).toContain('--no-cache');
  });
});
