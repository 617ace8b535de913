/**
 * split-manifest-copy: when a dependency install follows a broad copy of the build context,
 * copy only the install's manifests before it and move the broad copy below it, so editing
 * source files no longer re-runs the install.
 *
 *     WORKDIR /app                 WORKDIR /app
 *     COPY . .                     COPY package.json package-lock.json ./
 *     RUN npm ci           ==>     RUN npm ci
 *                                  COPY . .
 *
 * Safety (buildkit-semantics.md §4 correctness conditions, docs/split-manifest-copy.md):
 *   - the install reads only its manifests (per-ecosystem rules in `src/ecosystems/deps-only.ts`,
 *     manifest contents from `src/context/manifests.ts`);
 *   - every command of the install RUN, and every instruction between the broad copy and it,
 *     provably neither reads nor writes the copied tree;
 *   - what the install writes into the project (`node_modules`, `.venv`, `vendor`, `obj`) is
 *     excluded by `.dockerignore` — or the fix adds it there (a companion edit, when no
 *     Dockerfile of the context takes it from the context: `src/context/ignore-edit.ts`) or
 *     puts `--exclude` on the moved copy — so the broad copy that now follows cannot overwrite it;
 *   - the install cannot rewrite a lock file the broad copy would put back;
 *   - the manifests land at the same paths relative to the same WORKDIR, with the same
 *     `--chown`/`--chmod`/`--link`, and the destination folder gets the same owner and mode
 *     (measured: a COPY creates a missing destination 0755 with the `--chown` owner, whether it
 *     copies `.` or manifests; `--chmod`, `--link` and a crossed WORKDIR that would create it
 *     under another owner are advice);
 *   - nested installs: `npm run <script>` whose script runs `cd <dir> && npm install` gets that
 *     install as a step of its own before the broad copy (`planNestedInstall`).
 * What cannot be shown (no build context, an unreadable manifest, a lifecycle script) is
 * advice; `--unsafe` makes the change anyway and the message says what was not verified.
 */
import type { Advice, Edit, Fix } from '../src/core/fix.js';
import type { BuildContextInfo, Transform, TransformContext } from '../src/core/transform.js';
import type { DockerfileModel, Instruction, Stage } from '../src/model/dockerfile.js';
import { computeStates, joinPath, splitWords, unquote, type StateView } from '../src/model/state.js';
import { expandVariables, parseEnvPairs, referencedVariables } from '../src/model/vars.js';
import { parseArgDecls } from '../src/model/state.js';
import { ecosystemOf } from '../src/ecosystems/index.js';
import { localPrefix } from '../src/ecosystems/npm.js';
import { imageFacts, isWindowsImage } from '../src/ecosystems/images.js';
import { DEPS_STEP_HINTS, depsRole, type DepsOnlyPlan } from '../src/ecosystems/deps-only.js';
import { readGoMod, readNpmLockInstallScripts, readPackageJson } from '../src/context/manifests.js';
import type { CommandView, RunEnvironment } from '../src/ecosystems/types.js';
import { isLocalPath } from '../src/ecosystems/util.js';
import { failureIgnored, runShell } from '../src/model/run-shell.js';
import { splitRunAt } from './split/run-split.js';
import { isPosixShell } from '../src/shell/index.js';
import type { ShellScript, ShellWord, SimpleCommand } from '../src/shell/index.js';
import { expandWord } from '../src/shell/expand.js';
import { knownEnv, type KnownVar } from '../src/model/known-env.js';
import { addBlocked as syntaxAddBlocked, frontendFor } from './syntax-directive.js';
import { planIgnoreEdit } from '../src/context/ignore-edit.js';
import type { CompanionEdit } from '../src/core/fix.js';

/** A companion `.dockerignore` edit the fix carries, with the Dockerfiles checked for it. */
type IgnoreEdit = { edit: CompanionEdit; checked: string[]; created: boolean };

const ID = 'split-manifest-copy';

/** Stand-in for a WORKDIR only the base image knows. Paths under it compare like any other. */
const UNKNOWN_WD = '/\u2039workdir\u203a';

/** Flags a broad copy may carry; the manifest copy repeats them. */
const KEPT_FLAGS = new Set(['chown', 'chmod', 'link']);

/** System package managers: their installs read no project file unless given one. */
const SYSTEM_PMS = new Set(['apt', 'apk', 'dnf', 'yum', 'zypper']);

/**
 * Flags with which the folder a COPY creates was not shown to be the same whether a manifest
 * copy or the broad copy creates it (docs/split-manifest-copy.md "The destination folder").
 */
const NEW_DEST_UNVERIFIED: { flag: string; why: string }[] = [
  { flag: 'chmod', why: 'the folders a `COPY --chmod` creates get the --chmod mode on some builders and 0755 on others (moby/buildkit#6801), so the manifest copy may create it with another mode than the broad copy' },
  { flag: 'link', why: 'a `COPY --link` builds its own layer, whose folder metadata was not measured for a destination the manifest copy creates first' },
];

interface BroadCopy {
  instr: Instruction;
  /** Destination as written (`.`, `./`, `/app`). */
  dest: string;
  /** Absolute destination folder (under {@link UNKNOWN_WD} when relative to an unknown WORKDIR). */
  abs: string;
  /** Flag texts to repeat on the manifest copy. */
  flagText: string[];
  /** Variables the COPY line expands. */
  vars: readonly string[];
  /** The destination word as written in the instruction (quotes included). */
  destWord: string;
  /** The destination as an absolute spelling, when it is known (for a move past a WORKDIR). */
  absSpelled: string | null;
}

interface InstallSite {
  run: Instruction;
  /** Install commands with their plan and working directory. */
  installs: { cmd: RunCommand; cwd: string; plan: DepsOnlyPlan }[];
  /** Where the RUN could be split at `&&`: the commands from `cut` on read the source. */
  split?: { cut: number; script: ShellScript };
  /** Facts the message adds (Python: variables read, virtualenvs created outside the copy). */
  notes?: string[];
}

const transform: Transform = {
  id: ID,
  description: 'Copy only the manifests before a dependency install that follows `COPY . .`, and move the broad copy below it, so source edits no longer re-run the install.',
  defaultEnabled: true,
  moves: true,
  run(ctx) {
    const fixes: Fix[] = [];
    const advice: Advice[] = [];
    const states = computeStates(ctx.model);
    for (const stage of ctx.model.stages) {
      if (isWindowsImage(baseImageOf(ctx.model, stage))) {
        advice.push(...windowsAdvice(ctx, stage, states));
        continue;
      }
      // One split per stage per pass: the next pass sees the moved copy and may split again.
      for (const instr of stage.instructions) {
        const broad = broadCopy(instr, states.get(instr.index)!, ctx.model);
        if (!broad || instr.ignore.has(ID) || instr.ignore.has('all')) continue;
        const r = planSplit(ctx, stage, broad, states);
        if (r === null) continue;
        if ('advice' in r) advice.push({ line: instr.startLine + 1, message: r.advice, instruction: instr.index });
        else {
          fixes.push(r.fix);
          break;
        }
      }
    }
    return { fixes, advice };
  },
};

export default transform;

// ---------------------------------------------------------------------------------------------
// Recognising the broad copy

function broadCopy(instr: Instruction, st: StateView, model: DockerfileModel): BroadCopy | null {
  if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') return null;
  if (instr.heredoc || instr.flags.some((f) => !KEPT_FLAGS.has(f.name))) return null;
  const body = instr.body.trim();
  if (body.startsWith('[')) return null; // JSON form: rare, left alone
  const words = splitWords(body);
  if (words.length !== 2) return null;
  const src = unquote(words[0]);
  if (src !== '.' && src !== './') return null;
  const rawDest = unquote(words[1]);
  const vars = referencedVariables(instr.rawArgs);
  const destExpanded = expandVariables(rawDest, st.env);
  if (!destExpanded || /^[A-Za-z]:[\\/]/.test(destExpanded) || destExpanded.includes('\\')) return null;
  const abs = destExpanded.startsWith('/') ? joinPath('/', destExpanded) : joinPath(st.workdir ?? UNKNOWN_WD, destExpanded);
  const absSpelled = abs.startsWith(UNKNOWN_WD) ? null : abs === '/' ? '/' : `${abs}/`;
  return { instr, dest: rawDest, abs, flagText: instr.flags.map((f) => model.text.slice(f.start, f.end)), vars, destWord: words[1], absSpelled: destExpanded.startsWith('/') ? rawDest : absSpelled };
}

// ---------------------------------------------------------------------------------------------
// Planning one split

type Outcome = { fix: Fix } | { advice: string } | null;

