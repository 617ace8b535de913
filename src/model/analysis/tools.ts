/**
 * Language package managers and toolchains: where tool installs read and write
 * ({@link TOOL_PATHS}, {@link IMAGE_TOOLS}), the dependency manifests ({@link MANIFEST_RE}),
 * what each language command does ({@link languageEffect}), and the build-context checks
 * that make an install safe to model (no install scripts, pinned requirements).
 */
import { imageFacts } from '../../ecosystems/images.js';
import { imageRepo } from '../../ecosystems/util.js';
import type { RunCommand } from '../run-script.js';
import { type CommandContext, type CommandEffect, isFlag } from './command-effect.js';
import { SYSTEM_PATHS, addPath, normalizePath, within } from './paths.js';
import { Volatility } from './types.js';

/** Files a dependency install reads before the source: names and globs (basename). */
export const MANIFEST_RE =
  /^(package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?|bun\.lockb?|requirements[\w.-]*\.(txt|in)|constraints[\w.-]*\.txt|Pipfile(\.lock)?|pyproject\.toml|poetry\.(lock|toml)|uv\.lock|setup\.(py|cfg)|go\.(mod|sum|work|work\.sum)|Cargo\.(toml|lock)|Gemfile(\.lock)?|[\w.-]+\.gemspec|composer\.(json|lock)|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle\.properties|gradlew|mvnw|[\w.-]+\.(\w*proj|sln|slnx|props|targets)|gradle|\.mvn|NuGet\.[Cc]onfig|Directory\.(Build|Packages)\.(props|targets)|global\.json|packages\.lock\.json|mix\.(exs|lock)|rebar\.config|build\.sbt|rust-toolchain(\.toml)?|\.python-version|\.nvmrc|\.node-version|\.tool-versions)$/;

// ───────────────────────────── tool installs: where they read and write ─────────────────────────────

/**
 * Where a base image installs a tool: in these images the command is found in `dir`, so the
 * PATH folders after it are never searched for it. The official node and python images unpack
 * or build into /usr/local (docker-library/node: the release tarball extracted with
 * `-C /usr/local --strip-components=1`, which holds bin/node, bin/npm, bin/corepack;
 * docker-library/python: `./configure` with the default prefix /usr/local).
 */
const IMAGE_TOOLS: readonly { repos: readonly string[]; tools: readonly string[]; dir: string; path?: readonly string[] }[] = [
  { repos: ['node'], tools: ['node', 'npm', 'npx', 'corepack'], dir: '/usr/local/bin' },
  { repos: ['python'], tools: ['python', 'python3', 'pip', 'pip3'], dir: '/usr/local/bin' },
  // docker-library/golang: `ENV GOPATH /go`, `ENV PATH $GOPATH/bin:/usr/local/go/bin:$PATH`.
  { repos: ['golang'], tools: ['go', 'gofmt'], dir: '/usr/local/go/bin', path: ['/go/bin', '/usr/local/go/bin'] },
];

/** The PATH folders a known base image puts before the default ones ({@link IMAGE_TOOLS}). */
export function imagePathHead(image: string): string[] {
  const repo = imageRepo(image);
  return IMAGE_TOOLS.find((t) => t.repos.includes(repo) && t.path)?.path?.slice() ?? [];
}

/**
 * What a tool install reads and writes, as data (the PATH folders, which every command reads,
 * come on top). Each entry is a folder or file:
 * - `~/x`: under the $HOME of the user the RUN runs as ({@link homeOf}; unknown home: anywhere);
 * - `{prefix}/x`: under the install prefix of every PATH folder the command may be found in
 *   (`/usr/local/bin` → `/usr/local`, {@link prefixOf}); `{bin}`: those PATH folders;
 * - `$A|B=default`: the folder variable A or B names when the Dockerfile sets it (or the base
 *   image does, src/ecosystems/images.ts), else `default` (none: nothing).
 * `writes` are read too. Registry packages' own install scripts (npm lifecycle scripts, a
 * source distribution's build) are trusted to stay within these folders, as distribution
 * maintainer scripts are (docs/reorder-and-args.md, Known limits).
 */
