/**
 * The dependency model of a Dockerfile: for every instruction, what it reads and what it
 * writes (build state, filesystem, image config, other stages), and on top of that the
 * swap predicate {@link canSwap} that the reordering transforms rely on.
 *
 * The model follows buildkit-semantics.md §5.1. It over-approximates: when it does not
 * know what an instruction touches, it says "everything", and every question built on
 * it then answers "no". Pure: reads only the model (and, optionally, the build context).
 *
 * Paths are claims on subtrees: writing `/app` may touch anything under `/app`, and two
 * claims overlap when one is a prefix of the other. A claim on `/` overlaps everything.
 */
import type { BuildContextInfo } from '../core/transform.js';
import type { DockerfileModel, Instruction } from './dockerfile.js';
import { debianPackageClaims, DEBIAN_WEB_ROOT, isUbuntuImage, mayWriteWebRoot } from './debian-paths.js';
import { imageFacts, unknownDefaultUser } from '../ecosystems/images.js';
import { imageRepo } from '../ecosystems/util.js';
import { commandBase, envReadersOf, matchesAny } from './env-readers.js';
import { isPosixShell, runScriptOf, type RunCommand, type RunScript } from './run-script.js';
import { globalArgs, parseArgDecls, splitWords, unquote } from './state.js';
import { expandVariables, parseEnvPairs, referencedVariables } from './vars.js';

/** A set of filesystem paths (subtree claims), or everything. */
export interface PathSet {
  all: boolean;
  /** Normalised absolute paths (no trailing slash; `/` for the root). */
  paths: string[];
}

/** A set of variable names: exact names, `*`-prefix patterns, or everything. */
export interface VarSet {
  all: boolean;
  names: Set<string>;
  patterns: string[];
}

/** How often the inputs of a build step change, lowest first. */
export enum Volatility {
  /** Reads nothing outside the Dockerfile: `mkdir`, `useradd`, WORKDIR. */
  Constant = 0,
  /** System packages: apt, apk, dnf, yum, zypper. */
  System = 1,
  /** Toolchain setup: downloads, global tools, images copied from (`COPY --from=image`). */
  Toolchain = 2,
  /** Dependency manifests and their install. */
  Dependencies = 3,
  /** The bulk source copy and whatever reads it (build, test). A RUN not understood counts as toolchain, raised by what it follows. */
  Source = 4,
}

/** Image-config keys, `Labels:<k>`, `ExposedPorts:<p>`, `Volumes:<p>`; `<Key>:*` = any entry. */
export type ConfigKey = string;

export interface Reads {
  /** Variables read: named (`$X`), implicitly through the environment, or all (opaque RUN). */
  vars: VarSet;
  /** Variables named in the instruction's text (`$X`, `${X:-d}`), flags and ONBUILD bodies included. */
  named: Set<string>;
  workdir: boolean;
  user: boolean;
  shell: boolean;
  paths: PathSet;
  /** Stages read (`COPY --from`, `RUN --mount=from=`). */
  stages: number[];
  config: Set<ConfigKey>;
}

export interface Writes {
  /** Build variables (ARG: expansion scope and, when valued, RUN environment; ENV). */
  vars: Set<string>;
  workdir: boolean;
  user: boolean;
  shell: boolean;
  paths: PathSet;
  config: Set<ConfigKey>;
}

export interface Effects {
  instruction: Instruction;
  /** Creates a build step (an LLB op): RUN, COPY, ADD, WORKDIR other than `/`. */
  step: boolean;
  reads: Reads;
  writes: Writes;
  /** A RUN whose commands are not (all) understood: reads and writes everything. */
  opaque: boolean;
  /** Prints the whole environment (`env`, `printenv`): its output depends on the env order. */
  envOrderSensitive: boolean;
  /** Volatility of what the instruction itself reads (see {@link Analysis.volatility} for the effective one). */
  volatility: Volatility;
  /** Short description used in messages: `the system package install`. */
  role: string;
  /** Links a RUN creates (`ln -s`): [link, target], null = unknown. */
  links: [string | null, string | null][];
  /**
   * A system package step whose claim on the system folders is a guess (no file list for its
   * packages): the command, why, and the paths the step would read and write without that
   * guess (to tell when the guess alone blocks a move).
   */
  guess?: PackageGuess;
}

/** See {@link Effects.guess}. */
export interface PackageGuess {
  /** The command, for messages: `apk add`. */
  tool: string;
  /** Why its folders are guessed: `no file list for Alpine packages is available to dockerfix`. */
  reason: string;
  /** The folders guessed (the system folders). */
  folders: readonly string[];
  reads: PathSet;
  writes: PathSet;
}

export interface StageInfo {
  index: number;
  name: string | null;
  /** Earlier stage this one is `FROM`, or null. */
  baseStage: number | null;
  /** Stages `FROM` this one, directly. */
  children: number[];
  /** This stage and every stage built on it (transitively), in file order. */
  descendants: number[];
  /** Stages this one copies or mounts from. */
  uses: number[];
}

export interface Analysis {
  model: DockerfileModel;
  /** Effects per instruction index (every instruction inside a stage; FROM included). */
  effects: Map<number, Effects>;
  stages: StageInfo[];
  /** Global ARG names (before the first FROM) and their defaults. */
  globals: Map<string, string | null>;
  /** Effective volatility: the highest of an instruction's own and of the earlier steps of its stage it cannot cross. */
  volatility: Map<number, Volatility>;
  /** The file is a Windows Dockerfile (backtick escape, no POSIX SHELL): shell-form RUNs are opaque. */
  windows: boolean;
}

/** Top-level folders of the Linux filesystem hierarchy. System package managers write only there (Debian Policy §9.1, FHS 3.0). */
export const SYSTEM_PATHS: readonly string[] = [
  '/etc', '/var', '/usr', '/lib', '/lib32', '/lib64', '/libx32', '/bin', '/sbin', '/opt', '/boot', '/run', '/tmp',
  '/root', '/home', '/srv', '/mnt', '/media',
];

/**
 * What a system package install may read or write: the system folders, less the ones the FHS
 * reserves for the site (`/srv`: "no program should rely on a specific subdirectory structure
 * of /srv"; `/mnt`, `/media`: mount points). An application copied to `/srv/app` is not a
 * system package's business.
 */
export const SYSTEM_PACKAGE_PATHS: readonly string[] = SYSTEM_PATHS.filter((p) => !['/srv', '/mnt', '/media'].includes(p));

/** Default PATH of BuildKit when the image sets none. */
const DEFAULT_PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Files a dependency install reads before the source: names and globs (basename). */
export const MANIFEST_RE =
  /^(package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?|bun\.lockb?|requirements[\w.-]*\.(txt|in)|constraints[\w.-]*\.txt|Pipfile(\.lock)?|pyproject\.toml|poetry\.(lock|toml)|uv\.lock|setup\.(py|cfg)|go\.(mod|sum|work|work\.sum)|Cargo\.(toml|lock)|Gemfile(\.lock)?|[\w.-]+\.gemspec|composer\.(json|lock)|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle\.properties|gradlew|mvnw|[\w.-]+\.(\w*proj|sln|slnx|props|targets)|gradle|\.mvn|NuGet\.[Cc]onfig|Directory\.(Build|Packages)\.(props|targets)|global\.json|packages\.lock\.json|mix\.(exs|lock)|rebar\.config|build\.sbt|rust-toolchain(\.toml)?|\.python-version|\.nvmrc|\.node-version|\.tool-versions)$/;

// ───────────────────────────── sets ─────────────────────────────

const noPaths = (): PathSet => ({ all: false, paths: [] });
const allPaths = (): PathSet => ({ all: true, paths: [] });
const noVars = (): VarSet => ({ all: false, names: new Set(), patterns: [] });

function addPath(set: PathSet, p: string | null): void {
  if (set.all) return;
  if (p === null) {
    set.all = true;
    set.paths = [];
    return;
  }
  if (!set.paths.includes(p)) set.paths.push(p);
}

/** {@link addPath} for many paths at once, in linear time (a Debian install claims some 300 folders). */
function addPaths(set: PathSet, paths: readonly string[]): void {
  if (set.all || paths.length === 0) return;
  if (paths.length < 8 && set.paths.length < 32) {
    for (const p of paths) addPath(set, p);
    return;
  }
  const have = new Set(set.paths);
  for (const p of paths) {
    if (have.has(p)) continue;
    have.add(p);
    set.paths.push(p);
  }
}

/** Is `a` equal to `b` or an ancestor of it (path-segment-wise)? */
function within(a: string, b: string): boolean {
  if (a === '/' || a === b) return true;
  return b.length > a.length && b.charCodeAt(a.length) === 47 /* / */ && b.startsWith(a);
}

