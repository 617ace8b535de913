/**
 * apk (Alpine). Sources: buildkit-semantics.md §3.2 "apk" [apk-cache5; apk 2.8 usage
 * (`--cache-dir`, `--no-cache`); fluentd PR #66 (meaning of `--no-cache`)].
 *
 * apk keeps package files only when a cache dir is enabled: `/etc/apk/cache` symlink (lands
 * in the image) or `--cache-dir DIR` (only this command). The index (`APKINDEX`) is stored in
 * `/var/cache/apk`, so the mount also hides an index an earlier step left in the image.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, flagValue, hasFlag, imageRepo, imageTag, offlineWhen, positionals, unwrap } from './util.js';

const VALUE_FLAGS = ['-X', '--repository', '-p', '--root', '--cache-dir', '--arch', '-t', '--virtual', '--keys-dir', '--repositories-file', '--cache-max-age', '--timeout'];
const INSTALLS = new Set(['add', 'upgrade', 'fix', 'update', 'fetch']);
export const APK_CACHE = '/var/cache/apk';

function sub(cmd: CommandView): string | null {
  return positionals(unwrap(cmd).args, VALUE_FLAGS)[0] ?? null;
}

/** `alpine:3.7`, `node:8-alpine3.6`, `python:3.12-alpine3.20` → [3, N]; null when the tag does not say. */
export function alpineVersion(baseImage: string): [number, number] | null {
  const repo = imageRepo(baseImage);
  const tag = imageTag(baseImage);
  let m = /alpine(\d+)\.(\d+)/.exec(tag);
  if (!m && (repo === 'alpine' || repo.endsWith('/alpine'))) m = /^v?(\d+)\.(\d+)/.exec(tag);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

const apk: Ecosystem = {
  id: 'apk',
  label: 'apk',
  kind: 'cache',
  matches: (cmd) => unwrap(cmd).name === 'apk',
  isInstall(cmd) {
    if (unwrap(cmd).name !== 'apk') return false;
    const s = sub(cmd);
    return s !== null && INSTALLS.has(s);
  },
  // `--no-network`: only what the cache already holds.
  offline: (cmd, env) => (unwrap(cmd).name === 'apk' ? offlineWhen(unwrap(cmd).args, env, 'all', ['--no-network']) : null),
  refreshesIndex(cmd) {
    if (unwrap(cmd).name !== 'apk') return false;
    const { args } = unwrap(cmd);
    // `--no-cache` fetches the index on the fly; `-U`/`--update-cache` (`--update`) refresh it first.
    if (sub(cmd) === 'update') return 'only';
    return hasFlag(args, ['--no-cache', '-U', '--update-cache', '--update']);
  },
  cacheTargets(cmd, env) {
    const { args } = unwrap(cmd);
    const v = alpineVersion(env.baseImage);
    // `--cache-dir` is listed by apk 2.8's usage (semantics §3.2); older Alpine releases are not shown to have it.
    if (v && (v[0] < 3 || (v[0] === 3 && v[1] < 8))) return { skip: `Alpine ${v.join('.')} ships an apk too old to be shown to support \`--cache-dir\`` };
    const dir = flagValue(args, ['--cache-dir']);
    if (dir !== undefined && absPath(dir) !== APK_CACHE) {
      return { skip: 'the command sets its own `--cache-dir`' };
    }
    if (hasFlag(args, ['-p', '--root'])) return { skip: 'the command installs into another root (`--root`)' };
    return { targets: [{ target: APK_CACHE, sharing: 'locked', index: true }] };
  },
  cacheDisablingFlags: ['--no-cache'],
  cacheDisablingEnv: [],
  rewriteArgs(cmd) {
    const { args } = cmd;
    if (sub(cmd) === 'update') return null;
    const at = args.map((a, i) => (a === '--no-cache' ? i : -1)).filter((i) => i >= 0);
    const hadNoCache = at.length > 0;
    // `--no-cache` both refreshed the index and kept nothing: keep the refresh (`--update-cache`)
    // so the same package versions are chosen, and keep the files in the mounted dir only.
    const words: string[] = [];
    if (hadNoCache && !hasFlag(args, ['-U', '--update-cache', '--update'])) words.push('--update-cache');
    if (!hasFlag(args, ['--cache-dir'])) words.push('--cache-dir', APK_CACHE);
    if (!hadNoCache && !words.length) return null;
    return {
      replace: hadNoCache ? at.map((index, k) => ({ index, words: k === 0 ? words : [] })) : [],
      insertAfterName: hadNoCache ? [] : words,
      reason: hadNoCache
        ? '`--no-cache` (which stores nothing) became `--update-cache --cache-dir /var/cache/apk`: the index is still fetched fresh, and downloaded packages are kept only in the cache mount, so the image is the same'
        : '`--cache-dir /var/cache/apk` keeps downloaded packages in the cache mount (apk keeps none unless a cache dir is set)',
    };
  },
  isCachePurge(cmd) {
    const u = unwrap(cmd);
    if (u.name !== 'apk') return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p[0] === 'cache' && (p[1] === 'clean' || p[1] === 'purge');
  },
  sources: ['buildkit-semantics.md §3.2 apk', 'apk-cache(5), apk-cache(8) (alpinelinux/apk-tools doc/)'],
};

export default apk;