const TOOL_PATHS: Record<string, { reads: readonly string[]; writes: readonly string[] }> = {
  // docs.npmjs.com/cli/configuring-npm/folders: global installs go to {prefix}/lib/node_modules,
  // executables are linked into {prefix}/bin and man pages into {prefix}/share/man; the cache is
  // ~/.npm (`cache` config), temp files under /tmp. configuring-npm/npmrc: the per-user
  // ~/.npmrc, the global $PREFIX/etc/npmrc and the builtin npmrc are read, and the per-project
  // .npmrc "is not read in global mode, such as when running `npm install -g`" (npm 7 and
  // later; npm 6's lib/config/core.js adds the project file only `if (!conf.get('global') …)`).
  // Debian's npm sets globalconfig=/etc/npmrc and lives in /usr/share/nodejs.
  'npm-global': {
    reads: ['{prefix}/etc/npmrc', '~/.npmrc', '$npm_config_userconfig|NPM_CONFIG_USERCONFIG', '$npm_config_globalconfig|NPM_CONFIG_GLOBALCONFIG', '/etc/npmrc', '/usr/share/nodejs', '/usr/lib/nodejs'],
    writes: ['{prefix}/lib/node_modules', '{prefix}/bin', '{prefix}/share/man', '$npm_config_cache|NPM_CONFIG_CACHE=~/.npm', '$TMPDIR=/tmp'],
  },
  // corepack's `enable`/`disable` put their links in the folder `corepack` is found in on PATH
  // ("Node always call realpath on the module it executes ... we need to iterate over the PATH
  // variable": `path.dirname(await which('corepack'))`) or `--install-directory`; corepack
  // itself is {prefix}/lib/node_modules/corepack.
  'corepack-enable': {
    reads: ['{prefix}/lib/node_modules'],
    writes: ['{bin}'],
  },
  // `corepack prepare name@version [--activate]`, `corepack install -g name@version`: the
  // package manager is downloaded into COREPACK_HOME (default $XDG_CACHE_HOME/node/corepack,
  // i.e. ~/.cache/node/corepack), where --activate records it as the default
  // (lastKnownGood.json). With a version named, no package.json is read.
  'corepack-prepare': {
    reads: ['{prefix}/lib/node_modules'],
    writes: ['$COREPACK_HOME=~/.cache/node/corepack', '$XDG_CACHE_HOME', '{bin}', '$TMPDIR=/tmp'],
  },
  // pip.pypa.io topics/configuration (Unix): global /etc/xdg/pip/pip.conf (XDG_CONFIG_DIRS)
  // then /etc/pip.conf; user $HOME/.config/pip/pip.conf and the legacy $HOME/.pip/pip.conf;
  // site $VIRTUAL_ENV/pip.conf (inside the prefix); PIP_CONFIG_FILE. The cache is
  // ~/.cache/pip (topics/caching); `--user` and an unwritable site-packages install into
  // ~/.local; a wheel installs into its interpreter's prefix (site-packages, scripts, and
  // `.data/data` files anywhere below the prefix), so the whole prefix is claimed.
  pip: {
    reads: ['/etc/pip.conf', '/etc/xdg/pip', '~/.config/pip', '~/.pip', '$PIP_CONFIG_FILE', '$XDG_CONFIG_HOME'],
    writes: ['{prefix}', '~/.local', '$PYTHONUSERBASE', '$PIP_CACHE_DIR=~/.cache/pip', '$XDG_CACHE_HOME', '$TMPDIR=/tmp'],
  },
  // go.dev/ref/mod#go-install: with version suffixes "go install builds packages in
  // module-aware mode, ignoring the go.mod file in the current directory or any parent
  // directory". It reads GOROOT (the prefix of the `go` found on PATH), the GOENV file
  // (~/.config/go/env), git and netrc credentials for direct fetches, and cgo's compiler
  // headers and libraries; it writes GOPATH (default ~/go: GOMODCACHE = GOPATH/pkg/mod, the
  // binary in GOBIN or GOPATH/bin) and GOCACHE (default ~/.cache/go-build).
  'go-install': {
    reads: ['{prefix}', '~/.config/go', '$GOENV', '~/.gitconfig', '~/.config/git', '~/.netrc', '/etc/gitconfig', '/etc', '/usr/include', '/usr/lib', '/usr/lib64', '/usr/libexec', '/usr/share', '/usr/local/include', '/usr/local/lib', '$GOROOT'],
    writes: ['$GOPATH=~/go', '$GOBIN', '$GOMODCACHE', '$GOCACHE=~/.cache/go-build', '$TMPDIR=/tmp'],
  },
  // everything.curl.dev/cmdline/configfile: curl reads $CURL_HOME/.curlrc,
  // $XDG_CONFIG_HOME/.curlrc and $HOME/.curlrc; ~/.netrc with --netrc.
  curl: {
    reads: ['~/.curlrc', '~/.config/.curlrc', '$CURL_HOME', '$XDG_CONFIG_HOME', '~/.netrc', '$NETRC'],
    writes: [],
  },
  // GNU Wget manual, Startup File and HSTS: /etc/wgetrc (or /usr/local/etc/wgetrc), $WGETRC or
  // ~/.wgetrc, ~/.netrc; the HSTS database ~/.wget-hsts is written.
  wget: {
    reads: ['~/.wgetrc', '$WGETRC', '~/.netrc', '/etc/wgetrc', '/usr/local/etc/wgetrc'],
    writes: ['~/.wget-hsts'],
  },
};

