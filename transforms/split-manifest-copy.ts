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
 *
 * This file is the transform: `run` walks the stages, {@link planSplit} decides one split (the
 * walk from the broad copy to the install, the install output rule: `.dockerignore` companion
 * or `COPY --exclude`). The rules live in transforms/split/: shared.ts (id, unknown WORKDIR,
 * system package managers, shapes), broad-copy.ts (the broad copy, what may cross it, its
 * destination folder incl. no WORKDIR), run-analysis.ts (a RUN's commands, `analyseRun`,
 * `independentCommand`), python.ts (known-variable words, virtualenvs, Python notes),
 * nested.ts (nested installs from package.json scripts), go-download.ts (`planGoDownload`),
 * paths.ts (paths, base image, context mapping), fix.ts (manifest copies incl. `--parents`,
 * `buildFix`), frontend.ts (`--exclude`/`--parents` frontend availability) and run-split.ts
 * (splitting a RUN at `&&`).
 */
import type { Advice, Fix } from '../src/core/fix.js';
import type { Transform, TransformContext } from '../src/core/transform.js';
import type { Instruction, Stage } from '../src/model/dockerfile.js';
import { computeStates, joinPath, type StateView } from '../src/model/state.js';
import { ecosystemOf } from '../src/ecosystems/index.js';
import { isWindowsImage } from '../src/ecosystems/images.js';
import { DEPS_STEP_HINTS } from '../src/ecosystems/deps-only.js';
import { splitRunAt } from './split/run-split.js';
import { planIgnoreEdit } from '../src/context/ignore-edit.js';
import { type IgnoreEdit, ID, SYSTEM_PMS, type InstallSite, type Outcome } from './split/shared.js';
import { NEW_DEST_UNVERIFIED, type BroadCopy, broadCopy, crossable, resolveWorkdir, destinationExists, usesEcosystemBefore } from './split/broad-copy.js';
import { planGoDownload } from './split/go-download.js';
import { planNestedInstall } from './split/nested.js';
import { analyseRun, runCommands } from './split/run-analysis.js';
import { relUnder, shownPath, baseImageOf } from './split/paths.js';
import { manifestCopies, parentsCopy, buildFix } from './split/fix.js';
import { excludeUnavailable, frontendUnavailable } from './split/frontend.js';

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
// Planning one split

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
