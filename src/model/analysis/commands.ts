/**
 * One simple command of a RUN ({@link commandEffect}): system package tools (Debian's
 * table in {@link debianEffect}, the rest as guesses on the system folders), file and user
 * commands, and the commands that touch nothing. Downloads and language tools are in
 * downloads.ts and tools.ts.
 */
import { debianPackageClaims, DEBIAN_WEB_ROOT, mayWriteWebRoot } from '../debian-paths.js';
import { commandBase, envReadersOf } from '../env-readers.js';
import type { RunCommand } from '../run-script.js';
import { type CommandContext, type CommandEffect, isFlag } from './command-effect.js';
import { type PathSet, SYSTEM_PACKAGE_PATHS, addPath, addPaths, noPaths, normalizePath } from './paths.js';
import { Volatility } from './types.js';
import { archiveEffect, downloadEffect } from './downloads.js';
import { languageEffect } from './tools.js';

// ───────────────────────────── RUN commands ─────────────────────────────

/**
 * Debian's package tools: on a Debian image, with packages from Debian's archive, they write
 * where the table says (src/model/debian-paths.ts) and nowhere else.
 */
export const DEBIAN_PM = new Set(['apt-get', 'apt', 'aptitude', 'dpkg', 'apt-mark', 'apt-cache', 'apt-key', 'debconf-set-selections', 'dpkg-reconfigure', 'add-apt-repository']);
/** apt subcommands that install, remove or configure nothing. */
const APT_READ_ONLY = new Set(['update', 'clean', 'autoclean', 'check', 'download', 'source', 'changelog', 'show', 'showsrc', 'search', 'policy', 'list', 'depends', 'rdepends', 'showpkg', 'madison', 'pkgnames', 'stats', 'dump', 'dumpavail', 'unmet', 'why', 'why-not']);
/** Folders whose contents change what apt and dpkg install, or where the linker cache (run by dpkg triggers) looks. */
export const PACKAGE_CONFIG_PATHS: PathSet = { all: false, paths: ['/etc/apt', '/etc/dpkg', '/etc/ld.so.conf', '/etc/ld.so.conf.d'] };

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
export function commandEffect(cmd: RunCommand, cx: CommandContext): CommandEffect | null {
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