function planSplit(ctx: TransformContext, stage: Stage, broad: BroadCopy, states: ReadonlyMap<number, StateView>): Outcome {
  const { model } = ctx;
  // An earlier broad copy into the same tree already makes every source edit re-run what
  // follows: moving this one down would change nothing about the cache.
  for (const i of stage.instructions) {
    if (i.index >= broad.instr.index) break;
    const earlier = broadCopy(i, states.get(i.index)!, model);
    if (earlier && (relUnder(earlier.abs, broad.abs) !== null || relUnder(broad.abs, earlier.abs) !== null)) {
      const later = firstInstall(ctx, stage, broad.instr);
      return later ? { advice: `Not split: ${later.text} (line ${later.run.startLine + 1}) re-runs on every source edit wherever this copy stands: \`${i.text.split('\n')[0]}\` (line ${i.startLine + 1}) above it already copies the same tree.` } : null;
    }
  }
  const after = stage.instructions.filter((i) => i.index > broad.instr.index);
  const blockers: string[] = [];
  let site: InstallSite | null = null;
  let unverified: string[] = [];
  const between: Instruction[] = [];
  /** Absolute folders that crossed RUNs create inside the copied folder (virtualenvs). */
  const crossedOutputs: string[] = [];

  for (const i of after) {
    const st = states.get(i.index)!;
    if (i.keyword === 'RUN') {
      const r = analyseRun(ctx, i, st, broad, stage);
      if (r.kind === 'install') {
        site = { run: i, installs: r.installs, split: r.split, notes: r.notes };
        unverified.push(...r.unverified);
        if (r.blockers.length) blockers.push(...r.blockers);
        break;
      }
      if (r.kind === 'independent') {
        between.push(i);
        unverified.push(...(r.unverified ?? []));
        crossedOutputs.push(...(r.outputs ?? []));
        continue;
      }
      if (r.advice) return { advice: r.advice };
      // A build that needs the source, in an ecosystem whose deps-only step is another command.
      if (r.ecosystem && DEPS_STEP_HINTS[r.ecosystem]) {
        // The stage already runs the tool before the broad copy (its deps step, often this transform's own output).
        if (usesEcosystemBefore(ctx, stage, broad, r.ecosystem)) return null;
        if (r.ecosystem === 'go' && between.every((b) => b.keyword !== 'RUN')) {
          const go = planGoDownload(ctx, stage, broad, i, states);
          if ('fix' in go) return go;
          if (go.quiet) return null;
          return { advice: `Not split: ${r.ecosystemInstall} (line ${i.startLine + 1}) needs the source, so it must stay below \`${broad.instr.text.split('\n')[0]}\`. A \`go mod download\` step was not added: ${go.why}.` };
        }
        return { advice: `Not split: ${r.ecosystemInstall} (line ${i.startLine + 1}) needs the source, so it must stay below \`${broad.instr.text.split('\n')[0]}\`. ${DEPS_STEP_HINTS[r.ecosystem]}` };
      }
      // `npm run build` whose script runs `cd client && npm install`: install the client first.
      const nested = planNestedInstall(ctx, stage, broad, i, states, between);
      if (nested !== 'none') return nested;
      // A RUN that uses the copied tree: the split would have to move past it.
      return adviceIfInstallLater(ctx, stage, broad, states, i, `the RUN at line ${i.startLine + 1} ${r.why}`);
    }
    const crossing = crossable(i, st, broad);
    if (crossing !== true) return adviceIfInstallLater(ctx, stage, broad, states, i, crossing);
    between.push(i);
  }
  if (!site) {
    // An install that reads no manifest (named packages) was crossed as independent.
    const named = between.length ? firstInstall(ctx, stage, between[0]) : null;
    if (named && between.includes(named.run)) {
      return { advice: `Nothing to split: ${named.text} (line ${named.run.startLine + 1}) names its packages and reads no manifest, so no manifest copy can go before it. It stays below \`${broad.instr.text.split('\n')[0]}\` because reorder-for-cache moves a step above the copy only when its model shows the step reads nothing the copy writes.` };
    }
    return null;
  }
  if (site.run.ignore.has(ID) || site.run.ignore.has('all')) return null;

  const lineOf = (i: Instruction) => i.startLine + 1;
  const installText = site.installs.map((x) => `\`${x.cmd.text}\``).join(' and ');
  const needsSource = site.installs.flatMap((x) => x.plan.needsSource);
  let runSplit: { first: string; second: string; cutText: string } | undefined;
  if (blockers.length || needsSource.length) {
    let splitWhy = '';
    if (site.run.heredoc && needsSource.length === 0) splitWhy = ' (a here-document is not split in two: its lines are one script)';
    if (site.split && needsSource.length === 0) {
      const s = splitRunAt(model, site.run, site.split.script, site.split.cut);
      if (s.ok) runSplit = { first: s.first, second: s.second, cutText: site.split.script.commands[site.split.cut]!.text };
      else splitWhy = ` (the RUN was not split at \`&&\` either: ${s.why})`;
    }
    if (!runSplit) return { advice: `Not split: ${installText} (line ${lineOf(site.run)}) needs more than its manifests: ${[...blockers, ...needsSource].join('; ')}${splitWhy}.` };
  }

  // A destination that may not exist yet is created by the manifest copy instead of the broad
  // copy. Measured (docs/split-manifest-copy.md "The destination folder"): without `--chmod` and
  // `--link`, both create it (and missing parents) 0755, owned by `--chown` or root, whatever the
  // context root's mode. `--chmod` and `--link` create it differently on some builders.
  const stBroad = states.get(broad.instr.index)!;
  if (!destinationExists(broad, stBroad, stage, model, states)) {
    const why = NEW_DEST_UNVERIFIED.filter((f) => broad.instr.flags.some((x) => x.name === f.flag)).map((f) => f.why);
    if (why.length) unverified.push(`${shownPath(broad.abs)} may not exist before the COPY, and ${why.join('; ')} (add \`WORKDIR ${shownPath(broad.abs)}\` above the COPY)`);
    // A crossed WORKDIR on the destination's path now runs first and creates those folders
    // owned by its USER, and the COPY keeps an existing destination folder's owner (measured).
    const owner = broad.instr.flags.some((f) => f.name === 'chown' || f.name === 'chmod');
    for (const w of between) {
      if (w.keyword !== 'WORKDIR') continue;
      const wd = resolveWorkdir(w, states.get(w.index)!);
      if (wd === null || (relUnder(broad.abs, wd) === null && relUnder(wd, broad.abs) === null)) continue;
      const user = states.get(w.index)!.user;
      const rootUser = user === null || user === 'root' || user === '0' || user === '0:0';
      if (owner || !rootUser) {
        unverified.push(`the WORKDIR at line ${w.startLine + 1} would then run first and create ${shownPath(broad.abs)} (or a folder on its path) 0755 owned by ${rootUser ? 'root' : `USER ${user}`}, and the COPY keeps an existing folder's owner, so it would no longer get the COPY's ${owner ? '`--chown`/`--chmod`' : 'root'} owner`);
      }
    }
  }

  // Manifests: absolute paths under the destination, mapped back to the context.
  const bc = ctx.buildContext;
  const items: { ctxPath: string; dir: boolean; required: boolean }[] = [];
  const outputs: string[] = [];
  for (const ins of site.installs) {
    unverified.push(...ins.plan.unverified);
    for (const m of ins.plan.manifests) {
      const abs = joinPath(ins.cwd, m.path);
      const rel = relUnder(broad.abs, abs);
      if (rel === null || rel === '') return { advice: `Not split: ${ins.cmd.text} reads ${m.path} from ${shownPath(abs)}, outside what \`${broad.instr.text}\` copies.` };
      items.push({ ctxPath: rel, dir: !!m.dir, required: m.required });
    }
    for (const o of ins.plan.outputs) {
      const rel = relUnder(broad.abs, o.startsWith('/') ? joinPath('/', o) : joinPath(ins.cwd, o));
      if (rel !== null && rel !== '' && !outputs.includes(rel)) outputs.push(rel);
    }
  }
  for (const o of crossedOutputs) {
    const rel = relUnder(broad.abs, o);
    if (rel !== null && rel !== '' && !outputs.includes(rel)) outputs.push(rel);
  }
  let excludes: string[] = [];
  let ignoreEdit: IgnoreEdit | null = null;
  let excludeWhy = '';
  if (bc) {
    const exposed = outputs.filter((o) => !bc.ignored(o));
    if (exposed.length) {
      // The broad copy that now follows must not bring local copies of them: a companion edit
      // of .dockerignore (default, `outputExclusion: "dockerignore"`) or `COPY --exclude`
      // (`"exclude"`), each only where it can be shown safe, the other as the fallback.
      const viaIgnore = planIgnoreEdit(bc, exposed, model, ctx.path, broad.instr.index);
      const noExclude = broad.instr.json ? 'the COPY is in JSON form' : !exposed.every((o) => /^[A-Za-z0-9._/-]+$/.test(o)) ? 'an output path needs quoting' : excludeUnavailable(ctx);
      const preferExclude = ctx.options.outputExclusion === 'exclude';
      if ('edit' in viaIgnore && (!preferExclude || noExclude !== null)) ignoreEdit = { ...viaIgnore, created: bc.ignoreFacts!().dockerignore.text === null };
      else if (noExclude === null) {
        excludes = exposed;
        if ('why' in viaIgnore && !preferExclude) excludeWhy = ` (not .dockerignore: ${viaIgnore.why})`;
      }
      else unverified.push(`.dockerignore does not exclude ${exposed.map((o) => `\`${o}\``).join(', ')}: the COPY after the install would copy local files over what the install wrote (add ${exposed.length === 1 ? 'it' : 'them'} to .dockerignore; dockerfix did not, because ${'why' in viaIgnore ? viaIgnore.why : 'the `exclude` mode was chosen'}; \`COPY --exclude\` is not used because ${noExclude})`);
    }
  } else if (outputs.length) {
    unverified.push(`without a build context, .dockerignore cannot be checked for ${outputs.map((o) => `\`${o}\``).join(', ')}`);
  }
  // The manifest copy goes right before the install: the crossed instructions read nothing
  // from the tree (checked above), so they need not wait for the manifests, and their layers
  // no longer depend on them. Past a WORKDIR, its destination is spelled absolute.
  const crossesWorkdir = between.some((i) => i.keyword === 'WORKDIR');
  const target = crossesWorkdir && broad.absSpelled ? { ...broad, dest: broad.absSpelled } : broad;
  let copies = manifestCopies(items, bc, target, model.escape);
  // A large workspace: one `COPY --parents` keeps every manifest's folder in one instruction.
  const crowded = site.installs.map((x) => x.plan.crowded).find((c) => c !== undefined);
  let parents = '';
  if (crowded && copies.files.length) {
    const why = frontendUnavailable(ctx, 'COPY --parents', '1.20');
    if (why === null) {
      const perFolder = copies.lines.length;
      copies = parentsCopy(copies.files, target, model.escape);
      parents = ` The manifests are copied by one \`COPY --parents\` (docker/dockerfile:1.20 or later), which keeps each file's folder, because ${crowded} and a COPY per folder would add ${perFolder} lines.`;
    } else unverified.push(`${crowded}: a COPY per folder would add ${copies.lines.length} lines, and \`COPY --parents\` is not used because ${why}`);
  }
  if (copies.files.length === 0) return { advice: `Not split: none of the manifests ${installText} reads (${[...new Set(items.map((x) => x.ctxPath))].join(', ')}) is in the build context.` };

  unverified = [...new Set(unverified)];
  if (unverified.length && !ctx.unsafe) {
    return { advice: `Not split (run with --unsafe to split anyway): moving \`${broad.instr.text.split('\n')[0]}\` below ${installText} (line ${lineOf(site.run)}) cannot be shown safe: ${unverified.join('; ')}.` };
  }

  const fix = buildFix(model, broad, site.run, copies.lines, {
    install: installText,
    files: copies.files,
    unsafe: unverified,
    between,
    excludes,
    runSplit,
    parents,
    excludeWhy,
    ignoreEdit,
  });
  if (site.notes?.length) {
    // Before the --unsafe list, which ends the message.
    const note = ` ${site.notes.join(' ')}`;
    const at = fix.message.indexOf(' --unsafe: not verified:');
    fix.message = at === -1 ? fix.message + note : fix.message.slice(0, at) + note + fix.message.slice(at);
  }
  return { fix };
}