export function pathsOverlap(a: PathSet, b: PathSet): boolean {
  if ((a.all && (b.all || b.paths.length)) || (b.all && a.paths.length)) return true;
  return a.paths.some((p) => b.paths.some((q) => within(p, q) || within(q, p)));
}

function readsVar(v: VarSet, name: string): boolean {
  return v.all || v.names.has(name) || matchesAny(name, v.patterns);
}

function configOverlap(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const k of a) {
    if (b.has(k)) return true;
    const colon = k.indexOf(':');
    const key = colon === -1 ? k : k.slice(0, colon);
    if (b.has(`${key}:*`)) return true;
    if (k.endsWith(':*')) for (const x of b) if (x.length > key.length && x.charCodeAt(key.length) === 58 /* : */ && x.startsWith(key)) return true;
  }
  return false;
}

// ───────────────────────────── paths ─────────────────────────────

/** Windows paths are compared case-insensitively, with `/` separators. */
function normalizePath(raw: string, cwd: string | null, windows: boolean): string | null {
  let p = raw.trim();
  if (!p) return null;
  if (windows || /^[A-Za-z]:[\\/]/.test(p)) {
    p = p.replace(/\\/g, '/').toLowerCase();
    if (/^[a-z]:\//.test(p)) p = '/' + p[0] + p.slice(2);
    else if (/^[a-z]:$/.test(p)) p = '/' + p[0];
  }
  if (p.startsWith('~')) return null;
  if (!p.startsWith('/')) {
    if (cwd === null) return null;
    p = cwd + '/' + p;
  }
  // Globs: claim the folder above the first glob segment.
  const segs = p.split('/');
  const firstGlob = segs.findIndex((s) => /[*?[]/.test(s));
  const kept = firstGlob === -1 ? segs : segs.slice(0, firstGlob);
  const out: string[] = [];
  for (const s of kept) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return '/' + out.join('/');
}

// ───────────────────────────── constant state ─────────────────────────────

/**
 * What the analysis knows for sure at an instruction: variables whose value is a constant
 * of the Dockerfile (ENV of literals; an ARG can always be overridden, so it is unknown),
 * the WORKDIR when it is constant, and whether the image's own environment is unknown.
 */
/**
 * Where apt's packages come from: Debian's archive (the table applies), Ubuntu's (the base
 * image is Ubuntu: not in the table), or unknown sources (an apt source, dpkg or linker
 * configuration was changed, or a local package installed, earlier in the stage chain).
 */
type Archive = 'debian' | 'ubuntu' | 'other';

interface KnownState {
  archive: Archive;
  /** Why the archive is `other`: `line 2 writes /etc/apt/sources.list.d/x.list`. */
  archiveWhy: string;
  /** name → constant value, or null when the variable exists but its value is unknown. */
  vars: Map<string, string | null>;
  workdir: string | null;
  shell: string[] | null;
  /** Directories on PATH, or null when PATH has an unknown part. */
  pathDirs: string[] | null;
  /** Links earlier RUNs of the stage chain created (`ln -s T L`): link path → target (null = unknown). */
  links: Map<string, string | null>;
  /** The image the stage chain starts from (`node:22`), for {@link IMAGE_TOOLS} and its users. */
  image: string;
  /** The USER in effect: undefined = the image's default, null = not known (a variable). */
  user: string | null | undefined;
}

function expandKnown(text: string, st: KnownState): string | null {
  for (const name of referencedVariables(text)) {
    if (st.vars.get(name) === undefined || st.vars.get(name) === null) return null;
  }
  return expandVariables(text, st.vars);
}

function cloneKnown(s: KnownState): KnownState {
  return { archive: s.archive, archiveWhy: s.archiveWhy, vars: new Map(s.vars), workdir: s.workdir, shell: s.shell ? [...s.shell] : null, pathDirs: s.pathDirs ? [...s.pathDirs] : null, links: new Map(s.links), image: s.image, user: s.user };
}

function applyKnown(st: KnownState, i: Instruction, windows: boolean): void {
  switch (i.keyword) {
    case 'ENV':
      for (const { name, value } of parseEnvPairs(i.body)) {
        if (name === 'PATH') st.pathDirs = pathDirsOf(value, st);
        st.vars.set(name, expandKnown(value, st));
      }
      break;
    case 'ARG':
      for (const { name } of parseArgDecls(i)) st.vars.set(name, null);
      break;
    case 'WORKDIR': {
      const p = expandKnown(i.body.trim(), st);
      st.workdir = p === null ? null : normalizePath(unquote(p), st.workdir, windows);
      break;
    }
    case 'SHELL':
      st.shell = i.json;
      break;
    case 'USER': {
      const u = expandKnown(i.body.trim(), st);
      st.user = u === null ? null : unquote(u);
      break;
    }
  }
}

/**
 * The home folder of the user a RUN runs as ($HOME: BuildKit's runner sets it from the
 * user's passwd entry unless ENV sets it), or null when it is not known: an `ENV HOME` from a
 * variable, a user the Dockerfile creates (useradd may give any home), an image whose users
 * dockerfix does not know (src/ecosystems/images.ts).
 */
function homeOf(st: KnownState): string | null {
  if (st.vars.has('HOME')) {
    const v = st.vars.get('HOME');
    return v === null || v === undefined || !v.startsWith('/') ? null : normalizePath(v, null, false);
  }
  const facts = imageFacts(st.image);
  if (st.user === undefined) {
    if (st.image.includes('$')) return null; // an image named by a variable may have any default user
    if (facts.defaultUser) return facts.users[facts.defaultUser]?.home ?? null;
    return unknownDefaultUser(st.image) ? null : '/root';
  }
  if (st.user === null) return null;
  const name = st.user.split(':')[0];
  if (name === 'root' || name === '0') return '/root';
  for (const [n, u] of Object.entries(facts.users)) if (n === name || String(u.uid) === name) return u.home;
  return null;
}

function pathDirsOf(value: string, st: KnownState): string[] | null {
  const out: string[] = [];
  for (const part of value.split(':')) {
    if (part === '$PATH' || part === '${PATH}') {
      if (st.pathDirs === null) return null;
      out.push(...st.pathDirs);
      continue;
    }
    const v = expandKnown(part, st);
    if (v === null || !v.startsWith('/')) return null;
    out.push(normalizePath(v, null, false)!);
  }
  return out;
}

// ───────────────────────────── RUN commands ─────────────────────────────

interface CommandEffect {
  /** null = not understood: the whole RUN becomes opaque. */
  env: readonly string[] | null;
  reads: PathSet;
  writes: PathSet;
  readsCwd: boolean;
  volatility: Volatility;
  role: string;
  envDump?: boolean;
  /** Links the command creates: [link path, target] (null = unknown). */
  links?: [string | null, string | null][];
  /** Its claim on the system folders is a guess: the command and why. */
  guess?: { tool: string; reason: string };
  /** Installs from outside Debian's archive, or changes apt/dpkg/linker configuration (later Debian installs are then guesses). */
  leavesDebian?: boolean;
}

/**
 * Debian's package tools: on a Debian image, with packages from Debian's archive, they write
 * where the table says (src/model/debian-paths.ts) and nowhere else.
 */
const DEBIAN_PM = new Set(['apt-get', 'apt', 'aptitude', 'dpkg', 'apt-mark', 'apt-cache', 'apt-key', 'debconf-set-selections', 'dpkg-reconfigure', 'add-apt-repository']);
/** apt subcommands that install, remove or configure nothing. */
const APT_READ_ONLY = new Set(['update', 'clean', 'autoclean', 'check', 'download', 'source', 'changelog', 'show', 'showsrc', 'search', 'policy', 'list', 'depends', 'rdepends', 'showpkg', 'madison', 'pkgnames', 'stats', 'dump', 'dumpavail', 'unmet', 'why', 'why-not']);
/** Folders whose contents change what apt and dpkg install, or where the linker cache (run by dpkg triggers) looks. */
const PACKAGE_CONFIG_PATHS: PathSet = { all: false, paths: ['/etc/apt', '/etc/dpkg', '/etc/ld.so.conf', '/etc/ld.so.conf.d'] };

/** Why a system package tool's claim on the system folders is a guess. */
function guessReason(name: string): string {
  if (name === 'apk') return 'no file list for Alpine packages is available to dockerfix';
  if (['dnf', 'yum', 'microdnf', 'tdnf', 'rpm', 'yum-config-manager', 'dnf-config-manager'].includes(name)) return 'no file list for RPM packages is available to dockerfix';
  if (name === 'zypper') return 'no file list for openSUSE packages is available to dockerfix';
  return `dockerfix does not know which folders \`${name}\` reads and writes`;
}

const SYSTEM_PM = new Set(['apt-get', 'apt', 'aptitude', 'apk', 'dnf', 'yum', 'microdnf', 'tdnf', 'zypper', 'dpkg', 'rpm', 'apt-key', 'apt-mark', 'add-apt-repository', 'debconf-set-selections', 'dpkg-reconfigure', 'yum-config-manager', 'dnf-config-manager', 'update-ca-certificates', 'locale-gen', 'update-locale', 'ldconfig', 'update-alternatives', 'apt-cache']);
const NO_FS = new Set(['echo', 'printf', 'true', 'false', ':', 'test', '[', 'set', 'export', 'exit', 'sleep', 'id', 'whoami', 'uname', 'date', 'unset', 'umask', 'which']);
const READ_ARGS = new Set(['cat', 'grep', 'ls', 'head', 'tail', 'sort', 'wc', 'cut', 'tr', 'basename', 'dirname', 'readlink', 'realpath', 'stat', 'sha256sum', 'sha512sum', 'md5sum', 'sha1sum', 'find']);
const WRITE_ARGS = new Set(['mkdir', 'rm', 'rmdir', 'touch', 'tee', 'mv']);
const USERS = new Set(['useradd', 'groupadd', 'adduser', 'addgroup', 'usermod', 'groupmod', 'userdel', 'deluser', 'chpasswd']);

interface CommandContext {
  cwd: string | null;
  windows: boolean;
  /** Directories a command may be looked up in. */
  pathDirs: string[] | null;
  vars: Map<string, string | null>;
  buildContext?: BuildContextInfo;
  /** Which packages apt installs here, as far as known (see {@link KnownState.archive}). */
  archive: Archive;
  archiveWhy: string;
  /** $HOME of the user the RUN runs as; null = not known ({@link homeOf}). */
  home: string | null;
  /** The image the stage chain starts from. */
  image: string;
}

const isFlag = (a: string | null) => a !== null && a.startsWith('-') && a !== '-';

/** A package file (`./x.deb`, `/tmp/pkg.deb`) rather than a package name. */
function isLocalPackage(name: string, a: string): boolean {
  if (name === 'apt-key' || name === 'debconf-set-selections') return false;
  return /[/\\]/.test(a) || /\.deb$/.test(a);
}

/**
 * A Debian package tool on a Debian image: the folders it may touch (the table), the files it
 * reads, and whether the web root is among them. Null when the table does not apply (Ubuntu,
 * a local package, an added source, changed dpkg configuration): the caller guesses.
 */
function debianEffect(name: string, args: (string | null)[], operands: (string | null)[], cx: CommandContext): { claims: string[]; files: (string | null)[]; leavesDebian?: boolean } | null {
  if (cx.archive !== 'debian' || name === 'add-apt-repository') return null;
  // Option values (`-o Dir::Cache=/x`, `-t bookworm-backports`) are neither subcommands nor packages.
  operands = args.filter((a, k) => !isFlag(a) && !(k > 0 && /^(-o|-t|-c|--option|--target-release|--default-release|--config-file)$/.test(args[k - 1] ?? '')));
  const files: (string | null)[] = [];
  if (name === 'apt-key' || name === 'debconf-set-selections') {
    for (const a of operands) if (a === null || /[/\\]/.test(a) || /\.(gpg|asc|key)$/.test(a)) files.push(a);
    const claims = [...debianPackageClaims(SYSTEM_PACKAGE_PATHS)];
    // A new key lets apt trust a new source: later installs may come from it.
    return { claims, files, leavesDebian: name === 'apt-key' && operands.some((a) => a === 'add' || a === 'adv') };
  }
  if (operands.some((a) => a !== null && isLocalPackage(name, a))) return null;
  let names: (string | null)[] | null = []; // null: unknown packages (upgrade, -a, -f)
  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') {
    const sub = operands[0];
    if (sub === null || sub === undefined) names = null;
    else if (APT_READ_ONLY.has(sub)) names = [];
    else if (['install', 'reinstall', 'remove', 'purge'].includes(sub)) names = operands.slice(1).length || !args.some((a) => a === '-f' || a === '--fix-broken') ? operands.slice(1) : null;
    else names = null;
  } else if (name === 'dpkg') {
    if (args.some((a) => a !== null && /^(-i|--install|--unpack|-x|--extract|-X|--vextract|-R|--recursive)$/.test(a))) return null;
    if (args.some((a) => a !== null && /^(-a|--pending)$/.test(a))) names = null;
    else if (args.some((a) => a !== null && /^(--configure|-r|--remove|-P|--purge|--triggers-only)$/.test(a))) names = operands;
    else names = [];
  } else if (name === 'dpkg-reconfigure') names = operands;
  // apt-mark, apt-cache: packages' states only.
  const claims = [...debianPackageClaims(SYSTEM_PACKAGE_PATHS)];
  if (names === null || mayWriteWebRoot(names)) claims.push(DEBIAN_WEB_ROOT);
  return { claims, files };
}

/** Understands one simple command; returns null when it is not in the model (opaque). */
function commandEffect(cmd: RunCommand, cx: CommandContext): CommandEffect | null {
  if (cmd.name === null) return null;
  const name = commandBase(cmd.name);
  const env = envReadersOf(name);
  if (env === null) return null;
  const args = cmd.args;
  const eff: CommandEffect = { env, reads: noPaths(), writes: noPaths(), readsCwd: false, volatility: Volatility.Constant, role: `\`${name}\`` };
  const path = (a: string | null) => {
    if (a !== null && !a.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(a)) eff.readsCwd = true;
    return a === null ? null : normalizePath(a, cx.cwd, cx.windows);
  };
  const readArg = (a: string | null) => addPath(eff.reads, path(a));
  const writeArg = (a: string | null) => addPath(eff.writes, path(a));
  const operands = args.filter((a) => !isFlag(a));

  if (DEBIAN_PM.has(name)) {
    const d = debianEffect(name, args, operands, cx);
    if (d) {
      eff.volatility = Volatility.System;
      eff.role = 'the system package install';
      addPaths(eff.reads, d.claims);
      addPaths(eff.writes, d.claims);
      for (const a of d.files) readArg(a);
      if (d.leavesDebian) eff.leavesDebian = true;
      return eff;
    }
  }
  if (SYSTEM_PM.has(name)) {
    eff.volatility = Volatility.System;
    eff.role = 'the system package install';
    const sub = operands.find((a) => a !== null && /^[a-z][a-z-]*$/.test(a));
    eff.guess = {
      tool: sub && !['update-ca-certificates', 'locale-gen', 'update-locale', 'ldconfig', 'update-alternatives'].includes(name) ? `${name} ${sub}` : name,
      reason: !DEBIAN_PM.has(name)
        ? guessReason(name)
        : cx.archive === 'ubuntu'
          ? "dockerfix's file lists cover Debian's archive, not Ubuntu's"
          : cx.archive === 'other'
            ? `its packages may not come from Debian's archive: ${cx.archiveWhy}; dockerfix has file lists for Debian's archive only`
            : "a local package or added source is not in Debian's archive, for which alone dockerfix has file lists",
    };
    if (DEBIAN_PM.has(name) && (name === 'add-apt-repository' || operands.some((a) => a !== null && isLocalPackage(name, a)))) eff.leavesDebian = true;
    for (const p of SYSTEM_PACKAGE_PATHS) {
      addPath(eff.reads, p);
      addPath(eff.writes, p);
    }
    for (const a of operands) {
      // A local package file or key is a path; a package name is not.
      if (a === null || /[/\\]/.test(a) || /\.(deb|rpm|apk|gpg|asc|key|list|repo)$/.test(a)) readArg(a);
    }
    return eff;
  }
  if (NO_FS.has(name)) {
    if (name === 'which' || name === 'test' || name === '[') for (const a of operands) if (a === null || a.includes('/')) readArg(a);
    return eff;
  }
  if (name === 'env' || name === 'printenv') {
    if (name === 'env' && operands.length > 0) return null; // env X=1 cmd runs cmd
    return { ...eff, envDump: true };
  }
  if (name === 'command') return args[0] === '-v' || args[0] === '-V' ? eff : null;
  if (name === 'cd') return eff; // handled by the caller
  if (READ_ARGS.has(name)) {
    if (name === 'find' && args.some((a) => a === null || /^-(exec|execdir|ok|okdir|delete|fprint|fprintf|fls)$/.test(a))) return null;
    // `sha256sum -c list` reads the files the list names: unknown paths.
    if (/sum$/.test(name) && args.some((a) => a === null || /^-[a-zA-Z]*c[a-zA-Z]*$|^--check$/.test(a))) {
      addPath(eff.reads, null);
      return eff;
    }
    if (name === 'sort') {
      for (let k = 0; k < args.length; k++) {
        const a = args[k];
        if (a === '-o' || a === '--output') writeArg(args[++k] ?? null);
        else if (a !== null && (a.startsWith('--output=') || /^-[a-zA-Z]*o./.test(a))) writeArg(a.startsWith('--output=') ? a.slice(9) : a.slice(a.indexOf('o') + 1));
        else if (a === null || /^-[a-zA-Z]*o$/.test(a)) return null;
      }
    }
    for (const a of operands) readArg(a);
    return eff;
  }
  if (WRITE_ARGS.has(name)) {
    for (const a of operands) writeArg(a);
    return eff;
  }
  if (name === 'chmod' || name === 'chown' || name === 'chgrp') {
    if (args.some((a) => a !== null && a.startsWith('--reference'))) return null;
    const [, ...targets] = operands;
    for (const a of targets) writeArg(a);
    if (name !== 'chmod') for (const p of ['/etc/passwd', '/etc/group']) addPath(eff.reads, p);
    return eff;
  }
  if (name === 'ln') {
    // ln [-s] T L | ln T... DIR | ln -t DIR T...: the link is a write, the target a read, and
    // later paths through the link resolve to the target.
    const t = args.findIndex((a) => a === '-t' || a === '--target-directory');
    const targets = t !== -1 ? operands.filter((a) => a !== args[t + 1]) : operands.length === 1 ? operands : operands.slice(0, -1);
    const dir = t !== -1 ? (args[t + 1] ?? null) : operands.length === 1 ? '.' : operands[operands.length - 1];
    if (targets.length === 0) return null;
    eff.links = [];
    const dirPath = path(dir);
    addPath(eff.writes, dirPath);
    for (const target of targets) {
      readArg(target);
      const linkDir = dirPath;
      const base = target === null ? null : target.replace(/\/+$/, '').split('/').pop()!;
      // The link is `dir` itself, or `dir/<basename>` when dir is an existing folder.
      const candidates = targets.length === 1 && t === -1 && operands.length === 2 ? [linkDir, linkDir && base ? linkDir + '/' + base : null] : [linkDir && base ? linkDir + '/' + base : null];
      for (const l of candidates) {
        const from = l === null ? null : l.replace(/^\/\//, '/');
        const to = target === null ? null : target.startsWith('/') ? normalizePath(target, null, cx.windows) : from === null ? null : normalizePath(target, from.replace(/\/[^/]*$/, '') || '/', cx.windows);
        eff.links.push([from, to]);
        addPath(eff.writes, from);
      }
    }
    return eff;
  }
  if (name === 'cp' || name === 'install') {
    const t = args.findIndex((a) => a === '-t' || a === '--target-directory');
    if (name === 'install' && args.includes('-d')) {
      for (const a of operands) writeArg(a);
      return eff;
    }
    if (t !== -1) {
      writeArg(args[t + 1] ?? null);
      for (const a of operands) if (a !== args[t + 1]) readArg(a);
      return eff;
    }
    if (operands.length === 0) return null;
    if (operands.length === 1) {
      readArg(operands[0]);
      eff.readsCwd = true;
      addPath(eff.writes, cx.cwd); // link or copy lands in the current folder
      return eff;
    }
    for (const a of operands.slice(0, -1)) readArg(a);
    writeArg(operands[operands.length - 1]);
    return eff;
  }
  if (name === 'sed') {
    const inPlace = args.some((a) => a !== null && (/^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place')));
    const files = operandsAfterScript(args);
    if (files === null) return null;
    for (const a of files) (inPlace ? writeArg : readArg)(a);
    if (inPlace) for (const a of files) readArg(a);
    return eff;
  }
  if (USERS.has(name)) {
    for (const p of ['/etc', '/home', '/var']) {
      addPath(eff.reads, p);
      addPath(eff.writes, p);
    }
    for (const a of args) if (a === null || a.includes('/')) writeArg(a);
    return eff;
  }
  if (name === 'curl' || name === 'wget') return downloadEffect(name, args, eff, writeArg, cx);
  if (['tar', 'unzip', 'gzip', 'gunzip', 'xz', 'bzip2', 'zstd'].includes(name)) return archiveEffect(name, args, eff, writeArg, readArg);
  if (name === 'git') {
    eff.volatility = Volatility.Toolchain;
    eff.role = 'the download';
    if (args[0] !== 'clone') return null; // other git commands read the repository in the cwd
    const ops = operands.slice(1);
    if (ops.length >= 2) writeArg(ops[ops.length - 1]);
    else {
      eff.readsCwd = true;
      addPath(eff.writes, cx.cwd);
    }
    addPath(eff.reads, '/etc/gitconfig');
    addPath(eff.reads, '/root');
    addPath(eff.reads, '/home');
    return eff;
  }
  return languageEffect(name, cmd, eff, readArg, cx);
}

/** sed: the script is the first operand unless given with -e/-f; the rest are files. */
function operandsAfterScript(args: (string | null)[]): (string | null)[] | null {
  const files: (string | null)[] = [];
  let scriptGiven = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-e' || a === '--expression' || a === '-f' || a === '--file') {
      if (a === '-f' || a === '--file') return null;
      scriptGiven = true;
      k++;
      continue;
    }
    if (isFlag(a)) continue;
    if (!scriptGiven) {
      scriptGiven = true;
      // w/W write a file, r/R read one, e runs a command (also as s///w, s///e flags).
      if (a === null || /(^|[;\s}/])[eEwWrR](\s|$|;)|\/[gpiImM0-9]*[we](\s|$|;)/.test(a)) return null;
      continue;
    }
    files.push(a);
  }
  return files;
}

function downloadEffect(name: 'curl' | 'wget', args: (string | null)[], eff: CommandEffect, writeFile: (a: string | null) => void, cx: CommandContext): CommandEffect | null {
  // The file a download saves needs its folder to exist (curl and wget create none): a COPY into
  // that folder may be what created it, so the folder is read.
  const writeArg = (a: string | null) => {
    writeFile(a);
    if (a === null || a === '.' || a === '-') return;
    const p = normalizePath(a, cx.cwd, cx.windows);
    addPath(eff.reads, p === null ? null : p.replace(/\/[^/]*$/, '') || '/');
  };
  eff.volatility = Volatility.Toolchain;
  eff.role = 'the download';
  // Certificates and name resolution; the user's config files (TOOL_PATHS.curl / .wget), not the whole of /root or /home.
  for (const p of ['/etc/ssl', '/etc/pki', '/etc/ca-certificates', '/usr/share/ca-certificates', '/etc/hosts', '/etc/resolv.conf', '/etc/nsswitch.conf', '/etc/wgetrc', '/usr/local/etc']) {
    addPath(eff.reads, p);
  }
  claimToolPaths(name, name, eff, cx);
  let stdoutOnly = true;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === null) {
      // A dynamic URL is fine; a dynamic option is not: be safe, it may name a file.
      const prev = args[k - 1];
      if (prev !== undefined && prev !== null && /^-[a-zA-Z]*[oOPKTd]$|^--(output|output-document|directory-prefix|config|upload-file|data[\w-]*)$/.test(prev)) return null;
      continue;
    }
    if (a.startsWith('@')) return null; // -d @file reads a file
    if (name === 'curl') {
      if (a === '-o' || a === '--output') {
        writeArg(args[++k] ?? null);
        stdoutOnly = false;
      } else if (/^-[a-zA-Z]*O$/.test(a) || a === '--remote-name' || a === '--remote-name-all' || a === '-J' || a === '--output-dir') {
        if (a === '--output-dir') writeArg(args[++k] ?? null);
        else writeArg('.');
        stdoutOnly = false;
      } else if (/^-[a-zA-Z]*o$/.test(a)) {
        writeArg(args[++k] ?? null);
        stdoutOnly = false;
      } else if (a === '-K' || a === '--config' || a === '-T' || a === '--upload-file' || a === '-c' || a === '-b' || a === '--cookie-jar' || a === '--netrc-file' || a === '--cacert' || a === '-E' || a === '--cert' || a === '--key') {
        return null;
      } else if (/^-[a-zA-Z]*$/.test(a) && /[KTcbE]/.test(a.slice(1)) ) {
        return null;
      }
    } else {
      if (a === '-O' || a === '--output-document') {
        const target = args[++k] ?? null;
        if (target !== '-') writeArg(target);
        stdoutOnly = target === '-' && stdoutOnly;
        if (target !== '-') stdoutOnly = false;
      } else if (/^-[a-zA-NP-Z]*O$/.test(a)) {
        // bundled: -qO file
        const target = args[++k] ?? null;
        if (target !== '-') {
          writeArg(target);
          stdoutOnly = false;
        }
      } else if (/^-[a-zA-NP-Z]*O./.test(a)) {
        const target = a.slice(a.indexOf('O') + 1);
        if (target !== '-') {
          writeArg(target);
          stdoutOnly = false;
        }
      } else if (a.startsWith('--output-document=')) {
        const target = a.slice(18);
        if (target !== '-') {
          writeArg(target);
          stdoutOnly = false;
        }
      } else if (a === '-P' || a === '--directory-prefix') {
        writeArg(args[++k] ?? null);
        stdoutOnly = false;
      } else if (a === '-i' || a === '--input-file' || a === '-e' || a === '--execute' || a === '--config' || a === '--load-cookies' || a === '--post-file' || a === '--body-file') {
        return null;
      }
    }
  }
  if (name === 'wget' && stdoutOnly && !args.some((a) => a === '--output-document' || (a !== null && /^-[a-zA-NP-Z]*O/.test(a)) || a?.startsWith('--output-document='))) {
    writeArg('.'); // wget saves into the current folder by default
  }
  return eff;
}

