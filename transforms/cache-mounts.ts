/**
 * cache-mounts: give each RUN that runs a package manager a BuildKit cache mount for that
 * tool's download cache, and drop what would defeat it (`--no-cache-dir`, `apt-get clean`,
 * `rm -rf /var/lib/apt/lists/*`, `npm cache clean`…).
 *
 *     RUN pip install --no-cache-dir -r requirements.txt
 *   ==>
 *     RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
 *
 * Package-manager facts live in `src/ecosystems/`; this file decides when a mount is safe:
 * shell-form RUNs only (exec form when nothing must be edited), Linux images, a frontend
 * that supports `RUN --mount`, a known user (uid/gid/home) after `USER`, no COPY or earlier
 * step writing into the target, no existing mount on it, no `rm` of the mount point, every
 * step of a stage family mounted alike for tools whose cache is also a store (Go, Cargo,
 * Maven, Gradle, NuGet), and package indexes (apt lists, apk) only on RUNs that refresh
 * them. Design and decisions: docs/cache-mounts.md.
 */
import type { Advice, Edit, Fix } from '../src/core/fix.js';
import type { Transform, TransformContext } from '../src/core/transform.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import { frontendFor } from './syntax-directive.js';
import { computeStates, globalArgs, parseArgDecls, splitWords, type StateView } from '../src/model/state.js';
import { expandVariables, parseEnvPairs, referencedVariables } from '../src/model/vars.js';
import { formatCacheMount, parseMount, type NewCacheMount } from '../src/model/mounts.js';
import { groupFrom, userFrom, type KnownUser } from '../src/model/users.js';
import { ECOSYSTEMS, imageFacts, isWindowsImage, mayOwn, unknownDefaultUser, type ImageFacts } from '../src/ecosystems/index.js';
import type { CacheTarget, CommandView, Ecosystem, RunEnvironment } from '../src/ecosystems/types.js';
import { absPath, baseName, join, unwrapOffset, within } from '../src/ecosystems/util.js';
import { DOCKER_CLEAN } from '../src/ecosystems/apt.js';
import { runShell } from '../src/model/run-shell.js';
import { applyEdits, isPosixShell as posixShell, parseShell, removeArg, removeCommand, type ShellAssignment, type ShellScript, type ShellWord, type SimpleCommand } from '../src/shell/index.js';

const ID = 'cache-mounts';

// ---------------------------------------------------------------------------------------
// RUN bodies, through src/shell.

type SWord = ShellWord;

interface SCmd {
  cmd: SimpleCommand;
  name: ShellWord | null;
  args: readonly ShellWord[];
  assignments: readonly ShellAssignment[];
  /** What the ecosystem tables see. */
  view: CommandView;
}

interface SScript {
  script: ShellScript;
  commands: SCmd[];
}

/**
 * Sourced files known to set nothing a package manager's cache depends on: the OS release
 * facts, a Python virtualenv's `activate` (PATH, VIRTUAL_ENV), rustup's `cargo/env` (PATH).
 */