/** When a blocker stops the walk, advise only if an install we could split comes later. */
function adviceIfInstallLater(ctx: TransformContext, stage: Stage, broad: BroadCopy, states: ReadonlyMap<number, StateView>, at: Instruction, why: string): Outcome {
  for (const i of stage.instructions) {
    if (i.index <= at.index || i.keyword !== 'RUN') continue;
    const r = analyseRun(ctx, i, states.get(i.index)!, broad, stage);
    if (r.kind === 'install') {
      const what = r.installs.map((x) => `\`${x.cmd.text}\``).join(' and ');
      return { advice: `Not split: ${what} (line ${i.startLine + 1}) could depend on manifests only, but ${why}.` };
    }
    if (i.keyword === 'RUN' && r.kind === 'reads-source') {
      // Only the first install after the broad copy matters.
      const eco = r.ecosystemInstall;
      if (eco) return { advice: `Not split: ${eco} (line ${i.startLine + 1}) follows \`${broad.instr.text.split('\n')[0]}\`, but ${why}.` };
    }
  }
  // The install may be in the blocking RUN itself, behind a command that blocks first.
  const later = firstInstall(ctx, stage, at);
  if (later) return { advice: `Not split: ${later.text} (line ${later.run.startLine + 1}) follows \`${broad.instr.text.split('\n')[0]}\`, but ${why}.` };
  return null;
}

/**
 * The first project dependency install (an ecosystem's install command, not a system package
 * manager's) in the RUNs of the stage from `from` on: what a refusal names so it is never silent.
 */
function firstInstall(ctx: TransformContext, stage: Stage, from: Instruction): { run: Instruction; text: string } | null {
  for (const i of stage.instructions) {
    if (i.index < from.index || i.keyword !== 'RUN' || i.json || i.heredoc) continue;
    const parsed = runCommands(i, ctx.model.escape);
    if (!parsed.ok) continue;
    const c = parsed.commands.find((x) => {
      const eco = ecosystemOf(x.view);
      return eco && !SYSTEM_PMS.has(eco.id) && eco.isInstall(x.view);
    });
    if (c) return { run: i, text: `\`${c.text}\`` };
  }
  return null;
}

/** A Windows stage is not analysed (cmd/PowerShell RUNs): each broad copy an install follows gets one line saying so. */
function windowsAdvice(ctx: TransformContext, stage: Stage, states: ReadonlyMap<number, StateView>): Advice[] {
  const out: Advice[] = [];
  for (const instr of stage.instructions) {
    if (!broadCopy(instr, states.get(instr.index)!, ctx.model) || instr.ignore.has(ID) || instr.ignore.has('all')) continue;
    const later = firstInstall(ctx, stage, instr);
    if (later) out.push({ line: instr.startLine + 1, instruction: instr.index, message: `Not split: the stage's base image \`${baseImageOf(ctx.model, stage)}\` is a Windows image, whose RUNs (cmd or PowerShell) dockerfix does not analyse, so ${later.text} (line ${later.run.startLine + 1}) stays below \`${instr.text.split('\n')[0]}\`.` });
  }
  return out;
}

/** Can instruction `i` (between the broad copy and the install) run before the broad copy? */
function crossable(i: Instruction, st: StateView, broad: BroadCopy): true | string {
  const line = i.startLine + 1;
  switch (i.keyword) {
    case 'LABEL':
    case 'EXPOSE':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'HEALTHCHECK':
    case 'STOPSIGNAL':
    case 'MAINTAINER':
    case 'ONBUILD':
    case 'USER':
    case 'SHELL':
    case 'VOLUME':
      if (i.keyword === 'VOLUME' && volumeOverlaps(i, st, broad)) return `the VOLUME at line ${line} covers the copied folder`;
      return true;
    case 'ENV':
    case 'ARG': {
      const names = i.keyword === 'ENV' ? parseEnvPairs(i.body).map((p) => p.name) : parseArgDecls(i).map((a) => a.name);
      const hit = names.filter((n) => broad.vars.includes(n));
      return hit.length ? `${i.keyword} at line ${line} changes ${hit.map((h) => `$${h}`).join(', ')}, which the COPY uses` : true;
    }
    case 'WORKDIR': {
      // Creating a folder inside the destination first is fine: a COPY gives every folder it
      // copies its source's owner and mode, existing or not (fsutil copy: nested folders get
      // their metadata overwritten). A relative destination is re-spelled absolute (buildFix).
      if (broad.dest !== broad.absSpelled && (broad.vars.length || broad.absSpelled === null)) {
        return `the WORKDIR at line ${line} would change where the COPY destination \`${broad.dest}\` points`;
      }
      if (resolveWorkdir(i, st) === null) return `the WORKDIR at line ${line} is dynamic`;
      return true;
    }
    case 'COPY':
    case 'ADD': {
      const dest = copyDest(i, st);
      if (dest !== null && relUnder(broad.abs, dest) === null && relUnder(dest, broad.abs) === null) return true;
      return `the ${i.keyword} at line ${line} writes into the copied folder (the order of the two copies matters)`;
    }
    default:
      return `the ${i.keyword} at line ${line} cannot be moved across`;
  }
}

function resolveWorkdir(i: Instruction, st: StateView): string | null {
  const p = expandVariables(i.body.trim(), st.env);
  if (!p) return null;
  return p.startsWith('/') ? joinPath('/', p) : joinPath(st.workdir ?? UNKNOWN_WD, p);
}

function copyDest(i: Instruction, st: StateView): string | null {
  if (i.heredoc || i.body.trim().startsWith('[')) return null;
  const words = splitWords(i.body.trim());
  if (words.length < 2) return null;
  const d = expandVariables(unquote(words[words.length - 1]), st.env);
  if (!d) return null;
  return d.startsWith('/') ? joinPath('/', d) : joinPath(st.workdir ?? UNKNOWN_WD, d);
}

function volumeOverlaps(i: Instruction, st: StateView, broad: BroadCopy): boolean {
  let paths: string[];
  try {
    const t = i.body.trim();
    paths = t.startsWith('[') ? (JSON.parse(t) as string[]) : splitWords(t).map(unquote);
  } catch {
    return true;
  }
  return paths.some((p) => {
    const abs = p.startsWith('/') ? joinPath('/', p) : joinPath(st.workdir ?? UNKNOWN_WD, p);
    return relUnder(broad.abs, abs) !== null || relUnder(abs, broad.abs) !== null;
  });
}

/** The destination existed before the broad copy: it is the WORKDIR (made by WORKDIR or the image), or `/`. */
function destinationExists(broad: BroadCopy, st: StateView, stage: Stage, model: DockerfileModel, states: ReadonlyMap<number, StateView>): boolean {
  if (broad.abs === '/') return true;
  if (st.workdir === null) return broad.abs === UNKNOWN_WD;
  // Any WORKDIR at or below the destination, earlier in this stage or its parents, created it.
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.baseStage !== null ? model.stages[s.baseStage] : undefined) chain.push(s);
  for (const s of chain) {
    for (const i of s.instructions) {
      if (s === stage && i.index >= broad.instr.index) break;
      if (i.keyword !== 'WORKDIR') continue;
      const wd = resolveWorkdir(i, states.get(i.index)!);
      if (wd !== null && relUnder(broad.abs, wd) !== null) return true;
    }
  }
  return false;
}

