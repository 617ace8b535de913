/**
 * The commands of a RUN, as the analysis needs them: the one place that talks to the shell
 * parser (`src/shell`). Exec-form RUNs need no parser: their argv is the command.
 *
 * When a body cannot be read with confidence (a heredoc, a non-POSIX shell, a parse
 * failure, or no shell parser available), the answer is `null`: the RUN is opaque and
 * the analysis treats it as reading and writing everything.
 */
import type { Instruction } from './dockerfile.js';

/** One simple command of a RUN body. */
export interface RunCommand {
  /** The command word's literal value; null when it is dynamic (`$CMD`). */
  name: string | null;
  /** Literal argument values (quotes removed); null where an argument is dynamic. */
  args: (string | null)[];
  /** Names assigned in the command's prefix (`FOO=1 cmd`). */
  assigns: string[];
  /** Runs in a subshell `( … )`: a `cd` there does not outlive it. */
  inSubshell: boolean;
  /** Part of a pipeline `a | b`. */
  inPipeline: boolean;
  /** May not run (after `||`, in `if`/`while`/`case`…): its effect on later commands is uncertain. */
  conditional: boolean;
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

/** Shells whose `-c` string is POSIX shell. */
const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);

/** Is a SHELL setting (or the default) a POSIX shell? `null` = the default `/bin/sh -c`. */
export function isPosixShell(shell: string[] | null): boolean {
  if (!shell) return true;
  const exe = shell[0]?.slice(shell[0].lastIndexOf('/') + 1).toLowerCase() ?? '';
  return POSIX_SHELLS.has(exe) && shell[shell.length - 1] === '-c';
}

/**
 * The parsed body of a RUN, or null when it is not understood.
 * @param shell the SHELL in effect (exec form), or null for the default.
 * @param windows the file is a Windows Dockerfile (backtick escape without a POSIX SHELL).
 */
export function runScriptOf(instr: Instruction, escape: string, shell: string[] | null, windows: boolean): RunScript | null {
  if (instr.keyword !== 'RUN' || instr.heredoc) return null;
  if (instr.json) {
    // Exec form: no shell, unless the argv starts one.
    const [cmd, ...args] = instr.json;
    if (cmd === undefined) return null;
    const base = cmd.slice(cmd.lastIndexOf('/') + 1);
    if (POSIX_SHELLS.has(base)) return null;
    return {
      commands: [{ name: cmd, args, assigns: [], inSubshell: false, inPipeline: false, conditional: false, redirects: [] }],
      variables: [],
      opaque: false,
    };
  }
  if (!isPosixShell(shell) || (windows && !shell)) return null;
  return parseBody(instr.body, escape);
}

/**
 * Shell-form bodies go through `src/shell`. Until that module is merged into this branch
 * the answer is `null` (opaque): the honest answer when nothing reads the body.
 */
function parseBody(_body: string, _escape: string): RunScript | null {
  return null;
}
