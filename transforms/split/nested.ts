/**
 * Nested installs: a package.json script that installs a sub-project (`cd client && npm install`)
 * becomes an install step of its own before the broad copy (`planNestedInstall`).
 */
import type { TransformContext } from '../../src/core/transform.js';
import type { Instruction, Stage } from '../../src/model/dockerfile.js';
import { computeStates, joinPath, type StateView } from '../../src/model/state.js';
import { ecosystemOf } from '../../src/ecosystems/index.js';
import { localPrefix } from '../../src/ecosystems/npm.js';
import { imageFacts } from '../../src/ecosystems/images.js';
import { depsRole } from '../../src/ecosystems/deps-only.js';
import { readNpmLockInstallScripts, readPackageJson } from '../../src/context/manifests.js';
import type { RunEnvironment } from '../../src/ecosystems/types.js';
import { isPosixShell } from '../../src/shell/index.js';
import { UNKNOWN_WD, type Outcome } from './shared.js';
import type { BroadCopy } from './broad-copy.js';
import { lowerFirst, type RunCommand, runCommands } from './run-analysis.js';
import { relUnder, baseImageOf } from './paths.js';
import { manifestCopies, listWords } from './fix.js';

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
export function planNestedInstall(ctx: TransformContext, stage: Stage, broad: BroadCopy, run: Instruction, states: ReadonlyMap<number, StateView>, between: Instruction[]): Outcome | 'none' {
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
export function nestedInstallIn(body: string): { sub: string; cmd: RunCommand; before: RunCommand[] } | null {
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

export function planNestedFor(
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
export function installsBefore(ctx: TransformContext, stage: Stage, broad: BroadCopy, abs: string): boolean {
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

export function sameState(a: StateView, b: StateView): boolean {
  if (a.workdir !== b.workdir || a.user !== b.user || JSON.stringify(a.shell) !== JSON.stringify(b.shell)) return false;
  if (a.env.size !== b.env.size || [...a.args].join('\0') !== [...b.args].join('\0')) return false;
  for (const [k, v] of a.env) if (b.env.get(k) !== v) return false;
  return true;
}