/** Does a RUN before the broad copy, in this stage, run a command of ecosystem `id`? */
function usesEcosystemBefore(ctx: TransformContext, stage: Stage, broad: BroadCopy, id: string): boolean {
  for (const i of stage.instructions) {
    if (i.index >= broad.instr.index) break;
    if (i.keyword !== 'RUN' || i.json) continue;
    const parsed = runCommands(i, ctx.model.escape);
    if (parsed.ok && parsed.commands.some((c) => ecosystemOf(c.view)?.id === id)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Go: a deps-only step where the file has none

const GO_BUILD_ENV_OK = new Set(['GOOS', 'GOARCH', 'GOARM', 'GOAMD64', 'CGO_ENABLED', 'CC', 'CXX', 'CGO_CFLAGS', 'CGO_LDFLAGS']);

/**
 * `COPY . .` followed directly by `go build`: add `COPY go.mod go.sum ./` and
 * `RUN go mod download` before the broad copy (Docker's Go guide). Only when the download
 * provably fetches what the build would have fetched, with the same settings and access:
 * a builder stage (not the image that is shipped, whose module cache would grow by the
 * modules only tests need), readable go.mod without local replaces outside the copy, no
 * go.work, no vendor folder, no `-mod=vendor`, root user, no ENV/ARG/RUN between the copy
 * and the build, no GO* settings or secret/ssh/cache mounts on the build.
 */
function planGoDownload(ctx: TransformContext, stage: Stage, broad: BroadCopy, build: Instruction, states: ReadonlyMap<number, StateView>): { fix: Fix } | { why: string; quiet?: boolean } {
  const { model } = ctx;
  const bc = ctx.buildContext;
  // The file already has the pattern (this transform's own output, or the author's).
  if (stage.instructions.some((i) => i.index < broad.instr.index && i.keyword === 'RUN' && /\bgo\s+mod\s+download\b/.test(i.body))) return { why: 'the stage already downloads modules', quiet: true };
  if (!bc) return { why: 'without a build context, go.mod cannot be read' };
  const last = model.stages[model.stages.length - 1];
  if (stage === last) return { why: 'this stage is the image that is shipped, and the download would add the modules only tests need to it' };
  const st = states.get(broad.instr.index)!;
  if (st.user !== null && st.user !== 'root' && st.user !== '0') return { why: 'the stage runs as a non-root user' };
  const between = stage.instructions.filter((i) => i.index > broad.instr.index && i.index < build.index);
  if (between.some((i) => i.keyword === 'ENV' || i.keyword === 'ARG' || i.keyword === 'RUN' || i.keyword === 'USER' || i.keyword === 'WORKDIR')) {
    return { why: 'instructions between the COPY and the build change its environment' };
  }
  if (build.flags.some((f) => f.name === 'mount')) return { why: 'the build RUN has mounts (credentials or caches) the download would not have' };
  const envAll = [...st.env.keys()];
  if (envAll.some((k) => /^GO(FLAGS|PROXY|PRIVATE|NOPROXY|NOSUMDB|INSECURE|SUMDB|WORK|MODCACHE|PATH)$/.test(k) && /vendor/.test(st.env.get(k) ?? ''))) return { why: 'GOFLAGS selects the vendor folder' };
  const parsed = runCommands(build, model.escape);
  if (!parsed.ok) return { why: 'the build RUN could not be parsed' };
  const gos = parsed.commands.filter((c) => c.view.name.replace(/^.*\//, '') === 'go');
  if (gos.some((c) => c.view.args.some((a) => a === null || /^-mod(=|$)|^-modfile|^-C$/.test(a)))) return { why: 'the build selects modules with -mod, -modfile or -C' };
  if (gos.some((c) => (c.view.assignments ?? []).some((a) => /^GO/.test(a.name) && !GO_BUILD_ENV_OK.has(a.name)))) return { why: 'the build sets Go module settings on its command line' };
  if (parsed.commands.some((c) => c.view.name === 'cd')) return { why: 'the build changes folder' };
  const dir = relUnder(broad.abs, st.workdir ?? UNKNOWN_WD);
  if (dir !== '') return { why: 'the build does not run in the copied folder' };
  if (bc.exists('go.work')) return { why: 'go.work makes this a multi-module workspace' };
  if (bc.exists('vendor')) return { why: 'the project vendors its modules (vendor/), which the build uses instead of downloads' };
  const gm = readGoMod(bc, '');
  if (gm.state !== 'ok') return { why: gm.state === 'missing' ? 'go.mod is not in the build context' : gm.why };
  const extra: string[] = [];
  for (const r of gm.localReplaces) {
    const rel = joinPath('/', r).slice(1);
    if (r.startsWith('/') || r.startsWith('../') || !bc.exists(`${rel}/go.mod`)) return { why: `go.mod replaces a module with ${r}, which the download cannot see` };
    extra.push(`${rel}/go.mod`);
  }
  const files = ['go.mod', ...(bc.exists('go.sum') ? ['go.sum'] : []), ...extra];
  const copies = manifestCopies(files.map((f) => ({ ctxPath: f, dir: false, required: true })), bc, broad, model.escape);
  const kw = broad.instr.text.startsWith('COPY') || broad.instr.text.startsWith('ADD') ? 'RUN' : 'run';
  const text = copies.lines.map((l) => l + '\n').join('') + `${kw} go mod download\n`;
  const names = listWords(copies.files);
  return {
    fix: {
      message: `Added ${copies.lines.length === 1 ? `\`${copies.lines[0]}\`` : 'copies of ' + names} and \`go mod download\` before \`${broad.instr.text.split('\n')[0]}\`: the module downloads now depend only on ${names}, so editing source files no longer re-downloads them for \`${gos[0]?.text ?? 'go build'}\` (line ${build.startLine + 1}). This is a builder stage; the build sees the same modules.`,
      line: broad.instr.startLine + 1,
      instruction: broad.instr.index,
      edits: [{ range: [broad.instr.blockStart, broad.instr.blockStart], text }],
      instructionDelta: copies.lines.length + 1,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Nested installs: a package.json script that installs a sub-project (`cd client && npm install`)

/**
 * `COPY . .` followed by `RUN npm run build` whose script (in the context's package.json) runs
 * `cd client && npm install` (or `npm install --prefix client`): add a copy of the client's
 * manifests and that install, as the script writes it, before the broad copy. The script is
 * left as it is; its own `npm install` then finds `client/node_modules` complete and changes
 * nothing (measured, docs/split-manifest-copy.md "Nested installs"), so a source edit no longer
 * re-runs the client's install. Only `npm install` with a lock file qualifies; everything that
 * could make the early install differ from the script's is advice naming it.
 * 'none': the RUN runs no such script.
 */
function planNestedInstall(ctx: TransformContext, stage: Stage, broad: BroadCopy, run: Instruction, states: ReadonlyMap<number, StateView>, between: Instruction[]): Outcome | 'none' {
  const bc = ctx.buildContext;
  if (!bc || run.json || run.heredoc) return 'none';
  const st = states.get(run.index)!;
  const parsed = runCommands(run, ctx.model.escape);
  if (!parsed.ok) return 'none';
  let cwd = st.workdir ?? UNKNOWN_WD;
  let earlier: RunCommand | null = null;
  for (const c of parsed.commands) {
    if (c.view.name === 'cd') {
      const t = c.view.args.length === 1 ? c.view.args[0] : null;
      if (!c.plain || t === null || t.includes('$')) return 'none';
      cwd = t.startsWith('/') ? joinPath('/', t) : joinPath(cwd, t);
      continue;
    }
    const args = c.view.args.every((a) => a !== null) ? (c.view.args as string[]) : [];
    const name = c.view.name === 'npm' && (args[0] === 'run' || args[0] === 'run-script') ? args[1] : undefined;
    if (!name || name.startsWith('-')) {
      // Only `cd`s may come before it: anything else could change what the install sees.
      earlier ??= c;
      continue;
    }
    const dir = relUnder(broad.abs, cwd);
    if (dir === null) continue;
    const pkg = readPackageJson(bc, dir);
    if (pkg.state !== 'ok') return 'none';
    // npm runs pre<name>, <name>, post<name>.
    for (const script of [`pre${name}`, name, `post${name}`]) {
      const body = pkg.scripts[script];
      if (body === undefined) continue;
      const found = nestedInstallIn(body);
      if (!found) continue;
      return planNestedFor(ctx, stage, broad, run, c, st, states, between, { dir, script, body, pkgWorkspaces: pkg.workspaces, earlier, ...found });
    }
    return 'none';
  }
  return 'none';
}

/** The first `cd <dir> && npm install|ci` (or `npm install|ci --prefix <dir>`) in a script, with what runs before it. */
function nestedInstallIn(body: string): { sub: string; cmd: RunCommand; before: RunCommand[] } | null {
  const parsed = runCommands({ body } as Instruction, '\\');
  if (!parsed.ok) return null;
  let sub = '';
  const before: RunCommand[] = [];
  for (const c of parsed.commands) {
    if (c.view.name === 'cd' && c.view.args.length === 1 && c.view.args[0] !== null) {
      sub = joinPath('/', `${sub}/${c.view.args[0]}`).slice(1);
      before.push(c);
      continue;
    }
    const p = localPrefix(c.view);
    const view = p ? p.view : c.view;
    const where = p ? joinPath('/', `${sub}/${p.dir}`).slice(1) : sub;
    const a0 = view.args.find((a) => a === null || !a.startsWith('-'));
    if (view.name === 'npm' && (a0 === 'install' || a0 === 'i' || a0 === 'ci') && where !== '' && !c.view.args.some((a) => a === null)) return { sub: where, cmd: c, before };
    before.push(c);
  }
  return null;
}

function planNestedFor(
  ctx: TransformContext,
  stage: Stage,
  broad: BroadCopy,
  run: Instruction,
  npmRun: RunCommand,
  st: StateView,
  states: ReadonlyMap<number, StateView>,
  between: Instruction[],
  n: { dir: string; script: string; body: string; pkgWorkspaces: string[] | null; earlier: RunCommand | null; sub: string; cmd: RunCommand; before: RunCommand[] },
): Outcome {
  const bc = ctx.buildContext!;
  const sub = n.dir ? `${n.dir}/${n.sub}` : n.sub;
  const what = `\`${npmRun.text}\` (line ${run.startLine + 1}) runs \`${n.cmd.text}\` in ${sub} (package.json script "${n.script}")`;
  const no = (why: string, fix: string): Outcome => ({ advice: `Not split: ${what}, which still re-runs on every source edit. Its install was not moved before \`${broad.instr.text.split('\n')[0]}\`: ${why}. ${fix.charAt(0).toUpperCase()}${fix.slice(1)}${fix.endsWith('.') ? '' : '.'}` });
  const stBroad = states.get(broad.instr.index)!;
  const own = `give the install its own step: \`COPY ${sub}/package.json ${sub}/package-lock.json ./${sub}/\` and \`RUN cd ${sub} && npm ci\` above the COPY, and drop it from the script`;
  const stepText = `${n.before.map((c) => c.text).join(' && ')}${n.before.length ? ' && ' : ''}${n.cmd.text}`;
  // The stage already installs that folder before the broad copy (this transform's output, or the author's).
  const target = joinPath(broad.abs, sub);
  if (installsBefore(ctx, stage, broad, target)) return null;
  if (n.sub.startsWith('..') || n.sub.includes('$')) return no(`${n.sub} is not a folder of the build context`, 'Keep it inside the project.');
  if (n.earlier) return no(`the RUN runs \`${n.earlier.text}\` before \`${npmRun.text}\`, which the early install would not see`, `Give \`${npmRun.text}\` a RUN of its own, or ${own}`);
  if (!npmRun.plain) return no(`\`${npmRun.text}\` runs conditionally or in a pipeline`, own);
  if (n.before.some((c) => c.view.name !== 'cd' || !c.plain)) return no(`the script runs \`${n.before.find((c) => c.view.name !== 'cd' || !c.plain)!.text}\` before it, which the early install would not see`, `Put the install first in the script, or ${own}`);
  if (!n.cmd.plain) return no('it runs conditionally or in a pipeline', own);
  const p = localPrefix(n.cmd.view);
  const view = p ? p.view : n.cmd.view;
  const sc = view.args.filter((a) => a !== null && !a.startsWith('-'));
  if (sc.length !== 1) return no('it installs named packages, which changes package.json', own);
  if (sc[0] === 'ci') return no(`\`npm ci\` deletes ${sub}/node_modules and installs it again, so an earlier install would save nothing and the image would keep both copies in its layers`, `Run \`npm ci\` in its own step instead: ${own.replace('give the install its own step: ', '')}`);
  if (!bc.exists(`${sub}/package.json`)) return no(`${sub}/package.json is not in the build context`, 'Nothing to install from manifests alone.');
  if (!bc.exists(`${sub}/package-lock.json`)) return no(`${sub}/package-lock.json is not in the build context: without a lock, the early install's layer would keep the versions it resolved while the original resolves them again on every build`, `Commit ${sub}/package-lock.json.`);
  if (n.pkgWorkspaces) return no(`${n.dir || 'the project'}'s package.json declares workspaces, so npm in ${sub} may act on the whole workspace`, 'Install the workspace from the root instead.');
  if (bc.exists(n.dir ? `${n.dir}/.npmrc` : '.npmrc')) return no(`\`npm run\` hands the settings of ${n.dir ? `${n.dir}/` : ''}.npmrc to the nested npm (as npm_config_* variables); a step of its own would not see them`, own);
  if (!bc.ignored(`${sub}/node_modules`)) return no(`.dockerignore does not exclude ${sub}/node_modules, so local modules would be copied over what the early install wrote`, `Add \`${sub}/node_modules\` (or \`**/node_modules\`) to .dockerignore.`);
  if (!sameState(stBroad, st)) return no(`the ENV, ARG, USER, WORKDIR or SHELL of line ${run.startLine + 1} differ from those at line ${broad.instr.startLine + 1}, where the install would run`, own);
  if (between.some((i) => i.keyword === 'RUN')) return no(`a RUN between the COPY and line ${run.startLine + 1} runs first in the original`, own);
  if (run.flags.some((f) => f.name !== 'mount' || !/(^|,)type=cache(,|$)/.test(f.value ?? ''))) return no(`the RUN at line ${run.startLine + 1} has flags other than cache mounts`, own);
  if (!isPosixShell(st.shell ?? undefined)) return no(`the stage runs RUNs under SHELL ${JSON.stringify(st.shell)}`, own);
  const scripts = readNpmLockInstallScripts(bc, sub);
  if (scripts.state !== 'ok') return no(scripts.state === 'missing' ? `${sub}/package-lock.json is not readable` : scripts.why, own);
  if (scripts.packages.length) return no(`${sub}/package-lock.json lists packages with install scripts (${scripts.packages.slice(0, 3).join(', ')}${scripts.packages.length > 3 ? ', …' : ''}), which \`npm run\` runs with the project's node_modules/.bin on PATH and its npm_* variables; an install step of its own would run them without`, own);
  // The client's own manifest rules (lifecycle scripts, local deps, project-reading deps). The
  // script's own install runs again after the broad copy and writes the lock exactly as the
  // original does (measured), so a lock rewrite is no reason to refuse: ask as `--no-save`.
  const eco = ecosystemOf(view);
  if (!eco || eco.id !== 'npm') return no('it is not a plain npm install', own);
  const abs = joinPath(broad.abs, sub);
  const env: RunEnvironment = { env: new Map([...Object.entries(imageFacts(baseImageOf(ctx.model, stage)).env), ...stBroad.env]), home: null, root: st.user === null || st.user === 'root' || st.user === '0', workdir: abs, baseImage: baseImageOf(ctx.model, stage) };
  const role = depsRole(eco, { ...view, args: [...view.args, '--no-save'] }, env, { ctx: bc, dir: sub, venvs: [] });
  if (!role || role.role !== 'install') return no(role && role.role === 'reads-source' ? lowerFirst(role.why) : 'it may read the copied files', own);
  const reasons = [...role.plan.needsSource, ...role.plan.unverified];
  if (reasons.length) return no(reasons.join('; '), own);

  const files = [`${sub}/package.json`, `${sub}/package-lock.json`, ...(bc.exists(`${sub}/npm-shrinkwrap.json`) ? [`${sub}/npm-shrinkwrap.json`] : []), ...(bc.exists(`${sub}/.npmrc`) ? [`${sub}/.npmrc`] : [])];
  const copies = manifestCopies(files.map((f) => ({ ctxPath: f, dir: false, required: true })), bc, broad, ctx.model.escape);
  const flags = run.flags.map((f) => ctx.model.text.slice(f.start, f.end));
  // The script runs in the folder of its package.json; the new step starts in the broad copy's WORKDIR.
  const home = n.dir ? joinPath(broad.abs, n.dir) : broad.abs;
  const rel = relUnder(stBroad.workdir ?? UNKNOWN_WD, home);
  if (rel === null && home.startsWith(UNKNOWN_WD)) return no('the working folder is not known', own);
  const cdTo = rel === '' ? '' : `cd ${rel ?? home} && `;
  const step = `RUN ${flags.length ? flags.join(' ') + ' ' : ''}${cdTo}${stepText}`;
  const text = copies.lines.map((l) => l + '\n').join('') + step + '\n';
  const names = listWords(copies.files);
  return {
    fix: {
      message: `Added ${copies.lines.length === 1 ? `\`${copies.lines[0]}\`` : `copies of ${names}`} and \`${step}\` before \`${broad.instr.text.split('\n')[0]}\`: ${what}; that install now runs in its own step that depends only on ${names}, so editing source files no longer re-runs it, and the script's \`${n.cmd.text}\` finds ${sub}/node_modules complete and changes nothing.`,
      line: broad.instr.startLine + 1,
      instruction: broad.instr.index,
      edits: [{ range: [broad.instr.blockStart, broad.instr.blockStart], text }],
      instructionDelta: copies.lines.length + 1,
    },
  };
}

/** Does a RUN before the broad copy, in this stage, run `npm install`/`npm ci` in folder `abs`? */
function installsBefore(ctx: TransformContext, stage: Stage, broad: BroadCopy, abs: string): boolean {
  const states = computeStates(ctx.model);
  for (const i of stage.instructions) {
    if (i.index >= broad.instr.index) break;
    if (i.keyword !== 'RUN' || i.json || i.heredoc) continue;
    const parsed = runCommands(i, ctx.model.escape);
    if (!parsed.ok) continue;
    let cwd = states.get(i.index)!.workdir ?? UNKNOWN_WD;
    for (const c of parsed.commands) {
      if (c.view.name === 'cd' && c.view.args.length === 1 && c.view.args[0] !== null) {
        cwd = c.view.args[0].startsWith('/') ? joinPath('/', c.view.args[0]) : joinPath(cwd, c.view.args[0]);
        continue;
      }
      const p = localPrefix(c.view);
      const view = p ? p.view : c.view;
      const where = p ? (p.dir.startsWith('/') ? joinPath('/', p.dir) : joinPath(cwd, p.dir)) : cwd;
      const a0 = view.args.find((a) => a === null || !a.startsWith('-'));
      if (view.name === 'npm' && (a0 === 'install' || a0 === 'i' || a0 === 'ci') && where === abs) return true;
    }
  }
  return false;
}

function sameState(a: StateView, b: StateView): boolean {
  if (a.workdir !== b.workdir || a.user !== b.user || JSON.stringify(a.shell) !== JSON.stringify(b.shell)) return false;
  if (a.env.size !== b.env.size || [...a.args].join('\0') !== [...b.args].join('\0')) return false;
  for (const [k, v] of a.env) if (b.env.get(k) !== v) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// RUN analysis

type RunAnalysis =
  | { kind: 'install'; installs: InstallSite['installs']; blockers: string[]; unverified: string[]; split?: InstallSite['split']; notes?: string[] }
  | { kind: 'independent'; unverified?: string[]; outputs?: string[] }
  | { kind: 'reads-source'; why: string; ecosystemInstall?: string; ecosystem?: string; advice?: string };

function analyseRun(ctx: TransformContext, run: Instruction, st: StateView, broad: BroadCopy, stage: Stage): RunAnalysis {
  if (run.json) return { kind: 'reads-source', why: 'is in exec form' };
  // A bind mount (the default mount type) shows files to the RUN that the split cannot follow.
  if (run.flags.some((f) => f.name === 'mount' && !/(^|,)type=(cache|secret|ssh|tmpfs)(,|$)/.test(f.value ?? ''))) {
    return { kind: 'reads-source', why: 'bind-mounts files' };
  }
  if (!isPosixShell(st.shell ?? undefined)) return { kind: 'reads-source', why: `runs under SHELL ${JSON.stringify(st.shell)}` };
  const parsed = runCommands(run, ctx.model.escape, knownEnv(ctx.model, stage, run, imageFacts(baseImageOf(ctx.model, stage)).env));
  if (!parsed.ok) return { kind: 'reads-source', why: run.heredoc ? `cannot be read: ${parsed.why}` : `could not be parsed (${parsed.why})` };

  const baseEnv = new Map<string, string>(Object.entries(imageFacts(baseImageOf(ctx.model, stage)).env));
  for (const [k, v] of st.env) {
    baseEnv.delete(k);
    baseEnv.set(k, v);
  }
  let cwd = st.workdir ?? UNKNOWN_WD;
  const installs: InstallSite['installs'] = [];
  const blockers: string[] = [];
  const unverified: string[] = [];

  // Every command is classified; the first one that uses the copied tree decides the RUN
  // when no install follows it, and blocks the split when one does.
  let early: { why: string; ecosystemInstall?: string; ecosystem?: string } | null = null;
  // The first command after the installs that needs the source: the RUN may be split there
  // (transforms/split/run-split.ts), unless something before it blocks too.
  let cut: number | null = null;
  let splittable = true;
  const block = (c: RunCommand, why: string, sameRun: string, eco?: { text: string; id: string }) => {
    if (installs.length) {
      blockers.push(`\`${c.text}\` ${sameRun}`);
      cut ??= c.index;
    } else {
      splittable = false;
      early ??= { why: `runs \`${c.text}\`, which ${why}`, ecosystemInstall: eco?.text, ecosystem: eco?.id };
      blockers.push(`\`${c.text}\` runs before it in the same RUN and ${why}`);
    }
  };
  // Virtualenvs created inside the copied folder (absolute): outputs of the install, if one follows.
  const venvOutputs: string[] = [];
  for (let c of parsed.commands) {
    if (c.view.name === '$dynamic' && c.view.args.length === 0) continue; // assignments or redirects only
    for (const v of c.argVars ?? []) {
      unverified.push(`$${v.name} comes from the ARG at line ${v.line}: the RUN was checked with its default \`${v.value}\`, but \`--build-arg ${v.name}=…\` can set any other path, inside the copied folder too`);
    }
    if (c.activates !== undefined) {
      // `. /opt/venv/bin/activate`: the script python's venv wrote, outside the copied tree.
      if (relUnder(broad.abs, c.activates) !== null || relUnder(c.activates, broad.abs) !== null) block(c, 'activates a virtualenv inside the copied folder', 'in the same RUN activates a virtualenv inside the copied folder');
      continue;
    }
    if (c.opaque) {
      const why = c.dynamicWhy ?? 'cannot be analysed';
      const guess = c.rawName !== undefined && c.dynamicWhy ? ecosystemOf({ ...c.view, name: unquote(c.rawName) }) : null;
      if (guess && !SYSTEM_PMS.has(guess.id) && guess.isInstall({ ...c.view, name: unquote(c.rawName!) })) {
        // `"$VENV_PATH/bin/pip" install …` with VENV_PATH unknown: an install the split cannot place.
        blockers.push(`\`${c.text}\` ${why}`);
        installs.push({ cmd: c, cwd, plan: { manifests: [], needsSource: [], unverified: [], outputs: [] } });
        continue;
      }
      block(c, why, `in the same RUN ${why}`);
      continue;
    }
    if (c.view.name === 'cd') {
      const target = c.view.args.length === 1 ? c.view.args[0] : null;
      const unfollowed = !c.plain || target === null || target.includes('$');
      if (unfollowed || c.failureIgnored) {
        const why = unfollowed
          ? 'changes to a folder that cannot be followed'
          : 'changes folder, but the commands after it run even if that fails (no `&&`, no `set -e`), so their folder is not certain';
        // An install later in this RUN: say why it was not split (the walk stops here).
        const later = installs.length ? undefined : parsed.commands.slice(parsed.commands.indexOf(c) + 1).find((x) => {
          const e = ecosystemOf(x.view);
          return e !== null && e !== undefined && !SYSTEM_PMS.has(e.id) && e.isInstall(x.view);
        });
        if (later) return { kind: 'reads-source', why: `runs \`${c.text}\`, which ${why}`, advice: `Not split: \`${later.text}\` (line ${run.startLine + 1}) runs after \`${c.text}\` in the same RUN, which ${why}.` };
        block(c, why, why);
        break;
      }
      cwd = target.startsWith('/') ? joinPath('/', target) : joinPath(cwd, target);
      continue;
    }
    const venv = venvCreation(c, cwd);
    if (venv) {
      if ('why' in venv) {
        block(c, venv.why, `in the same RUN ${venv.why}`);
        continue;
      }
      if (venv.dirs.some((d) => relUnder(d, broad.abs) !== null)) {
        block(c, 'creates a virtualenv on or around the copied folder', 'in the same RUN creates a virtualenv on or around the copied folder');
        continue;
      }
      venvOutputs.push(...venv.dirs.filter((d) => relUnder(broad.abs, d) !== null));
      const dir = ctxDirFor(broad, cwd);
      if (venv.reads.length && dir !== null) {
        // `uv venv` picks the interpreter from these files of its working folder: manifests.
        const bc = ctx.buildContext;
        const present = venv.reads.filter((f) => !bc || bc.exists(dir ? `${dir}/${f}` : f));
        if (present.length) installs.push({ cmd: c, cwd, plan: { manifests: present.map((path) => ({ path, required: false })), needsSource: [], unverified: [], outputs: [] } });
      }
      continue;
    }
    // `npm ci --prefix /app` is `cd /app && npm ci` for this one command (npm.ts `localPrefix`).
    let here = cwd;
    const prefixed = localPrefix(c.view);
    if (prefixed) {
      here = prefixed.dir.startsWith('/') ? joinPath('/', prefixed.dir) : joinPath(cwd, prefixed.dir);
      c = { ...c, view: prefixed.view };
    }
    const env: RunEnvironment = {
      env: new Map([...baseEnv, ...(c.view.assignments ?? []).filter((a) => a.value !== null).map((a) => [a.name, a.value!] as [string, string])]),
      home: null,
      root: st.user === null || st.user === 'root' || st.user === '0',
      workdir: here === UNKNOWN_WD ? null : here,
      baseImage: baseImageOf(ctx.model, stage),
    };
    const eco = ecosystemOf(c.view, { ...env, context: contextFor(ctx.buildContext, broad, here) });
    if (eco && !SYSTEM_PMS.has(eco.id) && eco.id !== 'conda') {
      const pv = projectView(ctx.buildContext, broad, here, env);
      const role = pv ? depsRole(eco, c.view, env, pv) : { role: 'reads-source' as const, why: 'Runs outside the copied folder' };
      if (role === null) {
        block(c, 'may read the copied files', 'in the same RUN may read the copied files');
        continue;
      }
      if (role.role === 'independent') {
        if (c.redirects.some((r) => r.target === null || (!r.target.startsWith('/') && !/^&?\d*$/.test(r.target)) || (r.target.startsWith('/') && relUnder(broad.abs, joinPath('/', r.target)) !== null))) {
          block(c, 'writes into the project', 'in the same RUN writes into the project');
        }
        continue;
      }
      if (role.role === 'reads-source') {
        const isInstall = eco.isInstall(c.view);
        block(c, lowerFirst(role.why), `runs in the same RUN and ${lowerFirst(role.why)} (give it its own RUN after the COPY)`, isInstall ? { text: `\`${c.text}\``, id: eco.id } : undefined);
        continue;
      }
      if (!c.plain) {
        blockers.push(`\`${c.text}\` runs conditionally or in a pipeline`);
        if (cut === null) splittable = false;
      }
      installs.push({ cmd: c, cwd: here, plan: role.plan });
      continue;
    }
    const why = independentCommand(c, broad, here, eco?.id);
    if (why !== true) block(c, why, `in the same RUN ${why}`);
  }
  if (venvOutputs.length) {
    // A RUN of its own that only makes the virtualenv: crossed, with the folder as an output.
    if (installs.length === 0) {
      if (!early) return { kind: 'independent', unverified, outputs: venvOutputs };
    } else installs[0] = { ...installs[0], plan: { ...installs[0].plan, outputs: [...installs[0].plan.outputs, ...venvOutputs] } };
  }
  if (installs.length === 0) {
    const e = early as { why: string; ecosystemInstall?: string; ecosystem?: string } | null;
    return e ? { kind: 'reads-source', why: e.why, ecosystemInstall: e.ecosystemInstall, ecosystem: e.ecosystem } : { kind: 'independent', unverified };
  }
  if (cut !== null && splittable && !run.heredoc) {
    const at = cut;
    return { kind: 'install', installs: installs.filter((x) => x.cmd.index < at), blockers, unverified, split: { cut: at, script: parsed.script }, notes: pythonNotes(parsed.commands.filter((x) => x.index < at), broad) };
  }
  return { kind: 'install', installs, blockers, unverified, notes: pythonNotes(parsed.commands, broad) };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Commands that read and write nothing in the copied folder. */
function independentCommand(c: RunCommand, broad: BroadCopy, cwd: string, ecoId?: string): true | string {
  const name = c.view.name.replace(/^.*\//, '');
  const args = c.view.args;
  if (args.some((a) => a === null)) return c.dynamicWhy ?? 'has dynamic arguments';
  const lit = args as string[];
  for (const r of c.redirects) {
    if (r.target === null) return 'redirects to a dynamic path';
    if (!r.target.startsWith('/') && !/^&?\d*$/.test(r.target) && r.target !== '/dev/null') return `writes ${r.target} (relative to the working folder)`;
    if (r.target.startsWith('/') && relUnder(broad.abs, joinPath('/', r.target)) !== null) return `writes ${r.target}, inside the copied folder`;
  }
  const outsideAll = (paths: string[]) =>
    paths.every((p) => p.startsWith('/') && !p.includes('$') && relUnder(broad.abs, joinPath('/', p)) === null && relUnder(joinPath('/', p.replace(/\*.*$/, '')), broad.abs) === null);
  if (ecoId && SYSTEM_PMS.has(ecoId)) {
    // Package names are fine; a package file must be an absolute path outside the copied folder.
    const files = lit.filter((a) => !a.startsWith('-') && (isLocalPath(a) || /\.(deb|rpm|apk)$/.test(a)));
    return files.length && !outsideAll(files) ? 'installs a local package file' : true;
  }
  if (ecoId === 'conda') return lit.some((a) => a === '-f' || a === '--file' || a.startsWith('--file=')) ? 'reads an environment file' : true;
  void cwd;
  switch (name) {
    case 'true':
    case ':':
    case 'echo':
    case 'printf':
    case 'set':
    case 'export':
    case 'umask':
    case 'sleep':
    case 'update-ca-certificates':
    case 'ldconfig':
    case 'locale-gen':
    case 'corepack':
    case 'useradd':
    case 'adduser':
    case 'groupadd':
    case 'addgroup':
    case 'usermod':
    case 'whoami':
    case 'id':
    case 'uname':
    case 'node':
      if (name === 'node' && !(lit.length === 1 && /^(-v|--version)$/.test(lit[0]))) return 'runs a script';
      if ((name === 'useradd' || name === 'adduser') && lit.some((a, k) => (lit[k - 1] === '-d' || lit[k - 1] === '--home' || lit[k - 1] === '--home-dir') && !outsideAll([a]))) return 'creates a home folder inside the copied folder';
      return true;
    case 'mkdir':
    case 'rm':
    case 'chmod':
    case 'chown':
    case 'ln':
    case 'touch': {
      const paths = lit.filter((a) => !a.startsWith('-'));
      const operands = name === 'chmod' || name === 'chown' ? paths.slice(1) : paths;
      return operands.length && outsideAll(operands) ? true : `touches ${operands.join(' ') || 'files'} in or around the copied folder`;
    }
    case 'python':
    case 'python3':
      // `python -m venv /opt/venv`: creates a virtualenv outside the copied folder.
      if (lit[0] === '-m' && (lit[1] === 'venv' || lit[1] === 'virtualenv')) {
        const dirs = lit.slice(2).filter((a) => !a.startsWith('-'));
        return dirs.length && outsideAll(dirs) ? true : 'creates a virtualenv in or around the copied folder';
      }
      if (lit.length === 1 && /^(-V|--version)$/.test(lit[0])) return true;
      return 'runs Python code';
    case 'pipx':
      // `pipx install poetry`: a tool in its own virtualenv under the user's home, from an index.
      if (lit[0] === 'ensurepath' || lit[0] === '--version') return true;
      return (lit[0] === 'install' || lit[0] === 'inject' || lit[0] === 'upgrade') && !lit.slice(1).some((a) => a === '-e' || a === '--editable' || (!a.startsWith('-') && (isLocalPath(a) || a === '.')))
        ? true
        : 'may install from project files';
    case 'gem':
      return lit[0] === 'install' && !lit.slice(1).some((a) => !a.startsWith('-') && (isLocalPath(a) || a.endsWith('.gem'))) ? true : 'uses project files';
    case 'git':
      return lit[0] === 'config' && (lit.includes('--global') || lit.includes('--system')) ? true : 'reads the repository';
    default:
      return 'may read the copied files';
  }
}

// ---------------------------------------------------------------------------------------------
// Context mapping

/** The context folder that `cwd` holds a copy of, when cwd is inside the broad copy's destination. */
function ctxDirFor(broad: BroadCopy, cwd: string): string | null {
  return relUnder(broad.abs, cwd);
}

function contextFor(bc: BuildContextInfo | undefined, broad: BroadCopy, cwd: string): RunEnvironment['context'] {
  if (!bc) return undefined;
  const dir = ctxDirFor(broad, cwd);
  if (dir === null) return undefined;
  const p = (rel: string) => (dir ? `${dir}/${rel}` : rel);
  return { exists: (rel) => bc.exists(p(rel)), read: (rel) => bc.read(p(rel)) };
}

function projectView(bc: BuildContextInfo | undefined, broad: BroadCopy, cwd: string, env: RunEnvironment) {
  const dir = ctxDirFor(broad, cwd);
  if (dir === null) return null;
  const venvs: string[] = [];
  for (const v of [...(env.env.get('PATH') ?? '').split(':').map((p) => p.replace(/\/bin\/?$/, '')), env.env.get('VIRTUAL_ENV') ?? '']) {
    if (!v.startsWith('/')) continue;
    const rel = relUnder(cwd, joinPath('/', v));
    if (rel) venvs.push(rel);
  }
  return { ctx: bc, dir, venvs: [...new Set(venvs)] };
}

// ---------------------------------------------------------------------------------------------
// The manifest copies

function manifestCopies(
  items: { ctxPath: string; dir: boolean; required: boolean }[],
  bc: BuildContextInfo | undefined,
  broad: BroadCopy,
  escape: string,
): { lines: string[]; files: string[] } {
  void escape;
  const seen = new Set<string>();
  const files: { path: string; dir: boolean; pattern: string }[] = [];
  for (const it of items) {
    if (seen.has(it.ctxPath)) continue;
    seen.add(it.ctxPath);
    if (bc) {
      if (!bc.exists(it.ctxPath)) continue;
      files.push({ path: it.ctxPath, dir: it.dir, pattern: it.ctxPath });
    } else {
      // No context: patterns that cannot fail. A wildcard that matches nothing copies nothing
      // (BuildKit AllowEmptyWildcard); a folder is matched by a one-letter class so only its
      // contents go to the explicit destination folder.
      const base = it.ctxPath.replace(/^.*\//, '');
      const pattern = it.dir ? it.ctxPath.slice(0, -1) + `[${it.ctxPath.slice(-1)}]` : /[*?[]/.test(base) ? it.ctxPath : `${it.ctxPath}*`;
      files.push({ path: it.ctxPath, dir: it.dir, pattern });
    }
  }
  // Group files by destination folder; each folder manifest gets its own line.
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  for (const f of files) {
    const key = f.dir ? f.path : (f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '');
    const gk = f.dir ? `dir:${key}` : `files:${key}`;
    if (!groups.has(gk)) {
      groups.set(gk, []);
      order.push(gk);
    }
    groups.get(gk)!.push(f.pattern);
  }
  const kw = broad.instr.text.startsWith('ADD') || broad.instr.text.startsWith('COPY') ? 'COPY' : 'copy';
  const flags = broad.flagText.length ? broad.flagText.join(' ') + ' ' : '';
  const lines = order.map((gk) => {
    const key = gk.slice(gk.indexOf(':') + 1);
    const dest = destFor(broad.dest, key);
    return `${kw} ${flags}${groups.get(gk)!.map(quoteIfNeeded).join(' ')} ${quoteIfNeeded(dest)}`;
  });
  return { lines, files: files.map((f) => (f.dir ? `${f.path}/` : f.path)) };
}

/**
 * One `COPY --parents` of every manifest to the broad copy's destination: each source keeps
 * its path (a folder source its folder). The root's files go on the first line, each other
 * folder's on a continuation line of its own.
 */
function parentsCopy(files: string[], broad: BroadCopy, escape: string): { lines: string[]; files: string[] } {
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const dir = f.endsWith('/') ? f.slice(0, -1) : f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    if (!byDir.has(dir)) byDir.set(dir, []);
    byDir.get(dir)!.push(f.endsWith('/') ? f.slice(0, -1) : f);
  }
  const flags = broad.flagText.length ? broad.flagText.join(' ') + ' ' : '';
  const rows = [...byDir.values()].map((fs) => fs.map(quoteIfNeeded).join(' '));
  const line = `COPY --parents ${flags}${rows.join(` ${escape}\n    `)} ${quoteIfNeeded(destFor(broad.dest, ''))}`;
  return { lines: [line], files };
}

/** The broad copy's destination spelling, extended by a sub-folder, always ending in `/`. */
function destFor(dest: string, sub: string): string {
  const base = dest === '.' || dest === './' ? '.' : dest.replace(/\/+$/, '');
  if (!sub) return base === '.' ? './' : `${base}/`;
  return `${base === '.' ? '.' : base}/${sub}/`;
}

function quoteIfNeeded(s: string): string {
  return /\s/.test(s) ? JSON.stringify(s) : s;
}

function buildFix(
  model: DockerfileModel,
  broad: BroadCopy,
  run: Instruction,
  copyLines: string[],
  info: { install: string; files: string[]; unsafe: string[]; between: Instruction[]; excludes: string[]; runSplit?: { first: string; second: string; cutText: string }; parents?: string; excludeWhy: string; ignoreEdit: IgnoreEdit | null },
): Fix {
  const text = model.text;
  const b = broad.instr;
  let block = text.slice(b.blockStart, b.blockEnd);
  let excluded = '';
  if (info.excludes.length) {
    // Right after the keyword: `COPY --exclude=node_modules --chown=… . .`.
    const at = b.start - b.blockStart + b.keyword.length;
    block = block.slice(0, at) + info.excludes.map((o) => ` --exclude=${o}`).join('') + block.slice(at);
    const list = listWords(info.excludes.map((o) => `\`${o}\``));
    excluded = ` It now leaves out ${list} (\`--exclude\`, docker/dockerfile:1.19 or later): .dockerignore does not exclude ${info.excludes.length === 1 ? 'it' : 'them'}, and a local copy would otherwise land on what the install wrote${info.excludeWhy}.`;
  }
  if (info.ignoreEdit) {
    const { edit, checked, created } = info.ignoreEdit;
    const outs = edit.append.filter((o) => o !== '.dockerignore');
    const list = listWords(outs.map((o) => `\`${o}\``));
    const one = outs.length === 1;
    excluded = ` It also ${created ? 'creates .dockerignore with' : 'adds'} ${list}${created ? ' (and `.dockerignore` itself, so no image gains the new file)' : ' to .dockerignore'}: a local copy would otherwise land on what the install wrote. No Dockerfile in the build context takes ${one ? 'it' : 'them'} from the context (checked: ${checked.join(', ')}), so no other build changes.`;
  }
  let respelled = '';
  if (info.between.some((i) => i.keyword === 'WORKDIR') && broad.absSpelled && broad.absSpelled !== broad.dest) {
    // The broad copy now follows a WORKDIR: spell its destination as the folder it meant.
    const at = block.lastIndexOf(broad.destWord);
    block = block.slice(0, at) + quoteIfNeeded(broad.absSpelled) + block.slice(at + broad.destWord.length);
    respelled = ` Its destination is now written \`${broad.absSpelled}\`, the folder \`${broad.dest}\` meant before the WORKDIR it now follows.`;
  }
  const copyText = copyLines.map((l) => l + '\n').join('');
  // Adjacent (only blank lines may separate them): one replacement; otherwise remove the broad
  // copy and insert the manifest copy above the install (and its comments).
  const edits: Edit[] =
    info.between.length === 0
      ? [{ range: [b.blockStart, b.blockEnd], text: copyText }]
      : [
          // A broad copy between two blank lines takes one of them along.
          { range: [b.blockStart, b.blockEnd + (text.slice(b.blockStart - 2, b.blockStart) === '\n\n' && text[b.blockEnd] === '\n' ? 1 : 0)], text: '' },
          { range: [run.blockStart, run.blockStart], text: copyText },
        ];
  const endsWithNewline = text.slice(run.blockStart, run.blockEnd).endsWith('\n');
  let splitNote = '';
  if (info.runSplit) {
    // `RUN a && b` → `RUN a`, the broad copy, `RUN b` (each half's bytes as written).
    const tail = text.slice(run.end, run.blockEnd);
    const sp = info.runSplit;
    edits.push({ range: [run.start, run.blockEnd], text: sp.first + (tail.endsWith('\n') ? tail : tail + '\n') + block + sp.second + tail });
    const rest = sp.cutText.replace(/\s*\\\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
    splitNote = ` The RUN at line ${run.startLine + 1} is split at the \`&&\` before \`${rest}\`: that part needs the source, so it now runs in its own RUN (same flags) after the copy; nothing but files passed between the two parts (no \`cd\`, variable or shell setting), and a failure of either still fails the build.`;
  } else {
    edits.push({ range: [run.blockEnd, run.blockEnd], text: endsWithNewline ? block : '\n' + block.replace(/\n$/, '') });
  }
  const names = listWords(info.files);
  const first = b.text.split('\n')[0];
  const from = info.between.length ? info.between[0].startLine + 1 : 0;
  const to = info.between.length ? info.between[info.between.length - 1].endLine + 1 : 0;
  const crossed = info.between.length ? ` The ${from === to ? `instruction between them (line ${from}) reads` : `instructions between them (lines ${from}–${to}) read`} nothing from the copied files.` : '';
  const unsafe = info.unsafe.length ? ` --unsafe: not verified: ${info.unsafe.join('; ')}.` : '';
  return {
    message: `Copied ${names} before ${info.install} and moved \`${first}\` below it: editing source files no longer re-runs ${info.install}; it now depends only on ${names}.${splitNote}${info.parents ?? ''}${crossed}${respelled}${excluded}${unsafe}`,
    line: b.startLine + 1,
    instruction: b.index,
    edits,
    instructionDelta: copyLines.length + (info.runSplit ? 1 : 0),
    ...(info.ignoreEdit ? { companions: [info.ignoreEdit.edit] } : {}),
  };
}

/**
 * Why the file will not end with a frontend that has `COPY --exclude`, or null when it will: a
 * `# syntax` directive that supports it, or one syntax-directive adds or raises in this run
 * (its rule, `frontendFor`). Without a directive the builder's own frontend is used, and the
 * ones built into Docker Engine releases before 2025 lack it.
 */
function excludeUnavailable(ctx: TransformContext): string | null {
  return frontendUnavailable(ctx, '--exclude', '1.19');
}

/** The same rule for any feature of `src/model/frontend.ts` (`COPY --parents`: 1.20). */
function frontendUnavailable(ctx: TransformContext, featureId: string, min: string): string | null {
  const settings = ctx.enabled.get('syntax-directive') ?? null;
  const directive = ctx.model.directives.find((d) => d.name === 'syntax');
  if (!directive && (settings === null || syntaxAddBlocked(ctx.model))) return `the file has no \`# syntax\` directive and none is added in this run, so the builder's own frontend, which may be older than docker/dockerfile:${min}, would build it`;
  const o = frontendFor(ctx.model, featureId, settings);
  if (o.kind === 'supported' || o.kind === 'raised') return null;
  if (o.kind === 'unknown') return `the file uses the frontend \`${o.value}\`, which dockerfix does not know`;
  return `${o.subject[0].toLowerCase()}${o.subject.slice(1)}, older than docker/dockerfile:${min}${o.why ? `, and ${o.why}` : ''}`;
}

function listWords(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Paths

/** `target` relative to `base` (absolute paths), `''` when equal, null when not inside. */
function relUnder(base: string, target: string): string | null {
  if (target === base) return '';
  const b = base.endsWith('/') ? base : base + '/';
  return target.startsWith(b) ? target.slice(b.length) : null;
}

function shownPath(p: string): string {
  return p.startsWith(UNKNOWN_WD) ? `the working folder${p.slice(UNKNOWN_WD.length)}` : p;
}

function baseImageOf(model: DockerfileModel, stage: Stage): string {
  let s: Stage = stage;
  for (let n = 0; s.baseStage !== null && n < 64; n++) s = model.stages[s.baseStage];
  return s.base.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// The commands of a RUN (shell form or a here-document a shell runs) as CommandViews: a thin
// view over `runShell` (src/model/run-shell.ts).

interface RunCommand {
  /** Position in the parsed script's commands. */
  index: number;
  view: CommandView;
  /** Source text of the command on one line, for messages. */
  text: string;
  /** Runs unconditionally in the top-level list: not after `||`, piped, backgrounded, negated, looped or nested. */
  plain: boolean;
  /** The script goes on when it fails (`;` or a newline, no `set -e`): a `cd` here may not have happened. */
  failureIgnored: boolean;
  redirects: { op: string; target: string | null }[];
  /** A `.`/`source`, `eval`, function call or dynamic command name: the analysis cannot see what runs. */
  opaque: boolean;
  /** Why a word with a variable stayed unknown (`uses $X, which …`), when one did. */
  dynamicWhy?: string;
  /** Variables the stage fixes with ENV, read into the words. */
  constVars?: { name: string; value: string }[];
  /** Variables from ARGs whose defaults were used to read the words. */
  argVars?: { name: string; value: string; line: number }[];
  /** `. /opt/venv/bin/activate`: the virtualenv folder it activates. */
  activates?: string;
  /** The command name's source text, when it has variables. */
  rawName?: string;
}

type RunCommands = { ok: true; commands: RunCommand[]; script: ShellScript } | { ok: false; why: string };

function runCommands(run: Instruction, escape: string, known?: ReadonlyMap<string, KnownVar>): RunCommands {
  const r = runShell(run, escape);
  if (!r.ok) return { ok: false, why: r.why };
  const opaqueAt = r.script.opaqueConstructs;
  const words = known ? wordResolver(r.script, run, known) : null;
  const commands = r.script.commands.map((c): RunCommand => {
    const oneLine = c.text
      .split('\n')
      .map((l) => l.trim())
      .join(' ')
      .replace(new RegExp(`\\s*\\${escape}\\s+`, 'g'), ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const w = words ? words(c) : null;
    const name = w ? w.name : (c.name?.value ?? null);
    const activates = name === '.' || name === 'source' ? w?.activates : undefined;
    return {
      index: c.index,
      view: {
        name: name ?? '$dynamic',
        args: w ? w.args : c.args.map((a) => a.value),
        assignments: c.assignments.map((a) => ({ name: a.name, value: a.value === null ? '' : a.value.value })),
      },
      text: oneLine,
      plain: c.topLevel && !c.inSubshell && !c.inPipeline && !c.conditional && !c.negated && !c.background && c.nested === null,
      failureIgnored: failureIgnored(r.script, c, r.errexit),
      redirects: c.redirects.map((d) => ({ op: d.op, target: d.target?.value ?? null })),
      opaque:
        c.name === null
          ? false
          : name === null ||
            opaqueAt.some(
              (o) =>
                o.start >= c.start &&
                o.end <= c.end &&
                o.reason !== 'complex-shell-c' &&
                // A command name read from known variables, an activate script of a virtualenv: seen.
                !(o.reason === 'dynamic-command-name' && name !== null && c.name !== null && o.start === c.name.start) &&
                !(o.reason === 'source' && activates !== undefined),
            ),
      dynamicWhy: w?.dynamicWhy,
      argVars: w?.argVars.length ? w.argVars : undefined,
      constVars: w?.constVars.length ? w.constVars : undefined,
      activates,
      rawName: c.name !== null && c.name.value === null ? c.name.text : undefined,
    };
  });
  return { ok: true, commands, script: r.script };
}

// ---------------------------------------------------------------------------------------------
// Python: words read from known variables, virtualenvs (docs/split-manifest-copy.md, "Python")

/**
 * Reads the words of a RUN's commands that use variables (`"$VENV_PATH/bin/pip"`) from the
 * values the stage fixes (`knownEnv`): an ENV of literals is the same in every build; an ARG's
 * default is used but reported (`argVars`), since `--build-arg` can change it. A variable the
 * RUN itself sets (an assignment, `export`, `read`, `for`, an activate script) is not read.
 */
function wordResolver(script: ShellScript, run: Instruction, known: ReadonlyMap<string, KnownVar>) {
  const assigned = new Set<string>();
  for (const c of script.commands) {
    if (c.name === null) for (const a of c.assignments) assigned.add(a.name);
    const n = c.name?.value;
    if (n && /^(export|local|declare|typeset|readonly|unset|read|getopts)$/.test(n)) for (const a of c.args) assigned.add((a.value ?? a.text).replace(/=.*$/s, ''));
    if (n === '.' || n === 'source') ['VIRTUAL_ENV', 'PATH', 'PS1'].forEach((x) => assigned.add(x));
  }
  for (const m of run.body.matchAll(/\bfor\s+([A-Za-z_][A-Za-z0-9_]*)/g)) assigned.add(m[1]);
  return (c: SimpleCommand) => {
    let dynamicWhy: string | undefined;
    const argVars: { name: string; value: string; line: number }[] = [];
    const constVars: { name: string; value: string }[] = [];
    const read = (word: ShellWord): string | null => {
      if (word.value !== null) return word.value;
      const r = expandWord(word.text, (v) => (assigned.has(v) || known.get(v)?.source.kind === 'unset-arg' ? undefined : known.get(v)?.value));
      if (!r.ok) {
        if (!dynamicWhy && r.unknown) {
          const v = r.unknown;
          const src = known.get(v)?.source;
          dynamicWhy = v === '_' || !/^[A-Za-z_]/.test(v)
            ? `uses $${v}, which the shell sets as it runs`
            : assigned.has(v)
            ? `uses $${v}, which the RUN itself sets`
            : src?.kind === 'unset-arg'
              ? `uses $${v}, an ARG without a default (line ${src.line}): only \`--build-arg\` gives it a value`
              : `uses $${v}, which this Dockerfile does not set (it may come from the base image, whose environment is unknown)`;
        }
        return null;
      }
      for (const v of r.names) {
        const src = known.get(v)!.source;
        if (src.kind === 'arg' && !argVars.some((x) => x.name === v)) argVars.push({ name: v, value: known.get(v)!.value, line: src.line });
        if (src.kind === 'constant' && !constVars.some((x) => x.name === v)) constVars.push({ name: v, value: known.get(v)!.value });
      }
      return r.value;
    };
    const name = c.name ? read(c.name) : null;
    const args = c.args.map(read);
    const act = args.length === 1 && args[0] !== null ? /^(\/.+)\/bin\/activate$/.exec(args[0]) : null;
    return { name, args, dynamicWhy, argVars, constVars, activates: act ? joinPath('/', act[1]) : undefined };
  };
}

/** Value flags of the virtualenv creators (their values are not folders). */
const VENV_VALUE_FLAGS: Record<string, string[]> = {
  venv: ['--prompt'],
  virtualenv: ['-p', '--python', '--prompt', '--activators', '--seeder', '--creator', '--discovery', '--extra-search-dir', '--app-data'],
  uv: ['-p', '--python', '--prompt', '--index-url', '--extra-index-url', '-i', '--default-index', '--index', '--cache-dir', '--link-mode', '--directory', '--project'],
};

/** Files `uv venv` reads from its working folder to choose the interpreter. */
const UV_VENV_READS = ['.python-version', 'pyproject.toml', 'uv.toml'];

/**
 * `python -m venv DIR`, `virtualenv DIR`, `uv venv [DIR]`: the folders they create (absolute),
 * and for `uv venv` the project files it reads (`.python-version`, `requires-python`), or null
 * when `c` creates no virtualenv. `why` when the folder cannot be told.
 */
function venvCreation(c: RunCommand, cwd: string): { dirs: string[]; reads: string[] } | { why: string } | null {
  const name = c.view.name.replace(/^.*\//, '');
  const args = c.view.args;
  let tool: string;
  let rest: (string | null)[];
  if (/^python(\d+(\.\d+)?)?$/.test(name) && args[0] === '-m' && (args[1] === 'venv' || args[1] === 'virtualenv')) {
    tool = args[1] === 'venv' ? 'venv' : 'virtualenv';
    rest = args.slice(2);
  } else if (name === 'virtualenv') {
    tool = 'virtualenv';
    rest = args;
  } else if (name === 'uv' && args.filter((a) => a === null || !a.startsWith('-'))[0] === 'venv') {
    tool = 'uv';
    rest = args.slice(args.indexOf('venv') + 1);
  } else return null;
  if (rest.some((a) => a === null)) return { why: c.dynamicWhy ?? 'has dynamic arguments' };
  const lit = rest as string[];
  if (tool === 'uv' && lit.some((a) => a === '--directory' || a === '--project' || a.startsWith('--directory=') || a.startsWith('--project='))) return { why: '`uv venv` reads another project' };
  const dirs: string[] = [];
  for (let k = 0; k < lit.length; k++) {
    const a = lit[k];
    if (a.startsWith('-')) {
      if (VENV_VALUE_FLAGS[tool].includes(a)) k++;
      continue;
    }
    dirs.push(a.startsWith('/') ? joinPath('/', a) : joinPath(cwd, a));
  }
  if (tool === 'uv' && dirs.length === 0) dirs.push(joinPath(cwd, '.venv'));
  if (dirs.length === 0) return { why: 'names no folder' };
  return { dirs, reads: tool === 'uv' ? UV_VENV_READS : [] };
}

/** What the message says about the Python parts of the install RUN: variables read, virtualenvs made outside the copy. */
function pythonNotes(commands: RunCommand[], broad: BroadCopy): string[] {
  const vars = new Map<string, string>();
  for (const c of commands) for (const v of c.constVars ?? []) vars.set(v.name, v.value);
  const notes: string[] = [];
  if (vars.size) notes.push(`${listWords([...vars].map(([k, v]) => `$${k} is \`${v}\``))} in every build (set by ENV).`);
  for (const c of commands) {
    const v = venvCreation(c, UNKNOWN_WD);
    if (!v || 'why' in v) continue;
    const made = v.dirs.filter((d) => !d.startsWith(UNKNOWN_WD) && relUnder(broad.abs, d) === null);
    if (!made.length) continue;
    // `uv venv` reads its interpreter settings (copied with the manifests); venv and virtualenv read no project file.
    const reads = v.reads.length ? 'reads only the interpreter settings copied with the manifests' : 'reads no project file';
    notes.push(`\`${c.text}\` creates ${listWords(made)}, outside the copied folder, and ${reads}.`);
  }
  return notes;
}
