/**
 * A RUN as a whole ({@link runEffect}): the union of its commands' effects, with `cd`,
 * links and Debian guesses tracked across them.
 */
import type { BuildContextInfo } from '../../core/transform.js';
import { debianPackageClaims } from '../debian-paths.js';
import { commandBase } from '../env-readers.js';
import type { RunScript } from '../run-script.js';
import { type Archive, type KnownState, homeOf } from './known-state.js';
import { type CommandContext, isFlag } from './command-effect.js';
import { DEBIAN_PM, PACKAGE_CONFIG_PATHS, commandEffect } from './commands.js';
import { type PackageGuess, Volatility } from './types.js';
import { SYSTEM_PACKAGE_PATHS, addPath, addPaths, allPaths, noPaths, noVars, normalizePath, pathsOverlap, within } from './paths.js';

/** The RUN as a whole: union of its commands, with `cd` tracked. */
export function runEffect(script: RunScript | null, st: KnownState, windows: boolean, buildContext?: BuildContextInfo) {
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
