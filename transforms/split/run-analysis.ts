/**
 * The install RUN: its commands as CommandViews (`runCommands`, over src/model/run-shell.ts),
 * what each reads and writes (`analyseRun`), and which commands are independent of the copied
 * folder (`independentCommand`).
 */
import type { TransformContext } from '../../src/core/transform.js';
import type { Instruction, Stage } from '../../src/model/dockerfile.js';
import { joinPath, unquote, type StateView } from '../../src/model/state.js';
import { ecosystemOf } from '../../src/ecosystems/index.js';
import { localPrefix } from '../../src/ecosystems/npm.js';
import { imageFacts } from '../../src/ecosystems/images.js';
import { depsRole } from '../../src/ecosystems/deps-only.js';
import type { CommandView, RunEnvironment } from '../../src/ecosystems/types.js';
import { isLocalPath } from '../../src/ecosystems/util.js';
import { failureIgnored, runShell } from '../../src/model/run-shell.js';
import { isPosixShell, type ShellScript } from '../../src/shell/index.js';
import { knownEnv, type KnownVar } from '../../src/model/known-env.js';
import { UNKNOWN_WD, SYSTEM_PMS, type InstallSite } from './shared.js';
import type { BroadCopy } from './broad-copy.js';
import { ctxDirFor, contextFor, projectView, relUnder, baseImageOf } from './paths.js';
import { wordResolver, venvCreation, pythonNotes } from './python.js';

// ---------------------------------------------------------------------------------------------
// RUN analysis

export type RunAnalysis =
  | { kind: 'install'; installs: InstallSite['installs']; blockers: string[]; unverified: string[]; split?: InstallSite['split']; notes?: string[] }
  | { kind: 'independent'; unverified?: string[]; outputs?: string[] }
  | { kind: 'reads-source'; why: string; ecosystemInstall?: string; ecosystem?: string; advice?: string };

export function analyseRun(ctx: TransformContext, run: Instruction, st: StateView, broad: BroadCopy, stage: Stage): RunAnalysis {
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

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Commands that read and write nothing in the copied folder. */
export function independentCommand(c: RunCommand, broad: BroadCopy, cwd: string, ecoId?: string): true | string {
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
// The commands of a RUN (shell form or a here-document a shell runs) as CommandViews: a thin
// view over `runShell` (src/model/run-shell.ts).

export interface RunCommand {
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

export type RunCommands = { ok: true; commands: RunCommand[]; script: ShellScript } | { ok: false; why: string };

export function runCommands(run: Instruction, escape: string, known?: ReadonlyMap<string, KnownVar>): RunCommands {
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
