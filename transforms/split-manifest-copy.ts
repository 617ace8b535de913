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
 *     `--chown`/`--chmod`/`--link`, and the destination folder existed before the broad copy
 *     (a COPY into a new folder gives it the context folder's mode; a manifest COPY would give 0755).
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
import { imageFacts, isWindowsImage } from '../src/ecosystems/images.js';
import { DEPS_STEP_HINTS, depsRole, type DepsOnlyPlan } from '../src/ecosystems/deps-only.js';
import { readGoMod } from '../src/context/manifests.js';
import type { CommandView, RunEnvironment } from '../src/ecosystems/types.js';
import { isLocalPath } from '../src/ecosystems/util.js';
import { isPosixShell, parseShell } from '../src/shell/index.js';
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
}

const transform: Transform = {
  id: ID,
  description: 'Copy only the manifests before a dependency install that follows `COPY . .`, and move the broad copy below it, so source edits no longer re-run the install.',
  defaultEnabled: true,
  run(ctx) {
    const fixes: Fix[] = [];
    const advice: Advice[] = [];
    const states = computeStates(ctx.model);
    for (const stage of ctx.model.stages) {
      if (isWindowsImage(baseImageOf(ctx.model, stage))) continue;
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
    if (earlier && (relUnder(earlier.abs, broad.abs) !== null || relUnder(broad.abs, earlier.abs) !== null)) return null;
  }
  const after = stage.instructions.filter((i) => i.index > broad.instr.index);
  const blockers: string[] = [];
  let site: InstallSite | null = null;
  let unverified: string[] = [];
  const between: Instruction[] = [];

  for (const i of after) {
    const st = states.get(i.index)!;
    if (i.keyword === 'RUN') {
      const r = analyseRun(ctx, i, st, broad, stage);
      if (r.kind === 'install') {
        site = { run: i, installs: r.installs };
        unverified = r.unverified;
        if (r.blockers.length) blockers.push(...r.blockers);
        break;
      }
      if (r.kind === 'independent') {
        between.push(i);
        continue;
      }
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
      // A RUN that uses the copied tree: the split would have to move past it.
      return adviceIfInstallLater(ctx, stage, broad, states, i, `the RUN at line ${i.startLine + 1} ${r.why}`);
    }
    const crossing = crossable(i, st, broad);
    if (crossing !== true) return adviceIfInstallLater(ctx, stage, broad, states, i, crossing);
    between.push(i);
  }
  if (!site) return null;
  if (site.run.ignore.has(ID) || site.run.ignore.has('all')) return null;

  const lineOf = (i: Instruction) => i.startLine + 1;
  const installText = site.installs.map((x) => `\`${x.cmd.text}\``).join(' and ');
  const needsSource = site.installs.flatMap((x) => x.plan.needsSource);
  if (blockers.length || needsSource.length) {
    return { advice: `Not split: ${installText} (line ${lineOf(site.run)}) needs more than its manifests: ${[...blockers, ...needsSource].join('; ')}.` };
  }

  // The destination must exist before the broad copy (see the header).
  const stBroad = states.get(broad.instr.index)!;
  if (!destinationExists(broad, stBroad, stage, model, states)) {
    unverified.push(`${shownPath(broad.abs)} may not exist before the COPY: it would be created with mode 0755 instead of the context folder's mode (add \`WORKDIR ${shownPath(broad.abs)}\` above the COPY)`);
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
      const rel = relUnder(broad.abs, joinPath(ins.cwd, o));
      if (rel !== null && rel !== '' && !outputs.includes(rel)) outputs.push(rel);
    }
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
  const copies = manifestCopies(items, bc, crossesWorkdir && broad.absSpelled ? { ...broad, dest: broad.absSpelled } : broad, model.escape);
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
    excludeWhy,
    ignoreEdit,
  });
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
  return null;
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
    if (i.keyword !== 'RUN' || i.json || i.heredoc) continue;
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
// RUN analysis

