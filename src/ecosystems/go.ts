/**
 * Go modules and build cache. Sources: buildkit-semantics.md §3.2 "Go" [golang-image:
 * `GOPATH=/go`, `$GOPATH` mode 1777; `GOMODCACHE` defaults to `$GOPATH/pkg/mod`, `GOPATH`
 * defaults to `~/go`; go-help-cache: `GOCACHE` defaults to `<user cache dir>/go-build`;
 * DD-opt], §4 table.
 *
 * A `store`: later `go build` steps read the modules a `go mod download` step fetched, so
 * every `go` step of the stage chain must get the same mount (the transform checks).
 */
import type { CommandView, Ecosystem, RunEnvironment } from './types.js';
import { absPath, envOf, join, positionals, unwrap, userCacheDir } from './util.js';

export const VALUE_FLAGS = ['-o', '-C', '-p', '-tags', '-ldflags', '-gcflags', '-asmflags', '-mod', '-modfile', '-pkgdir', '-buildmode', '-compiler', '-installsuffix', '-overlay', '-pgo', '-run', '-bench', '-count', '-timeout', '-coverprofile', '-exec', '-toolexec'];
const BUILDS = new Set(['build', 'install', 'test', 'run', 'vet', 'get', 'generate', 'list', 'tool']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'go' ? u : null;
}

function subs(u: CommandView): (string | null)[] {
  return positionals(u.args, VALUE_FLAGS);
}

function modCache(env: RunEnvironment): string | null {
  const m = envOf(env, 'GOMODCACHE');
  if (m !== undefined) return absPath(m);
  const gopath = envOf(env, 'GOPATH');
  if (gopath !== undefined) return absPath(join(gopath.split(':')[0], 'pkg/mod'));
  return env.home ? join(env.home, 'go/pkg/mod') : null;
}

function buildCache(env: RunEnvironment): string | null | 'off' {
  const c = envOf(env, 'GOCACHE');
  if (c === 'off') return 'off';
  if (c !== undefined) return absPath(c);
  const base = userCacheDir(env);
  return base ? join(base, 'go-build') : null;
}

/** `-mod=vendor` (flag or GOFLAGS): no module downloads, the vendor folder is used. */
function vendored(u: CommandView, env: RunEnvironment): boolean {
  return u.args.includes('-mod=vendor') || /(^|\s)-mod=vendor(\s|$)/.test(envOf(env, 'GOFLAGS') ?? '');
}

const go: Ecosystem = {
  id: 'go',
  label: 'Go',
  kind: 'store',
  runtimeCommands: ['go'],
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = subs(u);
    if (p[0] === 'mod') return p[1] === 'download' || p[1] === 'tidy' || p[1] === 'vendor' || p[1] === 'verify';
    return BUILDS.has(p[0] ?? '');
  },
  // `-mod=vendor`: modules come from vendor/, none is downloaded. `GOPROXY=off` (or
  // `GOFLAGS=-mod=mod` with it): only modules already in the module cache.
  offline(cmd, env) {
    const u = view(cmd);
    if (!u) return null;
    if (vendored(u, env)) return { needs: 'none', why: '`-mod=vendor`' };
    if ((envOf(env, 'GOPROXY') ?? '').trim() === 'off') return { needs: 'all', why: '`GOPROXY=off`' };
    return null;
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const p = subs(u);
    const targets = [];
    const mod = modCache(env);
    if (!mod) return { skip: 'the Go module cache location is unknown (GOPATH/GOMODCACHE/home)' };
    if (!vendored(u, env)) targets.push({ target: mod });
    // `go mod …` only touches the module cache; builds also use the build cache.
    if (p[0] !== 'mod') {
      const b = buildCache(env);
      if (b === null) return { skip: 'the Go build cache location is unknown (GOCACHE/home)' };
      if (b !== 'off') targets.push({ target: b });
    }
    if (!targets.length) return { skip: 'nothing to cache: vendored modules and GOCACHE=off' };
    return { targets };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = subs(u);
    return p[0] === 'clean' && u.args.some((a) => a === '-modcache' || a === '-cache');
  },
  manifests: { required: ['go.mod'], optional: ['go.sum', 'go.work', 'go.work.sum'] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = subs(u);
    return !(p[0] === 'mod' && p[1] === 'download');
  },
  sources: ['buildkit-semantics.md §3.2 Go, §3.3, §4', 'go help cache; go help gopath'],
};

export default go;