const HARMLESS_SOURCE = /^(\.|source)\s+["']?(\/etc\/os-release|\/usr\/lib\/os-release|\S*\/bin\/activate|(\$HOME|\$\{HOME\}|~|\/root)\/\.cargo\/env|\/usr\/local\/cargo\/env)["']?$/;

/** The commands of a shell-form RUN, or of a here-document RUN a shell runs (`src/model/run-shell.ts`). */
function parseBody(instr: Instruction, escape: string): SScript | null {
  const r = runShell(instr, escape);
  if (!r.ok) return null;
  if (r.script.opaque && !r.script.opaqueConstructs.every((o) => o.reason === 'source' && HARMLESS_SOURCE.test(r.script.raw.slice(o.start, o.end).trim()))) return null;
  const commands = r.script.commands.map((c) => ({
    cmd: c,
    name: c.name,
    args: c.args,
    assignments: c.assignments,
    view: { name: c.name?.value ?? '', args: c.args.map((a) => a.value), assignments: c.assignments.map((a) => ({ name: a.name, value: a.value ? a.value.value : a.text.endsWith('=') ? '' : null })) },
  }));
  return { script: r.script, commands };
}

function removeArgEdits(c: SCmd, w: ShellWord): Edit[] | null {
  const e = removeArg(c.cmd, w);
  return e ? [{ range: [e.range[0], e.range[1]], text: e.text }] : null;
}

/** Removes a `NAME=value` prefix and the blank after it (on the same line only). */
function removeAssignmentEdits(script: SScript, c: SCmd, a: ShellAssignment): Edit[] | null {
  const tokens = [...c.assignments, ...(c.name ? [c.name] : [])].sort((x, y) => x.start - y.start);
  const next = tokens[tokens.indexOf(a) + 1];
  if (!next || script.script.raw.slice(a.end, next.start).includes('\n')) return null;
  return [{ range: [a.start, next.start], text: '' }];
}

// ---------------------------------------------------------------------------------------
// File-level facts.

interface StageInfo {
  /** Image reference at the root of the stage chain (ARGs expanded), lower-cased. */
  image: string;
  facts: ImageFacts;
  windows: boolean;
  /** Stages of the chain, root first, ending with this one. */
  chain: number[];
  /** Stage family (connected by FROM <stage>), for store-kind consistency. */
  family: number;
}

function stageInfos(model: DockerfileModel): StageInfo[] {
  const globals = globalArgs(model);
  const out: StageInfo[] = [];
  for (const st of model.stages) {
    if (st.baseStage !== null && out[st.baseStage]) {
      const p = out[st.baseStage];
      out.push({ ...p, chain: [...p.chain, st.index] });
      continue;
    }
    const image = expandVariables(st.base, globals).toLowerCase();
    out.push({ image, facts: imageFacts(image), windows: isWindowsImage(image), chain: [st.index], family: st.index });
  }
  return out;
}

/** Env at an instruction, seeded with the image's known env; `maybe` = set by --build-arg only, `tainted` = refers to unknown image env. */
interface EnvView {
  env: Map<string, string>;
  /** Names whose value is not known (ARG without default, or expanded from image env this tool does not know). */
  unknown: Set<string>;
  /** Where each name was last set (instruction index), for removing it under --unsafe. */
  setBy: Map<string, number>;
}

/** {@link envBefore} per model, by stage chain and instruction (a RUN's, and every COPY's that writtenBefore checks). */
const envViews = new WeakMap<DockerfileModel, Map<string, EnvView>>();

function envBefore(model: DockerfileModel, info: StageInfo, instr: Instruction): EnvView {
  let views = envViews.get(model);
  if (!views) envViews.set(model, (views = new Map()));
  const key = `${info.chain.join(',')}:${instr.index}`;
  let view = views.get(key);
  if (!view) views.set(key, (view = envBeforeUncached(model, info, instr)));
  return view;
}

function envBeforeUncached(model: DockerfileModel, info: StageInfo, instr: Instruction): EnvView {
  const globals = globalArgs(model);
  const env = new Map<string, string>(Object.entries(info.facts.env));
  const unknown = new Set<string>();
  const setBy = new Map<string, number>();
  for (const s of info.chain) {
    for (const i of model.stages[s].instructions) {
      if (i.index >= instr.index) break;
      if (i.keyword === 'ENV') {
        for (const { name, value } of parseEnvPairs(i.body)) {
          const refs = referencedVariables(value);
          env.set(name, expandVariables(value, env));
          if (refs.some((r) => !env.has(r) || unknown.has(r))) unknown.add(name);
          else unknown.delete(name);
          setBy.set(name, i.index);
        }
      } else if (i.keyword === 'ARG') {
        for (const { name, value } of parseArgDecls(i)) {
          const v = value !== null ? expandVariables(value, env) : (globals.get(name) ?? null);
          if (v === null) {
            // `--build-arg` may set it; unknown unless ENV already holds it.
            if (!env.has(name)) unknown.add(name);
            continue;
          }
          env.set(name, v);
          unknown.delete(name);
          setBy.set(name, i.index);
        }
      }
    }
  }
  return { env, unknown, setBy };
}

// ---------------------------------------------------------------------------------------
// Users.

interface UserInfo {
  root: boolean;
  uid?: number;
  gid?: number;
  home: string | null;
  name: string;
}

function createdUsers(model: DockerfileModel, info: StageInfo, instr: Instruction, parsed: Map<number, SScript | null>): { users: KnownUser[] } {
  const groups = new Map<string, number | null>();
  const users: KnownUser[] = [];
  for (const s of info.chain) {
    for (const i of model.stages[s].instructions) {
      if (i.index >= instr.index) break;
      if (i.keyword !== 'RUN') continue;
      const script = parsed.get(i.index);
      if (!script) continue;
      for (const c of script.commands) {
        const g = groupFrom(c.view);
        if (g) groups.set(g.name, g.gid);
        const u = userFrom(c.view, groups);
        if (u) users.push(u);
      }
    }
  }
  return { users };
}

function resolveUser(user: string | null, info: StageInfo, created: KnownUser[], envHome: string | undefined): UserInfo | { skip: string } {
  let spec = user;
  if (spec === null) {
    if (info.facts.defaultUser) spec = info.facts.defaultUser;
    else if (unknownDefaultUser(info.image)) return { skip: `the base image ${info.image} runs as a user whose uid and home are not known here` };
    else return { root: true, home: envHome ?? '/root', name: 'root' };
  }
  if (spec.includes('$')) return { skip: `USER \`${spec}\` is dynamic: its uid and home are not known` };
  const [u, g] = spec.split(':');
  if (u === 'root' || u === '0') return { root: true, home: envHome ?? '/root', name: 'root', ...(g && g !== '0' && g !== 'root' ? {} : {}) };
  const byName = (n: string) => created.filter((x) => x.name === n).pop() ?? (info.facts.users[n] ? { name: n, ...info.facts.users[n] } : undefined);
  const byUid = (id: number) =>
    created.filter((x) => x.uid === id).pop() ??
    Object.entries(info.facts.users)
      .filter(([, v]) => v.uid === id)
      .map(([n, v]) => ({ name: n, ...v }))[0];
  const found = /^\d+$/.test(u) ? byUid(Number(u)) : byName(u);
  if (!found) return { skip: `the uid and home of USER \`${u}\` are not known (created outside this Dockerfile)` };
  const uid = /^\d+$/.test(u) ? Number(u) : found.uid;
  if (uid === null || uid === undefined) return { skip: `the uid of USER \`${u}\` is not given where it is created (add \`-u <uid>\`)` };
  let gid: number | undefined = found.gid ?? undefined;
  if (g !== undefined && /^\d+$/.test(g)) gid = Number(g);
  else if (g !== undefined && g !== found.name) gid = undefined; // another group, by name: unknown gid
  const home = envHome ?? found.home;
  if (!home) return { skip: `the home folder of USER \`${u}\` is not known` };
  return { root: false, uid, gid, home, name: found.name };
}

// ---------------------------------------------------------------------------------------
// Paths in RUN bodies.

/** A word's value with `$HOME`/`~` and known env expanded; null when still dynamic. Globs are kept. */
function wordPath(w: SWord, env: RunEnvironment, cwd: string): string | null {
  let v = w.value;
  if (v === null) {
    // Only plain `$VAR`/`${VAR}` references to known values, outside single quotes.
    if (/[`'\\]|\$\(/.test(w.text)) return null;
    const refs = referencedVariables(w.text);
    const vars = new Map<string, string | null>(env.env);
    if (env.home) vars.set('HOME', env.env.get('HOME') ?? env.home);
    if (refs.some((r) => !vars.has(r))) return null;
    v = expandVariables(w.text.replace(/"/g, ''), vars);
  }
  if (v.startsWith('~/') || v === '~') {
    if (!env.home) return null;
    v = env.home + v.slice(1);
  }
  if (!v.startsWith('/')) v = join(cwd, v);
  return v;
}

/** How a (possibly globbed) path relates to a mount target. */
function relation(path: string, target: string): 'inside' | 'mountpoint' | 'ancestor' | 'none' {
  const glob = path.search(/[*?[]/);
  if (glob === -1) {
    const p = absPath(path) ?? path;
    if (p === target) return 'mountpoint';
    if (within(p, target)) return 'inside';
    if (within(target, p)) return 'ancestor';
    return 'none';
  }
  // `dir/*`-style: expands to entries of `dir` (or deeper).
  const dir = path.slice(0, path.lastIndexOf('/', glob));
  const d = absPath(dir || '/') ?? dir;
  if (within(d, target)) return 'inside';
  if (within(target, d)) return target === d ? 'inside' : 'ancestor'; // `target/*` empties the mount; `parent/*` may hit the mount point
  return 'none';
}

// ---------------------------------------------------------------------------------------
// Per-RUN analysis.

interface EcoUse {
  eco: Ecosystem;
  installs: SCmd[];
  targets: CacheTarget[];
  notes: string[];
  env: RunEnvironment;
  /** Why the package index was left out of the mounts, when it was; `kept`: the RUN leaves it in the image. */
  indexDropped?: { why: string; kept: boolean };
}

/**
 * A command that reads one of its tool's folders without downloading what is missing, before
 * any command of the same RUN filled that folder: so it reads what the image holds there
 * (what earlier steps left). `index`: an install that reads the package lists (`apt-get
 * install` without `apt-get update` before it in the RUN); `all`: an offline step
 * ({@link Ecosystem.offline}).
 */
interface OfflineRead {
  eco: Ecosystem;
  needs: 'index' | 'all';
  /** The flag or setting (`-o`, `GOPROXY=off`), or the missing refresh, for messages. */
  why: string;
  /** The command, shortened, for messages. */
  text: string;
  /** The folders it reads (resolved like cache targets); null when not known: then every target of the tool counts. */
  targets: string[] | null;
  instr: Instruction;
  /** Guessed from the text of a RUN that cannot be analysed. */
  unread?: boolean;
}

interface RunPlan {
  instr: Instruction;
  stage: number;
  script: SScript | null;
  /** Exec form: the single command. */
  exec: CommandView | null;
  user: UserInfo | null;
  uses: EcoUse[];
  /** Per ecosystem: why it cannot be mounted in this RUN. */
  blocked: Map<string, string>;
  /** Targets already mounted (any type), resolved. */
  existing: { type: string; target: string | null }[];
  envView: EnvView;
  cwd: string;
  /** Commands that read a tool's folders without downloading (see {@link OfflineRead}). */
  reads: OfflineRead[];
  /** Tools this RUN downloads with (an install that is not `needs: 'none'`): the store family rule counts these. */
  tools: Set<Ecosystem>;
  /** Tools whose folder this RUN fills with artifacts of its own (`mvn install`), with the goal. */
  keeps: Map<Ecosystem, string>;
}

function isPosixShell(shell: readonly string[] | null): boolean {
  // micromamba's image wraps bash in `_dockerfile_shell.sh`.
  return posixShell(shell ?? undefined) || (!!shell && /_dockerfile_shell\.sh$/.test(shell[0]));
}

function runEnvFor(ev: EnvView, user: UserInfo, info: StageInfo, cwd: string | null, cmd: CommandView, ctx: TransformContext, previousCommands?: CommandView[]): RunEnvironment {
  const env = new Map(ev.env);
  for (const n of ev.unknown) env.set(n, '$' + n); // makes paths built from it dynamic
  for (const a of cmd.assignments ?? []) env.set(a.name, a.value ?? '$' + a.name);
  return {
    env,
    home: user.home,
    root: user.root,
    workdir: cwd,
    baseImage: info.image,
    previousCommands,
    context: ctx.buildContext ? { exists: (r) => ctx.buildContext!.exists(r), read: (r) => ctx.buildContext!.read(r) } : undefined,
  };
}

const transform: Transform = {
  id: ID,
  description: 'Add BuildKit cache mounts to RUNs that run a package manager (apt, apk, dnf, pip, npm, yarn, pnpm, go, cargo, maven, gradle, …) and drop the cache purges and flags that would defeat them.',
  defaultEnabled: true,
  run(ctx) {
    const { model } = ctx;
    const fixes: Fix[] = [];
    const advice: Advice[] = [];
    if (model.stages.length === 0) return { fixes };
    // Backtick escape: a Windows Dockerfile (PowerShell/cmd bodies). One Windows stage makes the
    // whole file a Windows build (its stages share a platform).
    if (model.escape === '`') return { fixes };
    const infos = stageInfos(model);
    if (infos.some((inf) => inf.windows) || windowsHints(model)) return { fixes };

    const parsed = new Map<number, SScript | null>();
    for (const i of model.instructions) {
      if (i.keyword === 'RUN' && !i.json) parsed.set(i.index, parseBody(i, model.escape));
    }

    // Quick exit: no covered package manager anywhere.
    const anyCovered = model.instructions.some((i) => {
      if (i.keyword !== 'RUN') return false;
      const cmds = i.json ? [{ name: i.json[0] ?? '', args: i.json.slice(1) }] : (parsed.get(i.index)?.commands.map((c) => c.view) ?? []);
      return cmds.some((c) => ECOSYSTEMS.some((e) => e.matches(c) && e.isInstall(c)));
    });
    const mentionsPm = (i: Instruction) => /\b(apt-get|apt|apk|dnf|yum|zypper|pip3?|uv|poetry|pipenv|conda|mamba|micromamba|npm|yarn|pnpm|bun|go|cargo|mvnw?|gradlew?|bundle|composer|dotnet)\s/.test(i.body);
    if (!anyCovered) {
      for (const i of model.instructions) {
        if (i.keyword === 'RUN' && !i.json && parsed.get(i.index) === null && mentionsPm(i)) {
          advice.push({ line: i.startLine + 1, instruction: i.index, message: `This RUN seems to run a package manager, but no cache mount was added: ${unreadableWhy(i, model.escape)}.` });
        }
      }
      return { fixes, advice };
    }

    // A frontend older than 1.2 does not know `RUN --mount`. Mounts go in only where the file ends with
    // one that does: the pin supports it, or syntax-directive runs and raises the pin (its rule, asked here).
    const frontend = frontendFor(model, 'RUN --mount', ctx.enabled.get('syntax-directive') ?? null);
    if (frontend.kind === 'unknown') {
      return { fixes, advice: [{ line: frontend.line, message: `The file uses the frontend \`${frontend.value}\`, which dockerfix does not know; cache mounts were not added because it may not support \`RUN --mount\`.` }] };
    }
    if (frontend.kind === 'stays-old') {
      const because = frontend.why ? `, because ${frontend.why}` : '';
      return { fixes, advice: [{ line: frontend.line, message: `${frontend.subject}, older than docker/dockerfile:1.2, which does not support \`RUN --mount\`: no cache mounts were added${because}. To get them, ${frontend.byHand}, then run dockerfix again.` }] };
    }

    const states = computeStates(model);
    const plans: RunPlan[] = [];
    for (const i of model.instructions) {
      if (i.keyword !== 'RUN' || i.stage < 0 || infos[i.stage].windows) continue;
      if (!i.json && parsed.get(i.index) === null && mentionsPm(i)) {
        advice.push({ line: i.startLine + 1, instruction: i.index, message: `This RUN seems to run a package manager, but no cache mount was added: ${unreadableWhy(i, model.escape)}.` });
      }
    }

    for (const stage of model.stages) {
      const info = infos[stage.index];
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'RUN') continue;
        const state = states.get(instr.index)!;
        const plan = analyzeRun(ctx, instr, stage.index, info, state, parsed);
        if (plan) plans.push(plan);
      }
    }

    applyFamilyRules(model, infos, plans, parsed);

    /** Stages whose docker-clean removal (--unsafe) an earlier fix of this pass already makes. */
    const cleanPlanned = new Set<number>();
    for (const plan of plans) {
      for (const [ecoId, why] of plan.blocked) {
        const eco = ECOSYSTEMS.find((e) => e.id === ecoId)!;
        advice.push({ line: plan.instr.startLine + 1, instruction: plan.instr.index, message: `No cache mount for ${eco.label}: ${why}.` });
      }
      const fix = buildFix(ctx, plan, infos[plan.stage], parsed, advice, cleanPlanned);
      if (fix) fixes.push(fix);
    }
    return { fixes, advice };
  },
};

export default transform;

function analyzeRun(ctx: TransformContext, instr: Instruction, stageIndex: number, info: StageInfo, state: StateView, parsed: Map<number, SScript | null>): RunPlan | null {
  const { model } = ctx;
  if (info.windows || !isPosixShell(state.shell)) return null;
  let script: SScript | null = null;
  let exec: CommandView | null = null;
  if (instr.json) {
    if (instr.json.length === 0) return null;
    exec = { name: instr.json[0], args: instr.json.slice(1), assignments: [] };
    // `["sh", "-c", "…"]` is a shell body in disguise: not edited.
    if (/^(\/bin\/)?(ba)?sh$/.test(instr.json[0])) return null;
  } else {
    script = parsed.get(instr.index) ?? null;
    if (!script) return null;
  }
  const commands: CommandView[] = exec ? [exec] : script!.commands.map((c) => c.view);
  const ev = envBefore(model, info, instr);
  const cwd = state.workdir ?? '/';
  const envHome = ev.env.get('HOME') !== undefined && !ev.unknown.has('HOME') ? (absPath(ev.env.get('HOME')) ?? undefined) : undefined;
  const created = createdUsers(model, info, instr, parsed).users;
  const previous: CommandView[] = [];
  for (const s of info.chain) for (const i of model.stages[s].instructions) if (i.index < instr.index && i.keyword === 'RUN') previous.push(...(parsed.get(i.index)?.commands.map((c) => c.view) ?? []));
  // `USER ${UID}` from an ARG: `--build-arg` may change it, so its default proves nothing.
  const userInstr = lastBefore(model, info, instr, 'USER');
  const userFromArg = !!userInstr && referencedVariables(userInstr.body).some((n) => !ev.env.has(n) || !isEnvSet(model, info, instr, n));
  const resolved = userFromArg ? { skip: `USER \`${userInstr!.body.trim()}\` comes from a build argument, so its uid is not known` } : resolveUser(state.user, info, created, envHome);
  // Seen on BuildKit (docs/e2e.md): a mount point that does not exist yet is created in the
  // image owned by root. As a non-root USER the tool would have created its cache folder as
  // that user, so the image would differ and the tool could no longer write there at run time.
  const user =
    !('skip' in resolved) && !resolved.root && !ctx.unsafe
      ? {
          skip: `USER ${resolved.name} is not root: BuildKit would leave the mount point in the image owned by root, where the tool creates it owned by ${resolved.name} today (the image would differ, and ${resolved.name} could not write its cache at run time). Create the folder as ${resolved.name} in an earlier step and add the mount by hand, or run with --unsafe`,
        }
      : resolved;

  const plan: RunPlan = { instr, stage: stageIndex, script, exec, user: 'skip' in user ? null : user, uses: [], blocked: new Map(), existing: [], envView: ev, cwd, reads: [], tools: new Set(), keeps: new Map() };

  for (const f of instr.flags) {
    if (f.name !== 'mount' || f.value === null) continue;
    const m = parseMount(f.value);
    let t: string | null = m.target;
    if (t !== null) {
      if (referencedVariables(t).some((r) => !ev.env.has(r) || ev.unknown.has(r))) t = null;
      else {
        t = expandVariables(t, ev.env);
        t = t.startsWith('/') ? absPath(t) : absPath(join(cwd, t));
      }
    }
    plan.existing.push({ type: m.type, target: t });
  }

  // Group the downloading install commands by ecosystem, and note the commands that read a
  // tool's folders without downloading before anything in this RUN filled them.
  const byEco = new Map<Ecosystem, { cmds: SCmd[]; views: CommandView[] }>();
  const filled = new Map<Ecosystem, { all: boolean; index: boolean }>();
  let owned = false;
  commands.forEach((view, k) => {
    if (!mayOwn(view)) return; // no module owns it in any environment: skip building one
    const probeEnv = runEnvFor(ev, 'skip' in user ? { root: true, home: '/root', name: 'root' } : user, info, cwd, view, ctx, previous);
    const eco = ECOSYSTEMS.find((e) => e.matches(view, probeEnv));
    if (!eco) return;
    owned = true;
    const install = eco.isInstall(view);
    const off = eco.offline?.(view, probeEnv) ?? null;
    const refresh = eco.refreshesIndex?.(view) ?? false;
    const f = filled.get(eco) ?? { all: false, index: false };
    filled.set(eco, f);
    const planned = install || off ? eco.cacheTargets(view, probeEnv) : null;
    const known = planned && 'targets' in planned && !('skip' in user) ? planned.targets : null;
    const text = commandText(view);
    if (off?.needs === 'all' && !f.all) {
      plan.reads.push({ eco, needs: 'all', why: off.why, text, targets: known ? known.map((t) => t.target) : null, instr });
    } else if (install && !off && !refresh && !f.index && planned && 'targets' in planned && planned.targets.some((t) => t.index)) {
      plan.reads.push({ eco, needs: 'index', why: `no ${eco.label} index refresh before it in this RUN`, text, targets: known ? known.filter((t) => t.index).map((t) => t.target) : null, instr });
    }
    const kept = eco.keepsLocal?.(view);
    if (kept && !plan.keeps.has(eco)) plan.keeps.set(eco, kept);
    if (refresh) f.index = true;
    if (install && !off && refresh !== 'only') f.all = true;
    if (!install || off) return; // downloads nothing: no mount for it
    plan.tools.add(eco);
    const entry = byEco.get(eco) ?? { cmds: [], views: [] };
    if (script) entry.cmds.push(script.commands[k]);
    entry.views.push(view);
    byEco.set(eco, entry);
  });
  if (!owned) return null;

  for (const [eco, { cmds, views }] of byEco) {
    if ('skip' in user) {
      plan.blocked.set(eco.id, user.skip);
      continue;
    }
    const targets: CacheTarget[] = [];
    const notes: string[] = [];
    let why: string | null = null;
    let env: RunEnvironment | null = null;
    for (const view of views) {
      env = runEnvFor(ev, user, info, cwd, view, ctx, previous);
      const planned = eco.cacheTargets(view, env);
      if ('skip' in planned) {
        why = planned.skip;
        break;
      }
      for (const t of planned.targets) if (!targets.some((x) => x.target === t.target)) targets.push(t);
      for (const n of planned.notes ?? []) if (!notes.includes(n)) notes.push(n);
    }
    if (why) {
      plan.blocked.set(eco.id, why);
      continue;
    }
    targets.sort((x, y) => (x.target < y.target ? -1 : x.target > y.target ? 1 : 0));
    const bad = targets.find((t) => systemFolder(t.target, user.home));
    if (bad) {
      plan.blocked.set(eco.id, bad.target.startsWith('/dev/') ? `the command turns its cache off (it points it at ${bad.target})` : `its cache folder would be ${bad.target}, a system folder a mount must not hide`);
      continue;
    }
    // The env setting that turns the cache off (any value counts for pip).
    const disabling = eco.cacheDisablingEnv.find((n) => ev.env.has(n) && !ev.unknown.has(n));
    if (disabling && !ctx.unsafe) {
      plan.blocked.set(eco.id, `\`${disabling}\` is set (line ${model.instructions[ev.setBy.get(disabling)!].startLine + 1}), which turns the ${eco.label} cache off whatever its value; removing it changes the image's environment, so it is only done with --unsafe`);
      continue;
    }
    const unknownExisting = plan.existing.some((e) => e.target === null);
    if (unknownExisting) {
      plan.blocked.set(eco.id, 'an existing `--mount` has a target this tool cannot resolve');
      continue;
    }
    const clash = plan.existing.find((e) => e.target !== null && targets.some((t) => within(e.target!, t.target) && e.target !== t.target));
    if (clash) {
      plan.blocked.set(eco.id, `an existing mount at ${clash.target} sits inside the cache folder`);
      continue;
    }
    plan.uses.push({ eco, installs: cmds, targets, notes, env: env! });
  }
  return plan;
}

function lastBefore(model: DockerfileModel, info: StageInfo, instr: Instruction, keyword: string): Instruction | null {
  let found: Instruction | null = null;
  for (const s of info.chain) for (const i of model.stages[s].instructions) if (i.index < instr.index && i.keyword === keyword) found = i;
  return found;
}

/** Was `name` set by an ENV (not only an ARG) before `instr` in the chain? */
function isEnvSet(model: DockerfileModel, info: StageInfo, instr: Instruction, name: string): boolean {
  let env = false;
  for (const s of info.chain) {
    for (const i of model.stages[s].instructions) {
      if (i.index >= instr.index) break;
      if (i.keyword === 'ENV' && parseEnvPairs(i.body).some((p) => p.name === name)) env = true;
      if (i.keyword === 'ARG' && parseArgDecls(i).some((p) => p.name === name)) env = false;
    }
  }
  return env;
}

/** Windows paths in WORKDIR/COPY destinations, `.exe` entry points, a cmd/PowerShell SHELL. */
function windowsHints(model: DockerfileModel): boolean {
  return model.instructions.some(
    (i) =>
      ((i.keyword === 'WORKDIR' || i.keyword === 'COPY' || i.keyword === 'ADD') && /(^|\s)["']?[A-Za-z]:[\\/]/.test(i.body)) ||
      ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && /\.exe\b/i.test(i.body)) ||
      (i.keyword === 'SHELL' && !!i.json && /^(cmd|powershell)(\.exe)?$/i.test(i.json[0]?.split(/[\\/]/).pop() ?? '')),
  );
}

function unreadableWhy(i: Instruction, escape: string): string {
  const r = runShell(i, escape);
  if (!r.ok) return i.heredoc ? r.why : `its body could not be parsed as a shell script (${r.why})`;
  const kinds = [...new Set(r.script.opaqueConstructs.map((o) => o.reason))];
  return `it ${kinds.map((k) => ({ source: 'sources a script', eval: 'uses eval', 'dynamic-command-name': 'runs a command whose name is a variable', 'function-call': 'calls a shell function', 'dynamic-shell-c': 'runs a dynamic sh -c string', 'complex-shell-c': 'runs a complex sh -c string' })[k]).join(' and ')}, which may move or turn off the cache in ways this tool cannot see`;
}

/** Folders a cache mount must never cover: the root, system trees, whole homes, device files. */
function systemFolder(t: string, home: string | null): boolean {
  if (/^\/(dev|proc|sys|run)(\/|$)/.test(t)) return true;
  return t === home || ['/', '/tmp', '/var', '/var/tmp', '/var/cache', '/var/lib', '/usr', '/usr/local', '/usr/share', '/usr/local/share', '/etc', '/opt', '/home', '/root', '/bin', '/sbin', '/lib', '/srv', '/mnt', '/app', '/src', '/go'].includes(t);
}

/** Rules that look across RUNs: COPY/RUN writes into a target, store families, package indexes. */
function applyFamilyRules(model: DockerfileModel, infos: StageInfo[], plans: RunPlan[], parsed: Map<number, SScript | null>): void {
  const planByIndex = new Map(plans.map((p) => [p.instr.index, p]));
  const states = computeStates(model);

  for (const plan of plans) {
    const info = infos[plan.stage];
    for (const use of [...plan.uses]) {
      // 1. Something earlier in the stage chain put files at the target: the mount would hide them.
      for (const t of [...use.targets]) {
        const why = writtenBefore(model, info, plan, t.target, parsed, states, use);
        if (why) {
          plan.uses.splice(plan.uses.indexOf(use), 1);
          plan.blocked.set(use.eco.id, why);
          break;
        }
      }
    }
  }

  // 2. What a step reads without downloading (docs/cache-mounts.md, "Offline steps"): one rule
  //    for package indexes and offline builds alike. A mount hides what the image holds at its
  //    target, and a step that comes back from the layer cache (a CI runner that imports a
  //    registry cache gets the layers, never the mounts) leaves its mount empty. So (a) a step
  //    never mounts what it reads without downloading, and (b) no earlier step of its stage
  //    chain keeps in a mount what such a step reads: that folder stays in the image.
  const readers = offlineReaders(model, plans, planByIndex, parsed);
  for (const plan of plans) {
    for (const r of plan.reads) {
      const use = plan.uses.find((u) => u.eco === r.eco);
      if (!use) continue;
      const hit = use.targets.filter((t) => reads(r, t));
      if (!hit.length) continue;
      const why =
        r.needs === 'index'
          ? 'it installs from the package index an earlier step left in the image, which a mount would hide'
          : `\`${r.text}\` (${r.why}) downloads nothing and reads what an earlier step left in ${folders(hit)}, which a mount would hide`;
      dropTargets(plan, use, hit, why);
    }
  }
  for (const plan of plans) {
    for (const use of [...plan.uses]) {
      for (const r of readers) {
        if (r.eco.id !== use.eco.id || r.instr.index <= plan.instr.index || r.instr.stage < 0) continue;
        if (!infos[r.instr.stage].chain.includes(plan.stage)) continue;
        const hit = use.targets.filter((t) => reads(r, t) && leaves(plan, use, t));
        if (!hit.length) continue;
        const what = r.needs === 'index' ? 'the package index' : `the ${use.eco.label} folder`;
        dropTargets(
          plan,
          use,
          hit,
          `the step at line ${r.instr.startLine + 1} (${r.unread ? `${r.text} that ${r.why}` : `\`${r.text}\`${r.needs === 'all' ? `, ${r.why}` : ''}`}) reads ${what} this step fills (${folders(hit)}) without downloading what is missing; with a mount here, that step would fail whenever this one comes from the layer cache with an empty mount (a CI runner that imports a registry cache gets the layers, never the mounts), so ${hit.length > 1 ? 'these folders stay' : 'the folder stays'} in the image as before`,
        );
      }
    }
  }

  //    The same for artifacts a step stores in the tool's folder that no download brings back
  //    (`mvn install`): a later step of the tool reads them, so the folder stays in the image.
  for (const plan of plans) {
    for (const [eco, goal] of plan.keeps) {
      const use = plan.uses.find((u) => u.eco === eco);
      if (!use) continue;
      const later = model.instructions.find((i) => {
        if (i.index <= plan.instr.index || i.keyword !== 'RUN' || i.stage < 0 || !infos[i.stage].chain.includes(plan.stage)) return false;
        const p = planByIndex.get(i.index);
        if (p) return p.tools.has(eco) || p.reads.some((r) => r.eco === eco);
        return mentionsTool(eco, i.body);
      });
      if (!later) continue;
      dropTargets(
        plan,
        use,
        [...use.targets],
        `\`${goal}\` puts this project's own artifacts into ${folders(use.targets)}, where the step at line ${later.startLine + 1} may read them; no download brings them back, so with a mount that step would fail whenever this one comes from the layer cache with an empty mount (and a mount there would hide them): the folder stays in the image`,
      );
    }
  }

  // 3. Image content the original kept: a package index (apt's lists, apk's index) is no
  //    download cache. `apt-get install` in a later step, in an image built FROM this one or in
  //    the running container reads it; so it is mounted only where the original RUN deletes it.
  for (const plan of plans) {
    for (const use of [...plan.uses]) {
      const kept = use.targets.filter((t) => t.index && leaves(plan, use, t));
      if (!kept.length) continue;
      dropTargets(
        plan,
        use,
        kept,
        `this RUN leaves the package index (${folders(kept)}) in the image, where a later install, an image built FROM this one or the running container may read it; a mount would take it out of the image`,
        true,
      );
    }
  }

  // 4. Stores: every step of the stage family that uses the tool gets the mount, or none does;
  //    and nothing after the build (COPY --from, CMD/ENTRYPOINT) may read the store.
  const families = new Map<number, number[]>();
  infos.forEach((inf, s) => families.set(inf.family, [...(families.get(inf.family) ?? []), s]));
  for (const eco of ECOSYSTEMS.filter((e) => e.kind === 'store')) {
    for (const [, stages] of families) {
      const steps: { instr: Instruction; plan?: RunPlan }[] = [];
      for (const s of stages) {
        for (const i of model.stages[s].instructions) {
          if (i.keyword !== 'RUN') continue;
          const cmds: CommandView[] = i.json ? [{ name: i.json[0] ?? '', args: i.json.slice(1) }] : (parsed.get(i.index)?.commands.map((c) => c.view) ?? []);
          const p = planByIndex.get(i.index);
          const uses = p ? p.tools.has(eco) : cmds.some((c) => eco.matches(c) && eco.isInstall(c)) || (parsed.get(i.index) === null && new RegExp(`\\b(${(eco.runtimeCommands ?? []).join('|')})\\b`).test(i.body));
          if (uses) steps.push({ instr: i, plan: planByIndex.get(i.index) });
        }
      }
      if (steps.length === 0) continue;
      const mountable = steps.filter((s) => s.plan && s.plan.uses.some((u) => u.eco === eco));
      if (mountable.length === 0) continue;
      let why: string | null = null;
      if (mountable.length !== steps.length) {
        const bad = steps.find((s) => !mountable.includes(s))!;
        why = `the step at line ${bad.instr.startLine + 1} also uses the ${eco.label} folder but cannot get the same mount, and it would miss what the other steps downloaded`;
      }
      const targets = mountable.flatMap((s) => s.plan!.uses.find((u) => u.eco === eco)!.targets.map((t) => t.target));
      if (!why) why = storeReadAfter(model, stages, eco, targets);
      if (why) {
        for (const s of mountable) {
          s.plan!.uses = s.plan!.uses.filter((u) => u.eco !== eco);
          if (!s.plan!.blocked.has(eco.id)) s.plan!.blocked.set(eco.id, why);
        }
      }
    }
  }
}

/** Does the offline read `r` cover the target `t` (same folder, or one inside the other)? */
function reads(r: OfflineRead, t: CacheTarget): boolean {
  if (r.needs === 'index' && !t.index) return false;
  return r.targets === null || r.targets.some((x) => within(x, t.target) || within(t.target, x));
}

/** Does the RUN leave what it puts at `t` in the image (its original body deletes nothing there)? */
function leaves(plan: RunPlan, use: EcoUse, t: CacheTarget): boolean {
  // Already a mount in this RUN (an earlier pass, or the author's): nothing reaches the image there.
  if (plan.existing.some((e) => e.target !== null && within(t.target, e.target))) return false;
  if (t.index) {
    // An index is there only when the RUN refreshes it into that folder (`apk --no-cache` keeps it in memory).
    const cmds = plan.exec ? [plan.exec] : plan.script!.commands.map((c) => c.view);
    if (!cmds.some((c) => use.eco.matches(c) && use.eco.refreshesIndex?.(c) && !c.args.includes('--no-cache'))) return false;
  }
  if (!plan.script) return true;
  return !plan.script.commands.some((c) => {
    if (baseName(c.view.name) !== 'rm') return false;
    return c.args.some((w) => {
      const p = wordPath(w, use.env, plan.cwd);
      return p !== null && relation(p, t.target) !== 'none';
    });
  });
}

/** Takes `hit` out of the use's targets; the use is blocked with `why` when nothing is left, else `why` becomes a note. */
function dropTargets(plan: RunPlan, use: EcoUse, hit: CacheTarget[], why: string, keptInImage = false): void {
  use.targets = use.targets.filter((t) => !hit.includes(t));
  if (hit.some((t) => t.index)) use.indexDropped ??= { why, kept: keptInImage };
  if (use.targets.length === 0) {
    plan.uses = plan.uses.filter((u) => u !== use);
    if (!plan.blocked.has(use.eco.id)) plan.blocked.set(use.eco.id, why);
  } else {
    use.notes.push(`${folders(hit)} ${hit.length > 1 ? 'are' : 'is'} not mounted: ${why}`);
  }
}

function folders(ts: CacheTarget[]): string {
  return joinList(ts.map((t) => t.target));
}

/** Does the text of a RUN this tool cannot analyse mention the tool (`apt`, `mvn`, `dotnet`…)? */
function mentionsTool(eco: Ecosystem, body: string): boolean {
  const names = [eco.id.split('-')[0], ...(eco.runtimeCommands ?? [])];
  return new RegExp(`\\b(${names.join('|')})\\b`).test(body);
}

/** Shortened command text for messages: `mvn -B -o package`. */
function commandText(view: CommandView): string {
  const t = [view.name, ...view.args.map((a) => a ?? '…')].join(' ');
  return t.length > 60 ? t.slice(0, 57) + '…' : t;
}

/**
 * Words in a RUN this tool cannot read (here-document, unparsable body) that suggest it runs a
 * package manager offline; such a RUN counts as reading the tool's folders.
 */
const OFFLINE_HINT = /(^|\s)(-o|--offline|--no-download|--no-restore|--frozen|--no-network|-C|--cacheonly|--local|--no-index)(\s|=|$)|GOPROXY=off|_OFFLINE=|COMPOSER_DISABLE_NETWORK/;

/** Every offline read of the file: the analysed RUNs', and a guess for RUNs that cannot be analysed. */
function offlineReaders(model: DockerfileModel, plans: RunPlan[], planByIndex: Map<number, RunPlan>, parsed: Map<number, SScript | null>): OfflineRead[] {
  const out: OfflineRead[] = plans.flatMap((p) => p.reads);
  const ecos = [...new Set(plans.flatMap((p) => p.uses.map((u) => u.eco)))];
  if (!ecos.length) return out;
  for (const i of model.instructions) {
    if (i.keyword !== 'RUN' || i.stage < 0 || planByIndex.has(i.index)) continue;
    if (!i.json && parsed.get(i.index)) continue; // read, and nothing of a tool in it
    for (const eco of ecos) {
      if (!mentionsTool(eco, i.body)) continue;
      const offline = OFFLINE_HINT.test(i.body);
      if (!offline && eco.refreshesIndex === undefined) continue;
      out.push({ eco, needs: offline ? 'all' : 'index', why: offline ? `seems to run ${eco.label} offline` : `seems to install with ${eco.label}`, text: i.heredoc ? 'a here-document this tool cannot read' : 'a body this tool cannot read', targets: null, instr: i, unread: true });
    }
  }
  return out;
}

function writtenBefore(model: DockerfileModel, info: StageInfo, plan: RunPlan, target: string, parsed: Map<number, SScript | null>, states: ReadonlyMap<number, StateView>, use: EcoUse): string | null {
  for (const s of info.chain) {
    for (const i of model.stages[s].instructions) {
      if (i.index >= plan.instr.index) break;
      if (i.keyword === 'COPY' || i.keyword === 'ADD') {
        const why = copyWritesInto(i, target, states.get(i.index)?.workdir ?? '/', use, (x) => envBefore(model, info, x));
        if (why) return why;
      } else if (i.keyword === 'RUN') {
        const script = parsed.get(i.index);
        if (!script) {
          if (i.heredoc && i.body.includes(target)) return `the RUN at line ${i.startLine + 1} may write into ${target}`;
          continue;
        }
        const env = use.env;
        for (const c of script.commands) {
          const n = baseName(c.view.name);
          if (['rm', 'mkdir', 'chown', 'chmod', 'echo', 'test', '['].includes(n)) continue;
          if (ECOSYSTEMS.some((e) => e.matches(c.view))) continue;
          const args = n === 'ln' ? c.args.filter((a) => !(a.value ?? '').startsWith('-')).slice(-1) : c.args;
          for (const w of args) {
            if ((w.value ?? '').startsWith('-')) continue;
            const p = wordPath(w, env, '/');
            if (p === null || !p.startsWith('/')) continue;
            const r = relation(p, target);
            if (r === 'inside' || r === 'mountpoint') return `the RUN at line ${i.startLine + 1} writes into ${target} (\`${n}\`), which a mount would hide`;
          }
        }
      }
    }
  }
  return null;
}

function copyWritesInto(i: Instruction, target: string, workdir: string, use: EcoUse, envAt: (i: Instruction) => EnvView): string | null {
  const words = i.json ?? splitWords(i.body);
  if (words.length < 2) return null;
  const destRaw = words[words.length - 1].replace(/^["']|["']$/g, '');
  const sources = words.slice(0, -1).map((w) => w.replace(/^["']|["']$/g, ''));
  let destText = destRaw;
  if (destRaw.includes('$')) {
    const ev = envAt(i);
    const refs = referencedVariables(destRaw);
    if (refs.some((r) => !ev.env.has(r) || ev.unknown.has(r))) return `the ${i.keyword} at line ${i.startLine + 1} has a dynamic destination that may be ${target}`;
    destText = expandVariables(destRaw, new Map(ev.env));
  }
  const dest = destText.startsWith('/') ? absPath(destText)! : join(workdir, destText);
  const dirDest = destText.endsWith('/') || sources.length > 1 || destText === '.' || destText === './';
  const what = `the ${i.keyword} at line ${i.startLine + 1} writes into ${target}, which a mount would hide`;
  if (within(dest, target)) return what;
  if (!within(target, dest)) return null;
  // The destination is an ancestor of the target: does a source bring files to that spot?
  const rel = target.slice(dest.length).replace(/^\/+/, '');
  const fromOther = i.flags.some((f) => f.name === 'from');
  for (const src of sources) {
    const base = src.replace(/\/+$/, '');
    const looksFile = /\.[A-Za-z0-9]+$/.test(base) && !/[*?[]/.test(base) && !src.endsWith('/');
    if (looksFile && !fromOther) {
      const landing = dirDest ? join(dest, base.split('/').pop()!) : dest;
      if (within(landing, target)) return what;
      continue;
    }
    if (fromOther || /^https?:/.test(src)) return `the ${i.keyword} at line ${i.startLine + 1} copies a folder into ${dest}, which may contain ${target}`;
    const ctx = use.env.context;
    if (!ctx) return `the ${i.keyword} at line ${i.startLine + 1} copies a context folder into ${dest}; without the build context it cannot be shown that nothing lands in ${target}`;
    const probe = (base === '.' || base === '' ? '' : base + '/') + rel;
    const first = (base === '.' || base === '' ? '' : base + '/') + rel.split('/')[0];
    if (ctx.exists(probe) || ctx.exists(first)) return what;
  }
  return null;
}

/** Is a store read after the build: `COPY --from` of it, or a CMD/ENTRYPOINT that runs the tool? */
function storeReadAfter(model: DockerfileModel, stages: number[], eco: Ecosystem, targets: string[]): string | null {
  const names = new Set(model.stages.filter((s) => stages.includes(s.index)).map((s) => [s.name, String(s.index)]).flat().filter(Boolean) as string[]);
  for (const i of model.instructions) {
    if ((i.keyword === 'COPY' || i.keyword === 'ADD') && i.flags.some((f) => f.name === 'from' && f.value !== null && names.has(f.value.toLowerCase()))) {
      const words = i.json ?? splitWords(i.body);
      for (const src of words.slice(0, -1)) {
        const p = absPath(src.replace(/^["']|["']$/g, ''));
        if (p && targets.some((t) => within(p, t) || within(t, p))) return `the ${i.keyword} at line ${i.startLine + 1} copies ${p} out of the build, and the mount would leave it empty`;
      }
    }
    if ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && stages.includes(i.stage)) {
      const words = i.json ? (i.json[0] === 'sh' || i.json[0] === '/bin/sh' ? (i.json[2] ?? '').split(/\s+/) : i.json) : i.body.trim().split(/\s+/);
      const first = words[0] ?? '';
      // `dotnet app.dll` runs published output, which carries its own dependencies.
      const publishedDll = eco.id === 'dotnet' && /\.dll$/.test(words[1] ?? '') && publishes(model, stages);
      if (!publishedDll && (eco.runtimeCommands ?? []).includes(baseName(first.replace(/^\.\//, '')))) {
        return `the image runs \`${baseName(first)}\` at start (${i.keyword} at line ${i.startLine + 1}), which reads the ${eco.label} folder a mount would leave empty in the image`;
      }
    }
  }
  return null;
}

function publishes(model: DockerfileModel, stages: number[]): boolean {
  return model.instructions.some((i) => i.keyword === 'RUN' && stages.includes(i.stage) && /\bdotnet\s+publish\b/.test(i.body));
}

// ---------------------------------------------------------------------------------------
// Building the fix.

function buildFix(ctx: TransformContext, plan: RunPlan, info: StageInfo, parsed: Map<number, SScript | null>, advice: Advice[], cleanPlanned: Set<number>): Fix | null {
  const { model } = ctx;
  const instr = plan.instr;
  const base = instr.bodyStart;
  // apt on an image whose docker-clean deletes every download: without the lists, a mount on
  // /var/cache/apt would stay empty. Not worth a change (and a cache miss) by default.
  const aptOnly = plan.uses.find((u) => u.eco.id === 'apt');
  if (aptOnly && !ctx.unsafe && info.facts.aptDockerClean && !aptOnly.targets.some((t) => t.index) && !dockerCleanRemoved(model, info, plan, parsed)) {
    plan.uses = plan.uses.filter((u) => u !== aptOnly);
    advice.push({
      line: instr.startLine + 1,
      instruction: instr.index,
      message: `No cache mount for apt: ${aptOnly.indexDropped?.why ?? 'the package lists cannot be mounted'}; and the base image's ${DOCKER_CLEAN} deletes downloaded .debs, so a mount on /var/cache/apt alone would stay empty. ${aptOnly.indexDropped?.kept ? 'If nothing needs the lists, end the RUN with `rm -rf /var/lib/apt/lists/*` (the usual practice; dockerfix then mounts them)' : 'Run apt-get update in the same RUN'}, or use --unsafe to remove ${DOCKER_CLEAN}.`,
    });
  }
  const mounts: NewCacheMount[] = [];
  const removed: string[] = [];
  const rewrites: string[] = [];
  const notes: string[] = [];
  const labels: string[] = [];
  const targetsAll: string[] = [];
  let prefix = '';

  for (const use of plan.uses) {
    const fresh = use.targets.filter((t) => !plan.existing.some((e) => e.target !== null && (e.target === t.target || within(t.target, e.target))));
    for (const t of use.targets) targetsAll.push(t.target);
    const user = plan.user!;
    for (const t of fresh) {
      if (mounts.some((m) => m.target === t.target)) continue;
      mounts.push({ target: t.target, id: t.id, sharing: t.sharing, uid: user.root ? undefined : user.uid, gid: user.root ? undefined : user.gid });
    }
    if (fresh.length) labels.push(use.eco.label);
    notes.push(...use.notes);
  }
  const haveMounts = plan.uses.length > 0;
  if (!haveMounts) return null;

  // Exec form: only the mount, and only when nothing else must change.
  if (plan.exec) {
    const argsDefeat = plan.uses.some((u) => u.eco.cacheDisablingFlags.some((f) => plan.exec!.args.includes(f)) || u.eco.rewriteArgs?.(plan.exec!, u.env));
    if (argsDefeat) {
      advice.push({ line: instr.startLine + 1, instruction: instr.index, message: 'This exec-form RUN needs its arguments changed for a cache mount to help; that is not done in exec form.' });
      return null;
    }
    if (!mounts.length) return null;
    return {
      message: messageFor(labels, mounts, [], [], notes, plan),
      line: instr.startLine + 1,
      instruction: instr.index,
      edits: [{ range: [base, base], text: mounts.map(formatCacheMount).join(' ') + ' ' }],
    };
  }

  const script = plan.script!;
  /** Edits of words (body offsets, from the original parse) and commands to drop (by index). */
  const wordEdits: Edit[] = [];
  const dropCommands: number[] = [];

  // Cache-defeating flags and rewrites on the install commands.
  for (const use of plan.uses) {
    for (const c of use.installs) {
      const off = unwrapOffset(c.view);
      const rw = use.eco.rewriteArgs?.(c.view, use.env) ?? null;
      const replaced = new Set<number>();
      if (rw) {
        for (const r of rw.replace) {
          const w = c.args[r.index];
          replaced.add(r.index);
          if (r.words.length) wordEdits.push({ range: [w.start, w.end], text: r.words.join(' ') });
          else {
            const e = removeArgEdits(c, w);
            if (!e) return skipRun(advice, plan, `could not remove \`${w.text}\``);
            wordEdits.push(...e);
          }
        }
        if (rw.insertAfterName.length) {
          const anchor = off > 0 ? c.args[off - 1] : c.name!;
          wordEdits.push({ range: [anchor.end, anchor.end], text: ' ' + rw.insertAfterName.join(' ') });
        }
        rewrites.push(rw.reason);
      }
      for (let k = off; k < c.args.length; k++) {
        const w = c.args[k];
        if (replaced.has(k) || w.value === null || !use.eco.cacheDisablingFlags.includes(w.value)) continue;
        const e = removeArgEdits(c, w);
        if (!e) return skipRun(advice, plan, `\`${w.value}\` turns the cache off and could not be removed cleanly`);
        wordEdits.push(...e);
        removed.push(`\`${w.value}\` (it turned the ${use.eco.label} cache off)`);
      }
      for (const a of c.assignments) {
        if (!use.eco.cacheDisablingEnv.includes(a.name)) continue;
        const e = removeAssignmentEdits(script, c, a);
        if (!e) return skipRun(advice, plan, `\`${a.name}\` turns the cache off and could not be removed cleanly`);
        wordEdits.push(...e);
        removed.push(`\`${a.name}=…\` (it turned the ${use.eco.label} cache off)`);
      }
    }
  }

  // Purges: tool commands that empty the cache, and `rm` of mounted folders.
  for (const c of script.commands) {
    const purgeEco = plan.uses.find((u) => u.eco.matches(c.view, u.env) && u.eco.isCachePurge(c.view, u.env));
    if (purgeEco) {
      dropCommands.push(c.cmd.index);
      removed.push(`\`${c.cmd.text.replace(/\s*\\\n\s*/g, ' ')}\` (it would empty the cache mount)`);
      continue;
    }
    if (baseName(c.view.name) !== 'rm') continue;
    const env = plan.uses[0].env;
    const operands = c.args.filter((w) => !(w.value ?? w.text).startsWith('-'));
    const hits: SWord[] = [];
    let aroundMount = false;
    for (const w of operands) {
      const p = wordPath(w, env, plan.cwd);
      if (p === null) {
        // A dynamic operand might name a mounted folder or its parent: cannot prove the RUN still works.
        if (targetsAll.some((t) => w.text.includes(t.split('/').filter(Boolean).pop() ?? '\0'))) {
          return skipRun(advice, plan, `\`rm ${w.text}\` may delete a mounted folder`);
        }
        continue;
      }
      const rels = targetsAll.map((t) => relation(p, t));
      if (rels.includes('ancestor')) {
        if (!ctx.unsafe) return skipRun(advice, plan, `\`rm ${w.text}\` deletes a folder that contains the cache mount (it would fail on the mount point); dropping it would keep other files in the image, so that is only done with --unsafe`);
        aroundMount = true;
        hits.push(w);
      } else if (rels.includes('inside') || rels.includes('mountpoint')) hits.push(w);
    }
    if (!hits.length) continue;
    if (hits.length === operands.length) dropCommands.push(c.cmd.index);
    else {
      for (const w of hits) {
        const e = removeArgEdits(c, w);
        if (!e) return skipRun(advice, plan, `\`rm ${w.text}\` could not be edited cleanly`);
        wordEdits.push(...e);
      }
    }
    removed.push(`\`rm ${hits.map((w) => w.text).join(' ')}\` (${aroundMount ? '--unsafe: it would fail on the mount point; other files in that folder now stay in the image' : 'the folder is a cache mount now: deleting it would only empty the cache'})`);
  }

  // A here-document RUN gets flags only: its document stays byte for byte as written.
  if (instr.heredoc && (wordEdits.length || dropCommands.length)) {
    return skipRun(advice, plan, `the cache would need ${removed.length ? removed.map((r) => r.replace(/ \(.*$/, '')).join(' and ') + ' removed from' : 'changes to the commands in'} its here-document, which is not edited; take ${removed.length ? 'that' : 'them'} out of the document by hand and run dockerfix again`);
  }

  // Apply the word edits, then drop commands one at a time (last first), re-reading the body
  // each time, so neighbouring removals never fight over the operator between them.
  let newBody: string;
  try {
    newBody = applyEdits(instr.body, wordEdits);
  } catch {
    return skipRun(advice, plan, 'the edits to this RUN overlap');
  }
  for (const idx of [...new Set(dropCommands)].sort((x, y) => y - x)) {
    const r = parseShell(newBody, model.escape);
    if (!r.ok) return skipRun(advice, plan, 'the edited body could not be read back');
    const c = r.script.commands[idx];
    const want = script.commands[idx].view.name;
    if (!c || (c.name?.value ?? '') !== want) return skipRun(advice, plan, 'the edited body could not be read back');
    const e = removeCommand(r.script, c);
    if (!e) return skipRun(advice, plan, `\`${script.commands[idx].cmd.text}\` empties the cache but could not be removed cleanly (it is inside a condition, a pipeline or next to \`||\`)`);
    newBody = applyEdits(newBody, [e]);
  }
  if (newBody !== instr.body && !parseShell(newBody, model.escape).ok) return skipRun(advice, plan, 'the edited body would not parse');

  // Env settings that disable the cache (only reached with --unsafe).
  const envEdits: Edit[] = [];
  for (const use of plan.uses) {
    for (const n of use.eco.cacheDisablingEnv) {
      if (!plan.envView.env.has(n) || plan.envView.unknown.has(n)) continue;
      const at = model.instructions[plan.envView.setBy.get(n)!];
      const e = removeEnvName(at, n);
      if (!e) return skipRun(advice, plan, `\`${n}\` could not be removed from line ${at.startLine + 1}`);
      envEdits.push(e);
      removed.push(`\`${n}\` from the ${at.keyword} at line ${at.startLine + 1} (--unsafe: it turned the ${use.eco.label} cache off; later steps and the image's environment no longer have it)`);
    }
  }

  // apt: the official images delete downloaded .debs (docker-clean).
  const aptUse = plan.uses.find((u) => u.eco.id === 'apt');
  if (aptUse && aptUse.targets.some((t) => t.target === '/var/cache/apt')) {
    const cleanHandled = dockerCleanRemoved(model, info, plan, parsed) || info.chain.some((st) => cleanPlanned.has(st));
    const known = info.facts.aptDockerClean;
    if (!cleanHandled) {
      if (ctx.unsafe) {
        // Both files, so later `apt` (not only `apt-get`) steps of the stage keep downloads too.
        cleanPlanned.add(plan.stage);
        prefix = `rm -f ${DOCKER_CLEAN}; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache; `;
        rewrites.push(`--unsafe: removed the image's ${DOCKER_CLEAN} (it deletes every downloaded .deb) and added /etc/apt/apt.conf.d/keep-cache (the \`apt\` command otherwise deletes downloads too); the image differs in those two files, and apt run in a container built from it keeps downloaded packages`);
      } else if (known !== false) {
        const lists = aptUse.targets.some((t) => t.index);
        notes.push(`${known ? 'this base image' : 'if the base image is an official Debian/Ubuntu image, it'} ships ${DOCKER_CLEAN}, which deletes downloaded .debs after each install, so ${lists ? 'only the package lists are reused' : 'the .deb cache stays empty'}; run with --unsafe to remove that file too (the image then differs in it)`);
      }
    }
  }

  if (!mounts.length && !removed.length && !prefix && !rewrites.length) return null;
  if (instr.heredoc && prefix) return skipRun(advice, plan, `removing ${DOCKER_CLEAN} (--unsafe) would add commands to its here-document, which is not edited`);

  // The new flags, formatted like the file's long RUNs.
  let insert = '';
  if (mounts.length) {
    const flagsText = mounts.map(formatCacheMount);
    if (instr.text.includes('\n') && !instr.heredoc) {
      // A RUN continued over lines: each new flag on its own continuation line, indented
      // like the body's continuation lines.
      const lineStart = model.text.lastIndexOf('\n', base - 1) + 1;
      const before = model.text.slice(lineStart, base);
      const indent = before.trim() === '' ? before : continuationIndent(model, instr);
      insert = flagsText.map((f) => `${f} ${model.escape}\n${indent}`).join('');
    } else {
      insert = flagsText.join(' ') + ' ';
    }
  }

  return {
    message: messageFor(labels, mounts, removed, rewrites, notes, plan),
    line: instr.startLine + 1,
    instruction: instr.index,
    edits: [...bodyEdits(instr, newBody, insert + prefix), ...envEdits],
    instructionDelta: -envEdits.filter((e) => model.instructions.some((i) => i.blockStart === e.range[0] && i.blockEnd === e.range[1])).length,
  };
}

/** One edit for the new flags and the changed part of the body (common prefix and suffix kept). */
function bodyEdits(instr: Instruction, newBody: string, insert: string): Edit[] {
  const old = instr.body;
  const base = instr.bodyStart;
  let p = 0;
  while (p < old.length && p < newBody.length && old[p] === newBody[p]) p++;
  let q = 0;
  while (q < old.length - p && q < newBody.length - p && old[old.length - 1 - q] === newBody[newBody.length - 1 - q]) q++;
  if (old === newBody) return insert ? [{ range: [base, base], text: insert }] : [];
  const changed: Edit = { range: [base + p, base + old.length - q], text: newBody.slice(p, newBody.length - q) };
  if (!insert) return [changed];
  if (p === 0) return [{ range: [base, changed.range[1]], text: insert + changed.text }];
  return [{ range: [base, base], text: insert }, changed];
}

function skipRun(advice: Advice[], plan: RunPlan, why: string): null {
  advice.push({ line: plan.instr.startLine + 1, instruction: plan.instr.index, message: `No cache mount added: ${why}.` });
  return null;
}

/** Leading whitespace of the first continuation line that holds a command (not a comment). */
function continuationIndent(model: DockerfileModel, instr: Instruction): string {
  for (let l = instr.startLine + 1; l <= instr.endLine; l++) {
    const t = model.lines.lineText(l);
    if (t.trim() === '' || t.trim().startsWith('#')) continue;
    return /^[ \t]*/.exec(t)![0];
  }
  return '    ';
}

/** Was docker-clean removed earlier in the stage chain, or in this RUN before apt runs? */
function dockerCleanRemoved(model: DockerfileModel, info: StageInfo, plan: RunPlan, parsed: Map<number, SScript | null>): boolean {
  for (const s of info.chain) {
    for (const i of model.stages[s].instructions) {
      if (i.index > plan.instr.index) return false;
      if (i.keyword !== 'RUN') continue;
      const script = parsed.get(i.index);
      if (!script) {
        if (i.body.includes('docker-clean') && /\brm\b/.test(i.body)) return true;
        continue;
      }
      if (script.commands.some((c) => ['rm', 'mv'].includes(baseName(c.view.name)) && c.view.args.some((a) => a !== null && a.includes('docker-clean')))) return true;
    }
  }
  return false;
}

/** Removes `NAME=value` from an ENV/ARG line, or the whole instruction when it is the only pair. */
function removeEnvName(i: Instruction, name: string): Edit | null {
  const pairs = i.keyword === 'ENV' ? parseEnvPairs(i.body) : parseArgDecls(i).map((d) => ({ name: d.name, value: d.value ?? '' }));
  if (pairs.length === 1 && pairs[0].name === name) return { range: [i.blockStart, i.blockEnd], text: '' };
  // Legacy `ENV NAME value` form has one pair; `NAME=value` words are removed with their space.
  const re = new RegExp(`(^|[ \\t])${name}=("[^"]*"|'[^']*'|\\S*)`);
  const m = re.exec(i.body);
  if (!m || i.body.includes('\n')) return null;
  const start = i.bodyStart + m.index + m[1].length;
  let end = start + m[0].length - m[1].length;
  while (i.body[end - i.bodyStart] === ' ' || i.body[end - i.bodyStart] === '\t') end++;
  return { range: [start, end], text: '' };
}

function messageFor(labels: string[], mounts: NewCacheMount[], removed: string[], rewrites: string[], notes: string[], plan: RunPlan): string {
  const parts: string[] = [];
  if (mounts.length) {
    parts.push(
      `Added a BuildKit cache mount for ${joinList(labels)} (${mounts.map((m) => m.target + (m.sharing === 'locked' ? ', locked' : '') + (m.uid !== undefined ? `, owned by uid ${m.uid}` : '')).join('; ')}): ` +
        `downloaded packages now stay in the builder's cache between builds, so when this step re-runs (an edit above it, a changed manifest) it reuses them instead of downloading everything again; nothing in the mount reaches the image` +
        (mounts.some((m) => m.sharing === 'locked') ? ', and `sharing=locked` keeps concurrent builds from using the cache at the same time' : '') +
        (plan.user && !plan.user.root ? `; the mount is owned by ${plan.user.name} (uid ${plan.user.uid}), the USER of this step (unsafe, --unsafe: a mount point that did not exist is left in the image owned by root)` : '') +
        '.',
    );
  } else {
    parts.push('The cache mount of this RUN was defeated by the command itself.');
  }
  if (removed.length) parts.push(`Removed ${joinList(removed)}.`);
  if (rewrites.length) parts.push(rewrites.map((r) => r[0].toUpperCase() + r.slice(1)).join('. ') + '.');
  if (notes.length) parts.push('Note: ' + notes.join('; ') + '.');
  parts.push('The first build after this change runs the step once more (its flags changed).');
  return parts.join(' ');
}

function joinList(xs: string[]): string {
  const u = [...new Set(xs)];
  if (u.length <= 1) return u.join('');
  return u.slice(0, -1).join(', ') + ' and ' + u[u.length - 1];
}