/** The PATH folders a command may be found in: up to the one the image installs it in ({@link IMAGE_TOOLS}). Null: PATH unknown. */
function toolDirs(tool: string, cx: CommandContext): string[] | null {
  if (cx.pathDirs === null) return null;
  const dir = knownToolDir(tool, cx);
  const at = dir === null ? -1 : cx.pathDirs.indexOf(dir);
  return at === -1 ? cx.pathDirs : cx.pathDirs.slice(0, at + 1);
}

/** The PATH folder the stage's image installs `tool` in ({@link IMAGE_TOOLS}), when that folder is on PATH. */
function knownToolDir(tool: string, cx: CommandContext): string | null {
  const repo = imageRepo(cx.image);
  const known = IMAGE_TOOLS.find((t) => t.repos.includes(repo) && t.tools.includes(tool));
  return known && cx.pathDirs?.includes(known.dir) ? known.dir : null;
}

/** The install prefix of a command found in PATH folder `dir`: `/usr/local/bin` → `/usr/local`. `/bin` and `/sbin` are `/usr/bin` and `/usr/sbin` (merged /usr, {@link BUILTIN_LINKS}). */
function prefixOf(dir: string): string {
  if (dir === '/bin' || dir === '/sbin') return '/usr';
  return dir.replace(/\/[^/]+$/, '') || '/';
}