function archiveEffect(
  name: string,
  args: (string | null)[],
  eff: CommandEffect,
  writeArg: (a: string | null) => void,
  readArg: (a: string | null) => void,
): CommandEffect | null {
  eff.volatility = Volatility.Toolchain;
  eff.role = 'the archive extraction';
  if (name === 'tar') {
    let dir: string | null | undefined;
    let file: string | null | undefined;
    let create = false;
    const operands: (string | null)[] = [];
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (a === null) {
        operands.push(a);
        continue;
      }
      if (a === '-C' || a === '--directory') dir = args[++k] ?? null;
      else if (a.startsWith('--directory=')) dir = a.slice(12);
      else if (a === '-f' || a === '--file') file = args[++k] ?? null;
      else if (a.startsWith('--file=')) file = a.slice(7);
      else if (a.startsWith('--to-command') || a.startsWith('--use-compress-program') || a === '-I' || a.startsWith('--info-script') || a.startsWith('--checkpoint-action') || a === '-F' || a === '-T' || a === '-X' || a.startsWith('--files-from') || a.startsWith('--exclude-from')) return null;
      else if (a.startsWith('--')) {
        if (a === '--create') create = true;
      } else if (a.startsWith('-') || (k === 0 && /^[a-zA-Z]+$/.test(a))) {
        const letters = a.replace(/^-/, '');
        if (letters.includes('c')) create = true;
        if (letters.includes('f')) file = args[++k] ?? null;
        if (letters.includes('C')) dir = args[++k] ?? null;
      } else operands.push(a);
    }
    if (create) {
      if (file === undefined) return null;
      writeArg(file === '-' ? '/dev/stdout' : file);
      for (const o of operands) readArg(o);
      if (dir !== undefined) readArg(dir);
      return eff;
    }
    if (file !== undefined && file !== '-') readArg(file);
    writeArg(dir === undefined ? '.' : dir);
    return eff;
  }
  if (name === 'unzip') {
    const d = args.indexOf('-d');
    const ops = args.filter((a, k) => !isFlag(a) && k !== d + 1 || d === -1 && !isFlag(a));
    if (ops.length === 0) return null;
    readArg(ops[0]);
    writeArg(d === -1 ? '.' : (args[d + 1] ?? null));
    return eff;
  }
  // gzip & co. transform files in place, or stdin to stdout.
  for (const a of args.filter((x) => !isFlag(x))) {
    readArg(a);
    writeArg(a === null ? null : a.replace(/\.(gz|xz|bz2|zst)$/, ''));
    writeArg(a);
  }
  return eff;
}

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
function imagePathHead(image: string): string[] {
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
function claimToolPaths(row: keyof typeof TOOL_PATHS, tool: string, eff: CommandEffect, cx: CommandContext): void {
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
function languageEffect(name: string, cmd: RunCommand, eff: CommandEffect, readArg: (a: string | null) => void, cx: CommandContext): CommandEffect | null {
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

/** The RUN as a whole: union of its commands, with `cd` tracked. */
function runEffect(script: RunScript | null, st: KnownState, windows: boolean, buildContext?: BuildContextInfo) {
  const reads = { vars: noVars(), paths: noPaths(), workdir: false };
  const writes = noPaths();
  let volatility = Volatility.Constant;
  let opaque = script === null || script.opaque;
  let envDump = false;
  const links: [string | null, string | null][] = [];
  const roles: string[] = [];
  let archive = st.archive;
  let archiveWhy = st.archiveWhy;
  const leave = (why: string) => {
    if (archive !== 'debian') return;
    archive = 'other';
    archiveWhy = why;
  };
  let guess: { tool: string; reason: string } | undefined;
  // Reads and writes without the guessed system folders (see Effects.guess).
  const altReads = noPaths();
  const altWrites = noPaths();
  if (!opaque && script) {
    let cwd = st.workdir;
    let cwdUnknown = false;
    for (const cmd of script.commands) {
      const cx: CommandContext = { cwd: cwdUnknown ? null : cwd, windows, pathDirs: st.pathDirs, vars: st.vars, buildContext, archive, archiveWhy, home: homeOf(st), image: st.image };
      if (cmd.name !== null && commandBase(cmd.name) === 'cd') {
        const target = cmd.args.filter((a) => !isFlag(a))[0];
        const next = target === undefined || target === null || target === '-' ? null : normalizePath(target, cx.cwd, windows);
        if (target !== undefined && target !== null && !target.startsWith('/')) reads.workdir = true;
        if (next === null || cmd.inSubshell || cmd.conditional || cmd.inPipeline || cmd.failureIgnored) cwdUnknown = true;
        else cwd = next;
        continue;
      }
      // A PATH set inside the RUN changes where every later command is found.
      if (cmd.assigns.includes('PATH')) addPath(reads.paths, null);
      for (const r of cmd.redirects) {
        if (r === '/dev/null' || r === '/dev/stderr' || r === '/dev/stdout') continue;
        if (r === null || !r.startsWith('/')) reads.workdir = true;
        const w = r === null ? null : normalizePath(r, cx.cwd, windows);
        addPath(writes, w);
        addPath(altWrites, w);
        if (w === null || PACKAGE_CONFIG_PATHS.paths.some((c) => within(c, w) || within(w, c))) leave(`the RUN writes ${w ?? 'a file dockerfix cannot name'}`);
      }
      for (const r of cmd.inputs ?? []) {
        if (r === '/dev/null') continue;
        if (r === null || !r.startsWith('/')) reads.workdir = true;
        addPath(reads.paths, r === null ? null : normalizePath(r, cx.cwd, windows));
        addPath(altReads, r === null ? null : normalizePath(r, cx.cwd, windows));
      }
      if (cmd.assignOnly || cmd.transparentShell) continue;
      const e = commandEffect(cmd, cx);
      if (e === null) {
        opaque = true;
        break;
      }
      if (e.readsCwd) reads.workdir = true;
      if (e.envDump) envDump = true;
      if (e.links) links.push(...e.links);
      for (const p of e.env ?? []) {
        if (p.endsWith('*')) {
          if (!reads.vars.patterns.includes(p)) reads.vars.patterns.push(p);
        } else reads.vars.names.add(p);
      }
      if (e.reads.all) addPath(reads.paths, null);
      else addPaths(reads.paths, e.reads.paths);
      if (e.writes.all) addPath(writes, null);
      else addPaths(writes, e.writes.paths);
      if (e.guess) {
        // Name the install rather than the index update before it.
        if (!guess || / update$/.test(guess.tool)) guess = e.guess;
        // Without the guess, it would still touch what a Debian package touches (the table):
        // the advice is only given when that would let the step move.
        addPaths(altReads, debianPackageClaims(SYSTEM_PACKAGE_PATHS));
        addPaths(altWrites, debianPackageClaims(SYSTEM_PACKAGE_PATHS));
        for (const p of e.reads.paths) if (!SYSTEM_PACKAGE_PATHS.some((f) => within(f, p))) addPath(altReads, p);
      } else {
        // Package tools change package configuration themselves; any other write there does too.
        const base = commandBase(cmd.name ?? '');
        if (e.writes.all) leave(`the RUN runs \`${base}\`, which may write anywhere, apt's sources included`);
        else if (!DEBIAN_PM.has(base) && pathsOverlap(e.writes, PACKAGE_CONFIG_PATHS)) leave(`the RUN runs \`${base}\`, which writes apt, dpkg or linker configuration`);
        if (e.reads.all) addPath(altReads, null);
        else addPaths(altReads, e.reads.paths);
        if (e.writes.all) addPath(altWrites, null);
        else addPaths(altWrites, e.writes.paths);
      }
      if (e.leavesDebian) leave(`the RUN installs a local package or adds a source (\`${commandBase(cmd.name ?? '')}\`)`);
      if (e.volatility > volatility) volatility = e.volatility;
      if (e.volatility >= Volatility.System && !roles.includes(e.role)) roles.push(e.role);
    }
  }
  if (opaque) {
    // Unknown inputs besides the image: as volatile as the toolchain, or as what it follows.
    return { reads: { vars: { all: true, names: new Set<string>(), patterns: [] }, paths: allPaths(), workdir: true }, writes: allPaths(), volatility: Volatility.Toolchain, opaque: true, envDump: true, role: 'the step', links: [] as [string | null, string | null][], archive: (st.archive === 'ubuntu' ? 'ubuntu' : 'other') as Archive, archiveWhy: st.archive === 'debian' ? 'the RUN, which dockerfix does not understand, may have added an apt source' : st.archiveWhy, guess: undefined };
  }
  // Every command is looked up on PATH, and envDump reads every variable.
  for (const r of [reads.paths, altReads]) {
    if (st.pathDirs === null) addPath(r, null);
    else for (const d of st.pathDirs) addPath(r, d);
  }
  if (envDump) reads.vars.all = true;
  const role = roles.length ? roles.sort((a, b) => roleRank(a) - roleRank(b))[0] : 'the step';
  const g: PackageGuess | undefined = guess && { ...guess, folders: SYSTEM_PACKAGE_PATHS, reads: altReads, writes: altWrites };
  return { reads, writes, volatility, opaque: false, envDump, role, links, archive, archiveWhy, guess: g };
}

function roleRank(r: string): number {
  return ['the dependency install', 'the dependency download', 'the system package install', 'the global tool install', 'the tool install', 'the package manager setup', 'the PHP extension build', 'the download', 'the archive extraction', 'the toolchain setup'].indexOf(r);
}

// ───────────────────────────── per instruction ─────────────────────────────

function emptyEffects(i: Instruction): Effects {
  return {
    instruction: i,
    step: false,
    reads: { vars: noVars(), named: new Set(), workdir: false, user: false, shell: false, paths: noPaths(), stages: [], config: new Set() },
    writes: { vars: new Set(), workdir: false, user: false, shell: false, paths: noPaths(), config: new Set() },
    opaque: false,
    envOrderSensitive: false,
    volatility: Volatility.Constant,
    role: `\`${i.keyword}\``,
    links: [],
  };
}

/** Last word of a COPY/ADD: its destination (JSON form too). Null when it cannot be read. */
export function copyParts(i: Instruction): { sources: string[]; dest: string } | null {
  let words: string[];
  const body = i.heredoc ? i.body.slice(0, i.body.indexOf('\n') === -1 ? undefined : i.body.indexOf('\n')) : i.body;
  const t = body.trim();
  if (t.startsWith('[')) {
    try {
      const v = JSON.parse(t.replace(/\\\r?\n/g, ''));
      if (!Array.isArray(v) || v.length < 2) return null;
      words = v.map(String);
    } catch {
      return null;
    }
  } else words = splitWords(body).map(unquote);
  if (i.heredoc) words = words.filter((w) => !/^<<-?/.test(w));
  if (words.length < (i.heredoc ? 1 : 2)) return null;
  return { sources: words.slice(0, -1), dest: words[words.length - 1] };
}

function stageRef(model: DockerfileModel, ref: string, before: number): number | null {
  const r = ref.toLowerCase();
  if (/^\d+$/.test(r)) return Number(r) < before ? Number(r) : null;
  const s = model.stages.findIndex((x, k) => k < before && x.name === r);
  return s === -1 ? null : s;
}

/** Variables named anywhere in an instruction's text: flags, body (ONBUILD bodies included). */
/** Variables the instruction's text names: expanded by the frontend, or (RUN, CMD…) read by the shell or program. */
function namedVariables(i: Instruction): Set<string> {
  return new Set(referencedVariables(i.rawArgs));
}

function computeEffects(
  model: DockerfileModel,
  i: Instruction,
  st: KnownState,
  windows: boolean,
  readRun: NonNullable<AnalyzeOptions['runScript']>,
  stageVolatility: Volatility[],
  buildContext?: BuildContextInfo,
): Effects {
  const e = emptyEffects(i);
  e.reads.named = namedVariables(i);
  for (const n of e.reads.named) e.reads.vars.names.add(n);
  const stageIdx = i.stage;
  switch (i.keyword) {
    case 'FROM':
      e.step = true;
      e.reads.paths = allPaths();
      e.writes.paths = allPaths();
      e.reads.vars.all = true;
      return e;
    case 'ARG':
      for (const { name } of parseArgDecls(i)) e.writes.vars.add(name);
      return e;
    case 'ENV':
      for (const { name } of parseEnvPairs(i.body)) e.writes.vars.add(name);
      e.writes.config.add('Env');
      return e;
    case 'WORKDIR': {
      const raw = expandKnown(i.body.trim(), st);
      const p = raw === null ? null : normalizePath(unquote(raw), st.workdir, windows);
      e.step = p !== '/';
      if (raw === null || !unquote(raw).startsWith('/')) e.reads.workdir = true;
      e.reads.user = true; // mkdir owner
      e.writes.workdir = true;
      e.writes.config.add('WorkingDir');
      addPath(e.writes.paths, p);
      e.role = `\`WORKDIR\``;
      return e;
    }
    case 'USER':
      e.writes.user = true;
      e.writes.config.add('User');
      return e;
    case 'SHELL':
      e.writes.shell = true;
      e.writes.config.add('Shell');
      return e;
    case 'LABEL': {
      for (const w of splitWords(i.body)) {
        const k = unquote(w.split('=', 1)[0]);
        e.writes.config.add(referencedVariables(k).length ? 'Labels:*' : `Labels:${k}`);
      }
      if (!i.body.includes('=')) e.writes.config.add('Labels:*');
      return e;
    }
    case 'MAINTAINER':
      e.writes.config.add('Author');
      return e;
    case 'EXPOSE':
      for (const w of splitWords(i.body)) e.writes.config.add(referencedVariables(w).length ? 'ExposedPorts:*' : `ExposedPorts:${w.includes('/') ? w : w + '/tcp'}`);
      return e;
    case 'STOPSIGNAL':
      e.writes.config.add('StopSignal');
      return e;
    case 'HEALTHCHECK':
      e.writes.config.add('Healthcheck');
      e.reads.shell = !/^\s*(NONE|CMD\s*\[)/i.test(i.body);
      return e;
    case 'CMD':
      e.writes.config.add('Cmd');
      e.reads.shell = i.json === null;
      return e;
    case 'ENTRYPOINT':
      e.writes.config.add('Entrypoint');
      e.reads.config.add('Cmd'); // ENTRYPOINT resets an inherited CMD unless the stage sets one
      e.reads.shell = i.json === null;
      return e;
    case 'ONBUILD':
      e.writes.config.add('OnBuild');
      return e;
    case 'VOLUME': {
      // The classic builder discards RUN writes under a volume: treat the volume as a path claim.
      let words: string[];
      const t = i.body.trim();
      try {
        words = t.startsWith('[') ? (JSON.parse(t) as string[]) : splitWords(i.body).map(unquote);
      } catch {
        words = [];
      }
      if (words.length === 0) addPath(e.writes.paths, null);
      for (const w of words) {
        const v = expandKnown(w, st);
        addPath(e.writes.paths, v === null ? null : normalizePath(v, st.workdir, windows));
        e.writes.config.add(v === null ? 'Volumes:*' : `Volumes:${v}`);
      }
      return e;
    }
    case 'COPY':
    case 'ADD': {
      e.step = true;
      const parts = copyParts(i);
      const from = i.flags.find((f) => f.name === 'from');
      const chown = i.flags.find((f) => f.name === 'chown');
      if (chown && chown.value !== null && !/^\d+(:\d+)?$/.test(unquote(chown.value))) {
        addPath(e.reads.paths, '/etc/passwd');
        addPath(e.reads.paths, '/etc/group');
      }
      if (!parts) {
        e.writes.paths = allPaths();
        e.reads.workdir = true;
        e.volatility = Volatility.Source;
        e.role = 'the copy';
        return e;
      }
      const destRaw = expandKnown(parts.dest, st);
      const relative = destRaw === null || !(destRaw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(destRaw) || (windows && destRaw.startsWith('\\')));
      if (relative) e.reads.workdir = true;
      const dest = destRaw === null ? null : normalizePath(destRaw, st.workdir, windows);
      // Manifest files copied into a folder land at folder/name: claim just those, so a
      // manifest copy and a copy of another folder into the same WORKDIR do not collide.
      const intoFolder = destRaw !== null && (/[/\\]$/.test(destRaw) || destRaw === '.' || parts.sources.length > 1);
      const fileNames = parts.sources.map((src) => src.replace(/^\.\//, ''));
      const plainManifests =
        !from && !i.heredoc && !i.flags.some((f) => f.name === 'parents') &&
        fileNames.every((n) => !/[*?[\]$\\]/.test(n) && MANIFEST_RE.test(n.split('/').pop()!) && !/^(gradle|\.mvn)$/.test(n.split('/').pop()!));
      if (dest !== null && intoFolder && plainManifests) for (const n of fileNames) addPath(e.writes.paths, dest === '/' ? '/' + n.split('/').pop()! : dest + '/' + n.split('/').pop()!);
      else addPath(e.writes.paths, dest);
      if (from && from.value !== null) {
        const s = stageRef(model, unquote(from.value), stageIdx);
        if (s !== null) {
          e.reads.stages.push(s);
          // As volatile as what that stage builds from: an image alias is a tool, a build is source.
          e.volatility = stageVolatility[s] ?? Volatility.Source;
          e.role = e.volatility >= Volatility.Source ? 'the copy from a build stage' : `the copy from stage \`${unquote(from.value)}\``;
        } else {
          e.volatility = Volatility.Toolchain;
          e.role = `the copy from image \`${unquote(from.value)}\``;
        }
        return e;
      }
      if (parts.sources.length && parts.sources.every((s) => /^(https?|git):\/\/|^git@/.test(s))) {
        e.volatility = Volatility.Toolchain;
        e.role = 'the download';
        return e;
      }
      const manifests = !i.heredoc && parts.sources.length > 0 && parts.sources.every((s) => MANIFEST_RE.test(s.replace(/\/+$/, '').split('/').pop()!.replace(/\*$/, '')));
      e.volatility = i.heredoc ? Volatility.Constant : manifests ? Volatility.Dependencies : Volatility.Source;
      e.role = i.heredoc ? 'the inline file' : manifests ? 'the manifest copy' : 'the source copy';
      return e;
    }
    case 'RUN': {
      e.step = true;
      e.reads.user = true;
      e.reads.shell = i.json === null;
      const mountTargets: (string | null)[] = [];
      for (const f of i.flags) {
        if (f.name !== 'mount' || f.value === null) continue;
        const opts = new Map<string, string>();
        for (const kv of unquote(f.value).split(',')) {
          const eq = kv.indexOf('=');
          opts.set(eq === -1 ? kv : kv.slice(0, eq), eq === -1 ? '' : kv.slice(eq + 1));
        }
        const from = opts.get('from');
        if (from) {
          const s = stageRef(model, from, stageIdx);
          if (s !== null) e.reads.stages.push(s);
        }
        const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
        if (target !== undefined) {
          const v = expandKnown(target, st);
          const p = v === null ? null : normalizePath(v, st.workdir, windows);
          if (v === null || !v.startsWith('/')) e.reads.workdir = true;
          addPath(e.reads.paths, p);
          addPath(e.writes.paths, p);
          mountTargets.push(p);
        }
      }
      const script = readRun(i, model.escape, st.shell, windows);
      const r = runEffect(script, st, windows, buildContext);
      e.opaque = r.opaque;
      e.envOrderSensitive = r.envDump;
      if (r.reads.vars.all) e.reads.vars.all = true;
      for (const n of r.reads.vars.names) e.reads.vars.names.add(n);
      e.reads.vars.patterns.push(...r.reads.vars.patterns);
      if (script) for (const n of script.variables) {
        e.reads.named.add(n);
        e.reads.vars.names.add(n);
      }
      if (r.reads.workdir) e.reads.workdir = true;
      addPaths(e.reads.paths, r.reads.paths.paths);
      if (r.reads.paths.all) addPath(e.reads.paths, null);
      addPaths(e.writes.paths, r.writes.paths);
      if (r.writes.all) addPath(e.writes.paths, null);
      e.volatility = r.volatility;
      e.role = r.role;
      e.links = r.links;
      if (r.guess) {
        for (const p of mountTargets) {
          addPath(r.guess.reads, p);
          addPath(r.guess.writes, p);
        }
        e.guess = r.guess;
      }
      if (st.archive === 'debian' && r.archive === 'other') st.archiveWhy = r.archiveWhy.replace(/^the RUN/, `the RUN at line ${i.startLine + 1}`);
      st.archive = r.archive;
      return e;
    }
    default:
      // An unknown instruction: everything.
      e.step = true;
      e.reads.vars.all = true;
      e.reads.paths = allPaths();
      e.writes.paths = allPaths();
      e.reads.workdir = e.reads.user = e.reads.shell = true;
      e.writes.workdir = e.writes.user = e.writes.shell = true;
      e.writes.config.add('*');
      e.volatility = Volatility.Source;
      return e;
  }
}

// ───────────────────────────── the whole file ─────────────────────────────

/** Folders that are symlinks in merged-/usr images (Debian ≥ 12, Ubuntu, Fedora…), and the classic /var aliases. */
const BUILTIN_LINKS: [string, string][] = [
  ['/bin', '/usr/bin'], ['/sbin', '/usr/sbin'], ['/lib', '/usr/lib'], ['/lib32', '/usr/lib32'], ['/lib64', '/usr/lib64'],
  ['/libx32', '/usr/libx32'], ['/var/run', '/run'], ['/var/lock', '/run/lock'],
];

/** {@link BUILTIN_LINKS} both ways. */
const BUILTIN_ALIASES: readonly [string, string][] = [...BUILTIN_LINKS, ...BUILTIN_LINKS.map(([a, b]) => [b, a] as [string, string])];

/**
 * A path may be reached through a link: add what it resolves to (links the Dockerfile
 * created, and the merged-/usr folders both ways). An unknown target makes the set "all".
 */
function withAliases(set: PathSet, links: Map<string, string | null>): PathSet {
  if (set.all || set.paths.length === 0) return set;
  if (links.size === 0) {
    // Only the built-in links: a pure function of the paths, and the same sets (system
    // folders, caches) recur in every file. Each caller gets its own copy.
    const key = set.paths.join('\0');
    let closed = builtinClosures.get(key);
    if (closed === undefined) {
      if (builtinClosures.size >= 4096) builtinClosures.clear();
      const c = aliasClosure(set, BUILTIN_ALIASES);
      closed = c === set ? null : c;
      builtinClosures.set(key, closed);
    }
    return closed === null ? set : { all: closed.all, paths: [...closed.paths] };
  }
  return aliasClosure(set, [...links, ...BUILTIN_ALIASES]);
}

/** Paths joined → their closure under the built-in links (null: no path is under one). Never handed out: callers get copies. */
const builtinClosures = new Map<string, PathSet | null>();

function aliasClosure(set: PathSet, all: readonly [string, string | null][]): PathSet {
  // Most paths are under no link: then the set is its own closure.
  if (!set.paths.some((p) => all.some(([link]) => within(link, p)))) return set;
  const out: PathSet = { all: false, paths: [...set.paths] };
  for (let round = 0; round < 4; round++) {
    const before = out.paths.length;
    for (const p of [...out.paths]) {
      for (const [link, target] of all) {
        if (!within(link, p)) continue;
        if (target === null) {
          addPath(out, null);
          return out;
        }
        addPath(out, target + p.slice(link.length));
      }
    }
    if (out.paths.length === before) break;
  }
  return out;
}

const WINDOWS_BASE = /mcr\.microsoft\.com\/windows|servercore|nanoserver|windows-?\d|ltsc\d{4}/i;
const LINUX_BASE =
  /^(docker\.io\/)?(library\/)?(alpine|debian|ubuntu|busybox|fedora|centos|rockylinux|almalinux|amazonlinux|archlinux|opensuse|node|python|golang|ruby|php|nginx|httpd|redis|postgres|mysql|mariadb|openjdk|eclipse-temurin|maven|gradle|rust|gcc|buildpack-deps|scratch|elixir|perl)([:@]|$)|-(alpine|slim|bookworm|bullseye|buster|jammy|noble|focal)/i;

/**
 * Is this a Windows Dockerfile (shell-form RUNs run `cmd` or PowerShell)? A Windows base
 * image, or the backtick escape unless every base is a known Linux image.
 */
function isWindows(model: DockerfileModel): boolean {
  if (model.stages.some((s) => WINDOWS_BASE.test(s.base))) return true;
  return model.escape === '`' && !model.stages.every((s) => s.baseStage !== null || LINUX_BASE.test(s.base));
}

export interface AnalyzeOptions {
  /** The build context, when known: lets the model read `package.json` and requirements files. */
  buildContext?: BuildContextInfo;
  /** How to read a RUN body (default: {@link runScriptOf}, i.e. the shell parser). Tests inject scripts here. */
  runScript?: (instr: Instruction, escape: string, shell: string[] | null, windows: boolean) => RunScript | null;
}

/** Analyses every instruction of the model. */
export function analyze(model: DockerfileModel, options: AnalyzeOptions = {}): Analysis {
  // Transforms of one pass share the model: analyse it once for them all.
  if (options.runScript) return analyzeUncached(model, options);
  const hit = analyses.get(model);
  if (hit && hit.buildContext === options.buildContext) return hit.analysis;
  const analysis = analyzeUncached(model, options);
  analyses.set(model, { buildContext: options.buildContext, analysis });
  return analysis;
}

const analyses = new WeakMap<DockerfileModel, { buildContext: AnalyzeOptions['buildContext']; analysis: Analysis }>();

function analyzeUncached(model: DockerfileModel, options: AnalyzeOptions): Analysis {
  const { buildContext } = options;
  const readRun = options.runScript ?? runScriptOf;
  const windows = isWindows(model);
  const effects = new Map<number, Effects>();
  const globals = globalArgs(model);
  const stages: StageInfo[] = model.stages.map((s) => ({ index: s.index, name: s.name, baseStage: s.baseStage, children: [], descendants: [], uses: [] }));
  const finals: KnownState[] = [];
  const volatility = new Map<number, Volatility>();
  /** Per stage: the highest effective volatility of its steps (an image alone counts as a tool). */
  const stageVolatility: Volatility[] = [];

  for (const stage of model.stages) {
    // A base written with a variable may name a stage (its volatility is then unknown),
    // unless a literal `:`, `/` or `@` makes it an image reference: stage names have none.
    const maybeStage = stage.base.includes('$') && !/[:/@]/.test(stage.base.replace(/\$\{[^}]*\}|\$\w+/g, ''));
    let sv: Volatility =
      stage.baseStage !== null ? (stageVolatility[stage.baseStage] ?? Volatility.Source) : maybeStage ? Volatility.Source : Volatility.Toolchain;
    const parent = stage.baseStage !== null ? finals[stage.baseStage] : undefined;
    const st: KnownState = parent
      ? cloneKnown(parent)
      : { archive: isUbuntuImage(stage.base) ? 'ubuntu' : 'debian', archiveWhy: '', vars: new Map(), workdir: null, shell: null, pathDirs: [...DEFAULT_PATH_DIRS], links: new Map(), image: stage.base, user: undefined };
    if (parent) stages[stage.baseStage!].children.push(stage.index);
    else if (!/^scratch$/i.test(stage.base)) st.pathDirs = [...imagePathHead(stage.base), ...DEFAULT_PATH_DIRS]; // the image may set PATH: its entries are system folders in practice (and those IMAGE_TOOLS lists)
    effects.set(stage.from.index, computeEffects(model, stage.from, st, windows, readRun, stageVolatility, buildContext));
    const steps: Effects[] = [];
    for (const i of stage.instructions) {
      // A non-POSIX SHELL makes the file's shell-form RUNs opaque; a POSIX SHELL un-Windows them.
      const winHere = windows && !(st.shell && isPosixShell(st.shell));
      const e = computeEffects(model, i, st, winHere, readRun, stageVolatility, buildContext);
      e.reads.paths = withAliases(e.reads.paths, st.links);
      e.writes.paths = withAliases(e.writes.paths, st.links);
      if (e.guess) {
        e.guess.reads = withAliases(e.guess.reads, st.links);
        e.guess.writes = withAliases(e.guess.writes, st.links);
      }
      // A copied apt source, dpkg or linker configuration: later apt installs may not be Debian's.
      if (i.keyword !== 'RUN' && st.archive === 'debian' && pathsOverlap(e.writes.paths, PACKAGE_CONFIG_PATHS)) {
        st.archive = 'other';
        st.archiveWhy = `the \`${i.keyword}\` at line ${i.startLine + 1} may write apt, dpkg or linker configuration`;
      }
      for (const [link, target] of e.links) {
        if (link === null) st.links.set('/', null); // a link somewhere unknown: every later path is unknown
        else st.links.set(link, target);
      }
      effects.set(i.index, e);
      for (const s of e.reads.stages) if (!stages[stage.index].uses.includes(s)) stages[stage.index].uses.push(s);
      // Effective volatility: a step must stay below the earlier steps it cannot cross, so it
      // re-runs whenever they do.
      let v = e.volatility;
      for (const p of steps) {
        if (!canSwap(e, p)) v = Math.max(v, volatility.get(p.instruction.index) ?? p.volatility);
      }
      volatility.set(i.index, v);
      if (e.step) {
        steps.push(e);
        sv = Math.max(sv, v);
      }
      applyKnown(st, i, winHere);
    }
    finals.push(st);
    stageVolatility.push(sv);
  }
  for (const s of stages) {
    const out: number[] = [];
    const visit = (k: number) => {
      if (out.includes(k)) return;
      out.push(k);
      for (const c of stages[k].children) visit(c);
    };
    visit(s.index);
    s.descendants = out.sort((a, b) => a - b);
  }
  return { model, effects, stages, globals, volatility, windows };
}

/** Does `later` read something `earlier` writes (a true dependency)? */
export function dependsOn(later: Effects, earlier: Effects): boolean {
  return readsWhatWrites(later.reads, earlier.writes);
}

function readsWhatWrites(r: Reads, w: Writes): boolean {
  for (const v of w.vars) if (readsVar(r.vars, v)) return true;
  if (w.workdir && r.workdir) return true;
  if (w.user && r.user) return true;
  if (w.shell && r.shell) return true;
  if (pathsOverlap(r.paths, w.paths)) return true;
  if (configOverlap(r.config, w.config)) return true;
  return false;
}

function writesSame(a: Writes, b: Writes): boolean {
  for (const v of a.vars) if (b.vars.has(v)) return true;
  if ((a.workdir && b.workdir) || (a.user && b.user) || (a.shell && b.shell)) return true;
  if (pathsOverlap(a.paths, b.paths)) return true;
  if (a.config.has('*') || b.config.has('*')) return a.config.size > 0 && b.config.size > 0;
  return configOverlap(a.config, b.config);
}

/** Which rule keeps two instructions from trading places (0: none). */
const enum Conflict {
  None,
  From,
  Stages,
  AReadsB,
  BReadsA,
  SameWrite,
}

function conflictOf(a: Effects, b: Effects): Conflict {
  if (a.instruction.keyword === 'FROM' || b.instruction.keyword === 'FROM') return Conflict.From;
  if (a.instruction.stage !== b.instruction.stage) return Conflict.Stages;
  if (readsWhatWrites(a.reads, b.writes)) return Conflict.AReadsB;
  if (readsWhatWrites(b.reads, a.writes)) return Conflict.BReadsA;
  if (writesSame(a.writes, b.writes)) return Conflict.SameWrite;
  return Conflict.None;
}

/** Why two instructions cannot trade places, or null when they can (see {@link canSwap}). */
export function swapConflict(a: Effects, b: Effects): string | null {
  switch (conflictOf(a, b)) {
    case Conflict.None:
      return null;
    case Conflict.From:
      return 'a FROM line starts a new stage';
    case Conflict.Stages:
      return 'they are in different stages';
    case Conflict.AReadsB:
      return `${describe(a)} reads what ${describe(b)} writes`;
    case Conflict.BReadsA:
      return `${describe(b)} reads what ${describe(a)} writes`;
    case Conflict.SameWrite:
      return `both write the same ${sharedWrite(a.writes, b.writes)}`;
  }
}

/**
 * May two instructions of the same stage trade places without changing the image?
 * True only when neither reads what the other writes (variables, WORKDIR, USER, SHELL,
 * paths, config), they write nothing in common, and neither is a FROM. When in doubt, no.
 * The predicate is about the image; cache policy (ENV/ARG order) is the transforms' call.
 */
/** The effects of a step as they would be if its guessed system folders were known not to be touched (see {@link Effects.guess}). */
export function withoutGuess(e: Effects): Effects {
  if (!e.guess) return e;
  return { ...e, reads: { ...e.reads, paths: e.guess.reads }, writes: { ...e.writes, paths: e.guess.writes }, guess: undefined };
}

export function canSwap(a: Effects, b: Effects): boolean {
  return conflictOf(a, b) === Conflict.None;
}

function describe(e: Effects): string {
  return `\`${e.instruction.keyword}\` (line ${e.instruction.startLine + 1})`;
}

function sharedWrite(a: Writes, b: Writes): string {
  for (const v of a.vars) if (b.vars.has(v)) return `variable ${v}`;
  if (a.workdir && b.workdir) return 'WORKDIR';
  if (a.user && b.user) return 'USER';
  if (a.shell && b.shell) return 'SHELL';
  if (pathsOverlap(a.paths, b.paths)) return 'paths';
  return 'image setting';
}

/** Does an instruction read a variable: named, through the env table, or because it is opaque? */
export function readsVariable(e: Effects, name: string): 'named' | 'implicit' | 'opaque' | null {
  if (e.reads.named.has(name)) return 'named';
  if (e.opaque || e.reads.vars.all) return 'opaque';
  if (readsVar(e.reads.vars, name)) return 'implicit';
  return null;
}
