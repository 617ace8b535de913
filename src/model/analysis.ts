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
 *
 * This file is the entry point: {@link analyze} walks the file's stages and re-exports the
 * public API. The rules live in src/model/analysis/: types.ts (the shapes), paths.ts (path
 * sets, normalisation, links), known-state.ts (constant state per instruction),
 * command-effect.ts, commands.ts, downloads.ts and tools.ts (one command of a RUN), run.ts
 * (a whole RUN), instruction.ts (one instruction) and swap.ts (dependency and swap questions).
 */
import type { BuildContextInfo } from '../core/transform.js';
import type { DockerfileModel, Instruction } from './dockerfile.js';
import { isUbuntuImage } from './debian-paths.js';
import { isPosixShell, runScriptOf, type RunScript } from './run-script.js';
import { globalArgs } from './state.js';
import { type Analysis, type Effects, type StageInfo, Volatility } from './analysis/types.js';
import { DEFAULT_PATH_DIRS, type KnownState, applyKnown, cloneKnown } from './analysis/known-state.js';
import { PACKAGE_CONFIG_PATHS } from './analysis/commands.js';
import { canSwap } from './analysis/swap.js';
import { computeEffects } from './analysis/instruction.js';
import { imagePathHead } from './analysis/tools.js';
import { pathsOverlap, withAliases } from './analysis/paths.js';

export type { ConfigKey, Reads, Writes, Effects, PackageGuess, StageInfo, Analysis } from './analysis/types.js';
export { Volatility } from './analysis/types.js';
export type { PathSet, VarSet } from './analysis/paths.js';
export { SYSTEM_PATHS, SYSTEM_PACKAGE_PATHS, pathsOverlap } from './analysis/paths.js';
export { MANIFEST_RE } from './analysis/tools.js';
export { copyParts } from './analysis/instruction.js';
export { dependsOn, swapConflict, withoutGuess, canSwap, readsVariable } from './analysis/swap.js';

// ───────────────────────────── the whole file ─────────────────────────────

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