type RunAnalysis =
  | { kind: 'install'; installs: InstallSite['installs']; blockers: string[]; unverified: string[] }
  | { kind: 'independent' }
  | { kind: 'reads-source'; why: string; ecosystemInstall?: string; ecosystem?: string };

function analyseRun(ctx: TransformContext, run: Instruction, st: StateView, broad: BroadCopy, stage: Stage): RunAnalysis {
  if (run.json) return { kind: 'reads-source', why: 'is in exec form' };
  if (run.heredoc) return { kind: 'reads-source', why: 'is a here-document' };
  // A bind mount (the default mount type) shows files to the RUN that the split cannot follow.
  if (run.flags.some((f) => f.name === 'mount' && !/(^|,)type=(cache|secret|ssh|tmpfs)(,|$)/.test(f.value ?? ''))) {
    return { kind: 'reads-source', why: 'bind-mounts files' };
  }
  if (!isPosixShell(st.shell ?? undefined)) return { kind: 'reads-source', why: `runs under SHELL ${JSON.stringify(st.shell)}` };
  const parsed = runCommands(run, ctx.model.escape);
  if (!parsed.ok) return { kind: 'reads-source', why: `could not be parsed (${parsed.why})` };

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
  const block = (c: RunCommand, why: string, sameRun: string, eco?: { text: string; id: string }) => {
    if (installs.length) blockers.push(`\`${c.text}\` ${sameRun}`);
    else {
      early ??= { why: `runs \`${c.text}\`, which ${why}`, ecosystemInstall: eco?.text, ecosystem: eco?.id };
      blockers.push(`\`${c.text}\` runs before it in the same RUN and ${why}`);
    }
  };
  for (const c of parsed.commands) {
    if (c.view.name === '$dynamic' && c.view.args.length === 0) continue; // assignments or redirects only
    if (c.opaque) {
      block(c, 'cannot be analysed', 'in the same RUN cannot be analysed');
      continue;
    }
    if (c.view.name === 'cd') {
      const target = c.view.args.length === 1 ? c.view.args[0] : null;
      if (!c.plain || target === null || target.includes('$')) {
        block(c, 'changes to a folder that cannot be followed', 'changes to a folder that cannot be followed');
        break;
      }
      cwd = target.startsWith('/') ? joinPath('/', target) : joinPath(cwd, target);
      continue;
    }
    const env: RunEnvironment = {
      env: new Map([...baseEnv, ...(c.view.assignments ?? []).filter((a) => a.value !== null).map((a) => [a.name, a.value!] as [string, string])]),
      home: null,
      root: st.user === null || st.user === 'root' || st.user === '0',
      workdir: cwd === UNKNOWN_WD ? null : cwd,
      baseImage: baseImageOf(ctx.model, stage),
    };
    const eco = ecosystemOf(c.view, { ...env, context: contextFor(ctx.buildContext, broad, cwd) });
    if (eco && !SYSTEM_PMS.has(eco.id) && eco.id !== 'conda') {
      const pv = projectView(ctx.buildContext, broad, cwd, env);
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
      if (!c.plain) blockers.push(`\`${c.text}\` runs conditionally or in a pipeline`);
      installs.push({ cmd: c, cwd, plan: role.plan });
      continue;
    }
    const why = independentCommand(c, broad, cwd, eco?.id);
    if (why !== true) block(c, why, `in the same RUN ${why}`);
  }
  if (installs.length === 0) {
    const e = early as { why: string; ecosystemInstall?: string; ecosystem?: string } | null;
    return e ? { kind: 'reads-source', why: e.why, ecosystemInstall: e.ecosystemInstall, ecosystem: e.ecosystem } : { kind: 'independent' };
  }
  return { kind: 'install', installs, blockers, unverified };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Commands that read and write nothing in the copied folder. */
function independentCommand(c: RunCommand, broad: BroadCopy, cwd: string, ecoId?: string): true | string {
  const name = c.view.name.replace(/^.*\//, '');
  const args = c.view.args;
  if (args.some((a) => a === null)) return 'has dynamic arguments';
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
  info: { install: string; files: string[]; unsafe: string[]; between: Instruction[]; excludes: string[]; excludeWhy: string; ignoreEdit: IgnoreEdit | null },
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
  edits.push({ range: [run.blockEnd, run.blockEnd], text: endsWithNewline ? block : '\n' + block.replace(/\n$/, '') });
  const names = listWords(info.files);
  const first = b.text.split('\n')[0];
  const from = info.between.length ? info.between[0].startLine + 1 : 0;
  const to = info.between.length ? info.between[info.between.length - 1].endLine + 1 : 0;
  const crossed = info.between.length ? ` The ${from === to ? `instruction between them (line ${from}) reads` : `instructions between them (lines ${from}–${to}) read`} nothing from the copied files.` : '';
  const unsafe = info.unsafe.length ? ` --unsafe: not verified: ${info.unsafe.join('; ')}.` : '';
  return {
    message: `Copied ${names} before ${info.install} and moved \`${first}\` below it: editing source files no longer re-runs ${info.install}; it now depends only on ${names}.${crossed}${respelled}${excluded}${unsafe}`,
    line: b.startLine + 1,
    instruction: b.index,
    edits,
    instructionDelta: copyLines.length,
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
  const settings = ctx.enabled.get('syntax-directive') ?? null;
  const directive = ctx.model.directives.find((d) => d.name === 'syntax');
  if (!directive && (settings === null || syntaxAddBlocked(ctx.model))) return 'the file has no `# syntax` directive and none is added in this run, so the builder\'s own frontend, which may be older than docker/dockerfile:1.19, would build it';
  const o = frontendFor(ctx.model, '--exclude', settings);
  if (o.kind === 'supported' || o.kind === 'raised') return null;
  if (o.kind === 'unknown') return `the file uses the frontend \`${o.value}\`, which dockerfix does not know`;
  return `${o.subject[0].toLowerCase()}${o.subject.slice(1)}, older than docker/dockerfile:1.19${o.why ? `, and ${o.why}` : ''}`;
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
// The commands of a shell-form RUN as CommandViews: a thin view over `parseShell` (src/shell).

interface RunCommand {
  view: CommandView;
  /** Source text of the command on one line, for messages. */
  text: string;
  /** Runs unconditionally in the top-level list: not after `||`, piped, backgrounded, negated, looped or nested. */
  plain: boolean;
  redirects: { op: string; target: string | null }[];
  /** A `.`/`source`, `eval`, function call or dynamic command name: the analysis cannot see what runs. */
  opaque: boolean;
}

type RunCommands = { ok: true; commands: RunCommand[] } | { ok: false; why: string };

function runCommands(run: Instruction, escape: string): RunCommands {
  const r = parseShell(run.body, escape);
  if (!r.ok) return { ok: false, why: r.error.message };
  const opaqueAt = r.script.opaqueConstructs;
  const commands = r.script.commands.map((c): RunCommand => {
    const oneLine = c.text
      .split('\n')
      .map((l) => l.trim())
      .join(' ')
      .replace(new RegExp(`\\s*\\${escape}\\s+`, 'g'), ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      view: {
        name: c.name?.value ?? '$dynamic',
        args: c.args.map((a) => a.value),
        assignments: c.assignments.map((a) => ({ name: a.name, value: a.value === null ? '' : a.value.value })),
      },
      text: oneLine,
      plain: c.topLevel && !c.inSubshell && !c.inPipeline && !c.conditional && !c.negated && !c.background && c.nested === null,
      redirects: c.redirects.map((d) => ({ op: d.op, target: d.target?.value ?? null })),
      opaque: c.name === null ? false : c.name.value === null || opaqueAt.some((o) => o.start >= c.start && o.end <= c.end && o.reason !== 'complex-shell-c'),
    };
  });
  return { ok: true, commands };
}