/** The folders one {@link TOOL_PATHS} entry names for `tool` (null: not known, i.e. anywhere). */
function toolPaths(entry: string, tool: string, cx: CommandContext): (string | null)[] {
  const under = (base: string | null, rest: string) => (base === null ? null : rest ? (base === '/' ? '' : base) + '/' + rest : base);
  if (entry.startsWith('~/')) return [under(cx.home, entry.slice(2))];
  if (entry.startsWith('{prefix}') || entry === '{bin}') {
    const dirs = toolDirs(tool, cx);
    if (dirs === null) return [null];
    // An image not in IMAGE_TOOLS may put the tool on a PATH folder the model does not see:
    // images install their own prefixes under /opt (/opt/conda, /opt/pypy, /opt/node…), so
    // all of /opt is claimed then.
    const unseen = knownToolDir(tool, cx) === null ? ['/opt'] : [];
    if (entry === '{bin}') return [...dirs, ...unseen];
    const rest = entry.slice('{prefix}'.length).replace(/^\//, '');
    return [...dirs.map((d) => under(prefixOf(d), rest)), ...unseen];
  }
  if (entry.startsWith('$')) {
    const [names, dflt] = entry.slice(1).split('=');
    const facts = imageFacts(cx.image).env;
    for (const n of names.split('|')) {
      if (cx.vars.has(n)) {
        const v = cx.vars.get(n);
        return [v === null || v === undefined || !v.startsWith('/') ? null : normalizePath(v, null, false)];
      }
      if (facts[n] !== undefined) return [normalizePath(facts[n], null, false)];
    }
    return dflt === undefined ? [] : toolPaths(dflt, tool, cx);
  }
  return [entry];
}

/** Adds a {@link TOOL_PATHS} row's claims to a command's effect. */
export function claimToolPaths(row: keyof typeof TOOL_PATHS, tool: string, eff: CommandEffect, cx: CommandContext): void {
  const t = TOOL_PATHS[row];
  for (const e of t.reads) for (const p of toolPaths(e, tool, cx)) addPath(eff.reads, p);
  for (const e of t.writes) {
    for (const p of toolPaths(e, tool, cx)) {
      addPath(eff.reads, p);
      addPath(eff.writes, p);
    }
  }
}

/**
 * An npm package spec that names a package from a registry or a remote repository, not a
 * file or folder of the build (npm-package-arg: `.`, `./x`, `/x`, `~/x`, `file:`, tarball
 * names and `a/b` paths are local; `a/b` could also be GitHub shorthand, but is not proven).
 */
function isRemoteNpmSpec(spec: string | null): boolean {
  if (spec === null) return false;
  if (/^(git\+)?(https?|ssh|git):\/\//.test(spec) || /^(github|gitlab|bitbucket|gist):/.test(spec)) return true;
  const name = spec.replace(/^(@[^/@]+\/)?([^@/]+)@(npm:)?/, '$1$2@');
  if (/^[.~/\\]|^file:|\.(tgz|tar|tar\.gz)$/i.test(spec) || /@(file|link|workspace):/.test(spec)) return false;
  if (/^@[\w.-]+\/[^/]+$/.test(name)) return true; // @scope/name[@version]
  return !spec.includes('/') && !spec.includes('\\');
}

/** Language package managers and toolchains. Anything that runs project code is opaque. */
export function languageEffect(name: string, cmd: RunCommand, eff: CommandEffect, readArg: (a: string | null) => void, cx: CommandContext): CommandEffect | null {
  const args = cmd.args;
  const sub = args.find((a) => !isFlag(a));
  // Language tools find project files in the current folder (pyproject.toml for
  // `pip install --group`, package.json for corepack, a project's .npmrc, go.mod…): unless a
  // row of TOOL_PATHS shows a form of the command that does not, the whole cwd subtree is read.
  const cwdTree = () => {
    eff.readsCwd = true;
    addPath(eff.reads, cx.cwd);
  };
  const writeCwd = () => addPath(eff.writes, cx.cwd);
  const system = () => {
    for (const p of SYSTEM_PATHS) {
      addPath(eff.reads, p);
      addPath(eff.writes, p);
    }
  };
  const envPaths = (names: string[]) => {
    for (const n of names) {
      if (!cx.vars.has(n)) continue;
      const v = cx.vars.get(n);
      addPath(eff.writes, v === null || v === undefined ? null : normalizePath(v, cx.cwd, cx.windows));
    }
  };
  const pathParents = () => {
    // A tool found in a virtualenv or prefix outside the system folders writes there.
    if (cx.pathDirs === null) {
      addPath(eff.writes, null);
      return;
    }
    for (const d of cx.pathDirs) if (!SYSTEM_PATHS.some((s) => within(s, d))) addPath(eff.writes, d.replace(/\/[^/]+$/, '') || '/');
  };
  /** A flag's value given as `--flag value` or `--flag=value` (undefined: not given). */
  const flagValue = (names: readonly string[]): string | null | undefined => {
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (a === null) continue;
      if (names.includes(a)) return args[k + 1] ?? null;
      const eq = a.indexOf('=');
      if (eq !== -1 && names.includes(a.slice(0, eq))) return a.slice(eq + 1);
    }
    return undefined;
  };

  switch (name) {
    case 'npm':
    case 'yarn':
    case 'pnpm':
    case 'bun': {
      const global = args.some((a) => a === '-g' || a === '--global' || a === '--location=global') || (name === 'yarn' && sub === 'global');
      const ignoreScripts = args.includes('--ignore-scripts');
      const installSubs = name === 'npm' ? ['ci', 'install', 'i', 'add', 'isntall', 'in'] : ['install', 'add', 'i'];
      const isInstall = (sub !== undefined && installSubs.includes(sub ?? '')) || (name === 'yarn' && sub === undefined) || (name === 'yarn' && sub === 'global' && args.includes('add'));
      if (name === 'npm' && global && isInstall && sub !== 'ci') {
        // `npm install -g <registry packages>`: the packages come from the registry, not the
        // build context, and global mode reads no project file (TOOL_PATHS['npm-global']).
        // With no package named, npm installs the current folder's package; a config flag
        // may point anywhere: both as before.
        const specs = args.filter((a) => !isFlag(a)).slice(1);
        const configFlag = args.some((a) => a === null || a === '-C' || /^--(prefix|cache|userconfig|globalconfig|tmp|dir|workspaces?|include-workspace-root)(=|$)/.test(a));
        if (specs.length > 0 && specs.every(isRemoteNpmSpec) && !configFlag) {
          claimToolPaths('npm-global', 'npm', eff, cx);
          for (const n of ['npm_config_prefix', 'NPM_CONFIG_PREFIX']) {
            if (!cx.vars.has(n)) continue;
            const v = cx.vars.get(n);
            const p = v === null || v === undefined || !v.startsWith('/') ? null : normalizePath(v, null, false);
            addPath(eff.reads, p);
            addPath(eff.writes, p);
          }
          eff.volatility = Volatility.Toolchain;
          eff.role = 'the global tool install';
          return eff;
        }
      }
      cwdTree();
      if (!isInstall) {
        if (['--version', '-v', 'config', 'cache', 'set', 'version'].includes(sub ?? '') || args[0] === '--version' || args[0] === '-v') {
          system();
          eff.volatility = Volatility.Toolchain;
          eff.role = `\`${name} ${sub ?? ''}\``.replace(/ `$/, '`');
          return eff;
        }
        return null; // npm run, yarn build, npx…: project scripts
      }
      system();
      envPaths(['npm_config_prefix', 'NPM_CONFIG_PREFIX', 'PNPM_HOME', 'YARN_GLOBAL_FOLDER', 'BUN_INSTALL', 'npm_config_cache', 'NPM_CONFIG_CACHE']);
      // .npmrc (yarn 1: .yarnrc, pnpm: the workspace) in the current folder applies even to
      // yarn's and pnpm's global installs.
      if (global) {
        eff.volatility = Volatility.Toolchain;
        eff.role = 'the global tool install';
        return eff;
      }
      writeCwd();
      // The project's own install hooks (preinstall/install/postinstall/prepare) run unless disabled.
      if (!ignoreScripts && !noInstallScripts(cx)) return null;
      eff.volatility = Volatility.Dependencies;
      eff.role = 'the dependency install';
      return eff;
    }
    case 'corepack': {
      const ops = args.filter((a) => !isFlag(a));
      const c = ops[0];
      eff.volatility = Volatility.Toolchain;
      eff.role = 'the package manager setup';
      // `use`, `up` and `corepack <pm> …` run the package manager in the project (and `use` writes package.json).
      if (c === 'use' || c === 'up' || c === 'npm' || c === 'pnpm' || c === 'yarn' || c === null) return null;
      if (c === 'enable' || c === 'disable') {
        const dir = flagValue(['--install-directory', '--target']);
        if (dir === undefined) claimToolPaths('corepack-enable', 'corepack', eff, cx);
        else {
          for (const p of toolPaths('{prefix}/lib/node_modules', 'corepack', cx)) addPath(eff.reads, p);
          if (dir === null || !dir.startsWith('/')) eff.readsCwd = true;
          const p = dir === null ? null : normalizePath(dir, cx.cwd, cx.windows);
          addPath(eff.reads, p);
          addPath(eff.writes, p);
        }
        return eff;
      }
      // `prepare name@version`, `install -g name@version` (or `--all`): a named version. With
      // none named they read package.json's `packageManager` from the current folder.
      const global = args.some((a) => a === '-g' || a === '--global');
      const specs = ops.slice(1);
      const named = specs.length > 0 && specs.every((x) => x !== null && /^[a-z]+@/.test(x)) || (args.includes('--all') && specs.length === 0);
      const output = args.some((a) => a === null || a === '-o' || a === '--output' || /^--output=|^-o./.test(a));
      if ((c === 'prepare' || (c === 'install' && global)) && named && !output) {
        claimToolPaths('corepack-prepare', 'corepack', eff, cx);
        return eff;
      }
      cwdTree();
      system();
      return eff;
    }
    case 'pip':
    case 'pip3':
    case 'python':
    case 'python3': {
      let a = args;
      // `python -m pip` puts the current folder first on sys.path (docs.python.org, `-m`):
      // a `pip` package or a `*.dist-info` there changes what runs and what counts as installed.
      let readsCwd = false;
      if (name === 'python' || name === 'python3') {
        if (a[0] === '-m' && (a[1] === 'pip' || a[1] === 'pip3')) {
          a = a.slice(2);
          readsCwd = true;
        } else if (a.length === 1 && (a[0] === '--version' || a[0] === '-V')) return eff;
        else return null; // a Python script is project code
      }
      const s = a.find((x) => !isFlag(x));
      if (s === 'freeze' || s === 'list' || s === 'show' || s === 'config' || s === 'cache' || s === '--version') {
        cwdTree();
        system();
        eff.volatility = Volatility.Toolchain;
        return eff;
      }
      if (s !== 'install' && s !== 'download' && s !== 'wheel') return null;
      // A relative entry of PYTHONPATH is a folder of the build.
      if (cx.vars.has('PYTHONPATH')) {
        const v = cx.vars.get('PYTHONPATH');
        if (v === null || v === undefined || v.split(':').some((d) => !d.startsWith('/'))) readsCwd = true;
      }
      let requirements = false;
      let dest = false;
      for (let k = 0; k < a.length; k++) {
        const x = a[k];
        if (x === null) return null;
        if (x === '-r' || x === '--requirement' || x === '-c' || x === '--constraint') {
          requirements = true;
          const f = a[++k] ?? null;
          if (f === null || !requirementsArePinned(f, cx)) return null;
          readArg(f);
        } else if (/^--(requirement|constraint)=/.test(x) || (/^-[rc]./.test(x) && !x.startsWith('--'))) {
          const f = x.includes('=') ? x.slice(x.indexOf('=') + 1) : x.slice(2);
          if (!requirementsArePinned(f, cx)) return null;
          requirements = true;
          readArg(f);
        } else if (x === '-t' || x === '--target' || x === '--prefix' || x === '--root' || x === '-d' || x === '--dest' || x === '-w' || x === '--wheel-dir' || x === '--src') {
          const t = a[++k] ?? null;
          if (x === '-d' || x === '--dest' || x === '-w' || x === '--wheel-dir') dest = true;
          addPath(eff.writes, t === null ? null : normalizePath(t, cx.cwd, cx.windows));
          if (t !== null && !t.startsWith('/')) eff.readsCwd = true;
        } else if (/^--(target|prefix|root|dest|wheel-dir|src)=/.test(x)) {
          const t = x.slice(x.indexOf('=') + 1);
          if (/^--(dest|wheel-dir)=/.test(x)) dest = true;
          addPath(eff.writes, normalizePath(t, cx.cwd, cx.windows));
          if (!t.startsWith('/')) eff.readsCwd = true;
        } else if (x === '-e' || x === '--editable' || x === '-f' || x === '--find-links' || x === '--index-url' || x === '-i' || x === '--extra-index-url') {
          if (x === '-e' || x === '--editable') return null; // installs (and runs) project code
          const v = a[++k] ?? null;
          if (v !== null && !/^https?:/.test(v)) readArg(v);
        } else if (x === '--group' || x.startsWith('--group=') || x.startsWith('--config-settings') || x === '-C') {
          readsCwd = true; // --group reads ./pyproject.toml
        } else if (x.startsWith('-') && x.includes('=')) {
          // `--find-links=/wheels`, `--index-url=file:///x`, `--cache-dir=…`: a value that is not a URL may be a path.
          const v = x.slice(x.indexOf('=') + 1);
          const pathFlag = /^--(find-links|index-url|extra-index-url|cache-dir|src|log|build|requirement|constraint|report|cert|client-cert)=/.test(x);
          if (!/^https?:/.test(v) && (pathFlag || /^([./~]|file:)/.test(v))) readArg(v.replace(/^file:\/\//, ''));
        } else if (/^-[fi]./.test(x)) {
          const v = x.slice(2);
          if (!/^https?:/.test(v)) readArg(v.replace(/^file:\/\//, ''));
        } else if (!x.startsWith('-') && x !== s) {
          // A local path or archive is project code; a requirement specifier is not.
          if (x === '.' || /[/\\]/.test(x) && !/^[\w.-]+\s*@\s*https?:/.test(x) && !/^(git\+)?https?:/.test(x)) return null;
          // pip takes an existing archive name (`x.whl`, `x.tar.gz`, `x.zip`) as a file in the current folder.
          if (/\.(whl|zip|tar|tgz|tar\.(gz|bz2|xz)|tbz|txz)$/i.test(x) && !/^(git\+)?https?:/.test(x) && !/@\s*https?:/.test(x)) readsCwd = true;
        }
      }
      envPaths(['VIRTUAL_ENV', 'PIP_TARGET', 'PIP_PREFIX', 'PYTHONUSERBASE', 'PIP_CACHE_DIR']);
      pathParents();
      if (!requirements && s === 'install') {
        // Named requirements from an index: TOOL_PATHS.pip, and the current folder only where
        // pip reads it.
        claimToolPaths('pip', name, eff, cx);
        if (readsCwd) cwdTree();
        eff.volatility = Volatility.Toolchain;
        eff.role = 'the tool install';
        return eff;
      }
      cwdTree();
      system();
      if ((s === 'download' || s === 'wheel') && !dest) writeCwd(); // they save into the current folder
      eff.volatility = requirements ? Volatility.Dependencies : Volatility.Toolchain;
      eff.role = requirements ? 'the dependency install' : 'the tool install';
      return eff;
    }
    case 'go': {
      const ops = args.filter((x) => !isFlag(x));
      if (sub === 'install' && ops.length > 1 && ops.slice(1).every((x) => x !== null && /^[\w.~-]+(\/[\w.~-]+)*@[\w.+~-]+$/.test(x)) && !args.some((x) => x === null || /^-(modfile|C|overlay|pgo|toolexec|exec)(=|$)/.test(x)) && !cx.vars.has('GOFLAGS')) {
        // `go install pkg@version` ignores the current module (TOOL_PATHS['go-install']).
        claimToolPaths('go-install', 'go', eff, cx);
        eff.volatility = Volatility.Toolchain;
        eff.role = 'the tool install';
        return eff;
      }
      cwdTree();
      system();
      addPath(eff.reads, '/go');
      addPath(eff.writes, '/go');
      envPaths(['GOPATH', 'GOCACHE', 'GOMODCACHE', 'GOBIN', 'GOROOT']);
      if (sub === 'version' || sub === 'env') return eff;
      if (sub === 'install' && args.some((x) => x !== null && /@/.test(x))) {
        eff.volatility = Volatility.Toolchain;
        eff.role = 'the tool install';
        return eff;
      }
      if (sub === 'mod' && (args.includes('download') || args.includes('verify'))) {
        eff.volatility = Volatility.Dependencies;
        eff.role = 'the dependency download';
        return eff;
      }
      return null; // go build/test read the source and may run generators, cgo, toolexec…
    }
    case 'gem': {
      if (sub !== 'install' && sub !== 'update') return null;
      if (args.some((x) => x === null || (x !== sub && !isFlag(x) && /[/\\]|\.gem$/.test(x)))) return null;
      // `gem install name` also looks for name-*.gem in the current folder (its default
      // --both source includes local gems), and `-g` reads a Gemfile: the cwd is read.
      cwdTree();
      system();
      eff.volatility = Volatility.Toolchain;
      eff.role = 'the tool install';
      return eff;
    }
    case 'composer': {
      if ((sub === 'install' || sub === 'update') && args.includes('--no-scripts')) {
        system();
        cwdTree();
        writeCwd();
        eff.volatility = Volatility.Dependencies;
        eff.role = 'the dependency install';
        return eff;
      }
      return null;
    }
    case 'cargo': {
      if (sub === 'fetch') {
        system();
        cwdTree();
        envPaths(['CARGO_HOME', 'CARGO_TARGET_DIR']);
        eff.volatility = Volatility.Dependencies;
        eff.role = 'the dependency download';
        return eff;
      }
      return null; // build scripts and env!() read anything
    }
    case 'docker-php-ext-install':
    case 'docker-php-ext-configure':
    case 'docker-php-ext-enable':
    case 'pecl': {
      cwdTree();
      system();
      eff.volatility = Volatility.Toolchain;
      eff.role = 'the PHP extension build';
      return eff;
    }
    default:
      // node/bun/php/java/dotnet/mvn/gradle/mix/poetry/pipenv/uv/bundle…: their install runs project code.
      return null;
  }
}

/** With a build context: does the package.json in the cwd define no install lifecycle scripts? */
function noInstallScripts(cx: CommandContext): boolean {
  if (!cx.buildContext || cx.cwd === null) return false;
  // The context is the project: we only know its package.json when the cwd received it from the context root.
  const text = cx.buildContext.read('package.json');
  if (text === null) return false;
  try {
    const pkg = JSON.parse(text) as { scripts?: Record<string, unknown>; workspaces?: unknown };
    const hooks = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare', 'dependencies'];
    return !hooks.some((h) => pkg.scripts && h in pkg.scripts);
  } catch {
    return false;
  }
}

/**
 * A requirements file is only dependency names unless it pulls in a local project
 * (`-e .`, `./lib`, `file:`), which then runs project code. Without the context we
 * cannot see it, and assume a plain list (the common case; see docs/reorder-and-args.md).
 */
function requirementsArePinned(file: string | null, cx: CommandContext): boolean {
  if (file === null) return false;
  if (!cx.buildContext) return true;
  const text = cx.buildContext.read(file.replace(/^\.\//, ''));
  if (text === null) return true;
  return !text.split('\n').some((l) => /^\s*(-e|--editable)\b|^\s*\.{1,2}(\/|\s|$)|^\s*file:|^\s*\/|^\s*-r\s|^\s*--requirement/.test(l));
}
