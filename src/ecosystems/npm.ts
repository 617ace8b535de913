/**
 * npm. Sources: buildkit-semantics.md §3.2 "npm" [npm-config: cache default `~/.npm`,
 * `npm_config_cache`; node-image: user `node` 1000:1000 `/home/node`], §4 table [npm-ci,
 * npm-scripts]. npm reads `npm_config_*` environment variables case-insensitively
 * (npm docs "config": "Environment variables").
 */
import type { CommandView, Ecosystem, RunEnvironment } from './types.js';
import { absPath, flagValue, isLocalPath, join, offlineWhen, positionals, truthy, unwrap } from './util.js';

export const VALUE_FLAGS = ['--cache', '--prefix', '--registry', '-w', '--workspace', '--omit', '--include', '--userconfig', '--globalconfig', '--loglevel', '--install-strategy', '--tag', '--location'];
const INSTALLS = new Set(['ci', 'clean-install', 'install', 'i', 'add', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'update', 'up', 'upgrade', 'install-clean', 'install-ci-test', 'install-test', 'it', 'cit', 'exec', 'x', 'pack', 'rebuild']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'npm' || u.name === 'npx' ? u : null;
}

/** `npm_config_cache` in any letter case (npm lower-cases the names). */
export function npmEnv(env: RunEnvironment, key: string): string | undefined {
  let found: string | undefined;
  for (const [k, v] of env.env) if (k.toLowerCase() === `npm_config_${key}`) found = v;
  return found;
}

/**
 * `npm … --prefix <dir>`: npm runs a non-global command in `<dir>` as if it were started there
 * (npm docs "config", `prefix`: "If set on the command line, then it forces non-global commands
 * to run in the specified folder"). Returns the folder as written and the command without the
 * flag; null when the command has no `--prefix` (or is global, or the value is dynamic).
 */
export function localPrefix(cmd: CommandView): { dir: string; view: CommandView } | null {
  const u = view(cmd);
  if (!u || u.name !== 'npm') return null;
  if (u.args.some((a) => a === '-g' || a === '--global' || a === '--location=global')) return null;
  const i = u.args.findIndex((a) => a === '--prefix' || (a !== null && a.startsWith('--prefix=')));
  if (i === -1 || u.args.findIndex((a, k) => k > i && a !== null && (a === '--prefix' || a.startsWith('--prefix='))) !== -1) return null;
  const a = u.args[i]!;
  const dir = a === '--prefix' ? u.args[i + 1] : a.slice('--prefix='.length);
  if (dir === null || dir === undefined || dir === '' || dir.includes('$')) return null;
  return { dir, view: { ...u, args: [...u.args.slice(0, i), ...u.args.slice(i + (a === '--prefix' ? 2 : 1))] } };
}

const npm: Ecosystem = {
  id: 'npm',
  label: 'npm',
  kind: 'cache',
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    if (u.name === 'npx') return true;
    const s = positionals(u.args, VALUE_FLAGS)[0];
    return s !== undefined && s !== null && INSTALLS.has(s) && s !== 'rebuild';
  },
  // `--offline` (or the `offline` config): only what ~/.npm already holds.
  offline(cmd, env) {
    const u = view(cmd);
    if (!u) return null;
    const byFlag = offlineWhen(u.args, env, 'all', ['--offline']);
    if (byFlag) return byFlag;
    const v = npmEnv(env, 'offline');
    if (truthy(v)) return { needs: 'all', why: `the npm \`offline\` setting (${v})` };
    // The project's .npmrc (the context root's, as copied).
    return /^\s*offline\s*=\s*true\s*$/m.test(env.context?.read('.npmrc') ?? '') ? { needs: 'all', why: '`offline=true` in .npmrc' } : null;
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const flag = flagValue(u.args, ['--cache']);
    const set = flag !== undefined ? flag : npmEnv(env, 'cache');
    if (set !== undefined) {
      const t = absPath(set, env.home);
      return t ? { targets: [{ target: t }] } : { skip: 'the npm cache path is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    if (!env.home) return { skip: "the user's home folder is unknown" };
    return { targets: [{ target: join(env.home, '.npm') }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    const u = view(cmd);
    if (!u || u.name !== 'npm') return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p[0] === 'cache' && (p[1] === 'clean' || p[1] === 'rm' || p[1] === 'clear');
  },
  manifests: { required: ['package.json'], optional: ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u || u.name !== 'npm') return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p.slice(1).some((a) => a === null || isLocalPath(a));
  },
  sources: ['buildkit-semantics.md §3.2 npm, §4', 'docs.npmjs.com/cli/using-npm/config (cache, environment variables)'],
};

export default npm;
