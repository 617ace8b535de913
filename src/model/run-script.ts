/**
 * The commands of a RUN, as the analysis needs them: the one place that talks to the shell
 * parser (`src/shell`). Exec-form RUNs need no parser: their argv is the command.
 *
 * Here-document RUNs are read when a POSIX shell runs the document as its script
 * (`src/model/run-shell.ts` has the rules). When a body cannot be read with confidence (a
 * here-document read by another program, a non-POSIX shell, a parse failure), the answer is
 * `null`: the RUN is opaque and the analysis treats it as reading and writing everything.
 */
import { isPosixShell as posixShell, parseShell, type ShellScript, type ShellWord, type SimpleCommand } from '../shell/index.js';
import type { Instruction } from './dockerfile.js';
import { failureIgnored, runShell } from './run-shell.js';

/** One simple command of a RUN body. */
export interface RunCommand {
  /** The command word's literal value; null when it is dynamic (`$CMD`). */
  name: string | null;
  /** Literal argument values (quotes removed); null where an argument is dynamic. */
  args: (string | null)[];
  /** Names assigned in the command's prefix (`FOO=1 cmd`), or by `export`/`declare`/`readonly`. */
  assigns: string[];
  /** Only assignments and redirections, no command (`FOO=1`, `> file`). */
  assignOnly?: boolean;
  /** Files read through an input redirection (`< file`); `null` when dynamic. */
  inputs?: (string | null)[];
  /** `sh -c '<literal>'`: its commands are listed on their own, the shell adds nothing. */
  transparentShell?: boolean;
  /** Runs in a subshell `( … )`: a `cd` there does not outlive it. */
  inSubshell: boolean;
  /** Part of a pipeline `a | b`. */
  inPipeline: boolean;
  /** May not run (after `||`, in `if`/`while`/`case`…): its effect on later commands is uncertain. */
  conditional: boolean;
  /**
   * The commands after it run even when it fails (it ends with `;` or a newline and the script
   * has no `set -e`), so whether its effect (a `cd`) happened is uncertain.
   */
  failureIgnored?: boolean;
  /** Has an output redirection to a file (`> f`, `>> f`); `null` target when it is dynamic. */
  redirects: (string | null)[];
}

export interface RunScript {
  commands: RunCommand[];
  /** Every variable the body references by name. */
  variables: string[];
  /** The body runs code the parser cannot see (eval, `sh -c "$X"`, `source`, functions…). */
  opaque: boolean;
}

/** Is a SHELL setting (or the default, `null`) a POSIX shell? */
export function isPosixShell(shell: readonly string[] | null): boolean {
  return posixShell(shell ?? undefined);
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'yash', 'posh']);

/**
 * The parsed body of a RUN, or null when it is not understood.
 * @param shell the SHELL in effect (exec form), or null for the default.
 * @param windows the file is a Windows Dockerfile (backtick escape without a POSIX SHELL).
 */
export function runScriptOf(instr: Instruction, escape: string, shell: string[] | null, windows: boolean): RunScript | null {
  if (instr.keyword !== 'RUN') return null;
  if (instr.json) {
    // Exec form: no shell, unless the argv starts one.
    const [cmd, ...args] = instr.json;
    if (cmd === undefined) return null;
    const base = cmd.slice(cmd.lastIndexOf('/') + 1);
    if (SHELLS.has(base)) {
      // ["sh", "-c", "<script>"]: parse the script like a shell-form body.
      if (args.length === 2 && args[0] === '-c') return parseBody(args[1], '\\', false);
      return null;
    }
    return {
      commands: [{ name: cmd, args, assigns: [], inSubshell: false, inPipeline: false, conditional: false, redirects: [] }],
      variables: [],
      opaque: false,
    };
  }
  if (!isPosixShell(shell) || (windows && !shell)) return null;
  const r = runShell(instr, escape);
  if (!r.ok) return null;
  const out = fromShell(r.script);
  r.script.commands.forEach((c, k) => {
    if (failureIgnored(r.script, c, r.errexit)) out.commands[k]!.failureIgnored = true;
  });
  return out;
}

/** Shell-form bodies go through `src/shell`; a body it cannot parse is opaque. */
function parseBody(body: string, escape: string, dockerfileText = true): RunScript | null {
  const r = parseShell(body, dockerfileText ? escape : '\\');
  if (!r.ok) return null;
  return fromShell(r.script);
}

const isFdDup = (w: ShellWord | null) => w !== null && w.value !== null && /^(\d+|-)$/.test(w.value);

/** The analysis' view of a parsed body. */
export function fromShell(script: ShellScript): RunScript {
  return {
    commands: script.commands.map(toCommand),
    variables: [...new Set(script.variables.map((v) => v.name))],
    opaque: script.opaque,
  };
}

function literal(w: ShellWord): string | null {
  if (w.value === null) return null;
  // Brace expansion (`/opt/{a,b}`) names several paths: keep the part before the brace, as a glob.
  if (w.glob && w.value.includes('{')) return w.value.slice(0, w.value.indexOf('{')) + '*';
  return w.value;
}

function toCommand(c: SimpleCommand): RunCommand {
  const assigns = c.assignments.map((a) => a.name);
  const name = c.name === null ? null : c.name.value;
  const args = c.args.map(literal);
  if (name !== null && ['export', 'declare', 'typeset', 'readonly', 'local'].includes(name)) {
    for (const a of c.args) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=|$)/.exec(a.text);
      if (m) assigns.push(m[1]);
    }
  }
  const redirects: (string | null)[] = [];
  const inputs: (string | null)[] = [];
  for (const r of c.redirects) {
    if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') continue;
    if ((r.op === '>&' || r.op === '<&') && isFdDup(r.target)) continue;
    const target = r.target === null ? null : literal(r.target);
    if (r.op.startsWith('<')) inputs.push(target);
    if (r.op.includes('>')) redirects.push(target);
  }
  const base = name === null ? '' : name.slice(name.lastIndexOf('/') + 1);
  let transparentShell = false;
  if (SHELLS.has(base)) {
    for (const a of args) {
      if (a === null) break;
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a)) {
        transparentShell = true;
        break;
      }
      if (!/^[-+]/.test(a)) break;
    }
  }
  return {
    name: c.name === null ? '' : name,
    args,
    assigns,
    assignOnly: c.name === null,
    inputs,
    transparentShell,
    inSubshell: c.inSubshell,
    inPipeline: c.inPipeline,
    conditional: c.conditional,
    redirects,
  };
}
