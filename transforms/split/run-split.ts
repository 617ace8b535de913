/**
 * Splitting one shell-form RUN in two at a top-level `&&`, for split-manifest-copy: `RUN npm ci &&
 * npm run build` after `COPY . .` becomes `RUN npm ci`, the broad copy, `RUN npm run build`, so
 * the install depends on the manifests only while the build still sees the whole tree.
 *
 * When `a && b` becomes `RUN a` and `RUN b`, the image is the same if nothing but the file system
 * passes from `a` to `b`, and the file system does pass: the second RUN starts from the first
 * one's layer. What does not pass is the shell process: its working folder, variables, exported
 * environment, options, functions, traps, umask, limits, `$?`/`$_`/`$!`. So the split is made only
 * when:
 * - the body is one pure `&&` chain of simple commands at the top level: no `||`, `;`, `&`,
 *   newline, pipe, `!`, subshell, group, `if`/loop, command substitution or function (a `;`
 *   would also change which failures stop the build);
 * - no command before the cut changes the shell's state (`cd`, `export`, `set`, a bare `X=1`,
 *   `source`, `eval`, `exec`, `umask`, `ulimit`, `trap`, `alias`, `declare`…);
 * - no command after the cut reads `$?`, `$_` or `$!`, which the other process set;
 * - the flags can be repeated on both halves: each half runs with the same `--network`,
 *   `--security` and mounts as before (a cache, secret or SSH mount on both changes nothing in
 *   the image), except a `tmpfs` mount, whose contents the second half would no longer see;
 * - only blanks, line continuations and the `&&` lie between the two halves (no comment line).
 * Both halves run under the same SHELL, user, WORKDIR and environment (the caller places them in
 * the same stage with only the broad copy between), and a failure of either still fails the build,
 * as the `&&` did.
 *
 * Each half keeps its bytes: the first is the RUN's text up to the end of the last command before
 * the cut, the second is the keyword and flags again followed by the rest of the body as written
 * (its continuation lines untouched).
 *
 * @module
 */
import type { DockerfileModel, Instruction } from '../../src/model/dockerfile.js';
import { parseShell, type ShellScript } from '../../src/shell/index.js';

/** Commands that change the shell process' state for the commands after them. */
const STATEFUL = new Set([
  'cd', 'pushd', 'popd', 'export', 'unset', 'set', 'shopt', 'alias', 'unalias', 'umask', 'ulimit', 'trap',
  'source', '.', 'eval', 'exec', 'readonly', 'declare', 'typeset', 'local', 'hash', 'enable', 'builtin',
  'command', 'shift', 'read', 'getopts', 'wait', 'let', 'exit', 'return',
]);

/** Special parameters set by the previous command or process. */
const PROCESS_PARAMS = new Set(['?', '_', '!']);

export type RunSplit = { ok: true; first: string; second: string } | { ok: false; why: string };

/**
 * Splits `run` before its command `cut` (index into `script.commands`, which must be `run`'s
 * shell-form parse). Pure: returns the two instruction texts (without line terminators).
 */
export function splitRunAt(model: DockerfileModel, run: Instruction, script: ShellScript, cut: number): RunSplit {
  if (run.keyword !== 'RUN' || run.json || run.heredoc) return { ok: false, why: 'only a shell-form RUN can be split' };
  const cmds = script.commands;
  if (cut <= 0 || cut >= cmds.length) return { ok: false, why: 'there is nothing to split' };
  if (script.opaque || script.functions.length) return { ok: false, why: 'it runs code that cannot be followed (eval, source, a function)' };
  for (const [k, c] of cmds.entries()) {
    if (!c.topLevel || c.nested !== null || c.inSubshell || c.inPipeline || c.conditional || c.negated || c.background) {
      return { ok: false, why: `\`${oneLine(c.text)}\` is not a plain step of a top-level \`&&\` list` };
    }
    if (k < cmds.length - 1 && c.after?.op !== '&&') return { ok: false, why: `its commands are not joined by \`&&\` only (\`${c.after?.op === '\n' ? 'newline' : c.after?.op}\` after \`${oneLine(c.text)}\`), so a failing command may not stop the rest` };
    if (k === cmds.length - 1 && c.after !== null) return { ok: false, why: `it ends with \`${c.after.op}\`` };
  }
  for (const c of cmds.slice(0, cut)) {
    const name = c.name?.value;
    if (c.name === null) return { ok: false, why: `\`${oneLine(c.text)}\` sets a shell variable the commands after it could read` };
    if (name === null || name === undefined) return { ok: false, why: `\`${oneLine(c.text)}\` runs a command whose name is not known` };
    if (STATEFUL.has(name)) return { ok: false, why: `\`${oneLine(c.text)}\` changes the shell's state (${name === 'cd' || name === 'pushd' || name === 'popd' ? 'its folder' : name === 'export' || name === 'unset' || name === 'declare' || name === 'typeset' || name === 'readonly' || name === 'local' ? 'its variables' : 'its settings'}), which the commands after it would lose in a RUN of their own` };
  }
  const restStart = cmds[cut]!.start;
  const firstEnd = cmds[cut - 1]!.end;
  const params = script.variables.filter((v) => v.start >= restStart && PROCESS_PARAMS.has(v.name));
  if (params.length) return { ok: false, why: `\`$${params[0]!.name}\` after the cut reads what the previous command set` };
  for (const f of run.flags) {
    if (f.name === 'mount' && /(^|,)type=tmpfs(,|$)/.test(f.value ?? '')) return { ok: false, why: 'it has a tmpfs mount, whose contents the second half would not see' };
    if (f.name !== 'mount' && f.name !== 'network' && f.name !== 'security') return { ok: false, why: `its flag --${f.name} is not known to be repeatable` };
  }
  const body = run.body;
  const gap = body.slice(firstEnd, restStart);
  const esc = model.escape === '`' ? '`' : '\\\\';
  if (!new RegExp(`^(?:[ \\t]|${esc}[ \\t]*\\n)*&&(?:[ \\t]|${esc}[ \\t]*\\n)*$`).test(gap)) {
    return { ok: false, why: 'a comment or blank line sits between the two halves' };
  }
  const head = model.text.slice(run.start, run.bodyStart);
  const first = head + body.slice(0, firstEnd);
  const second = head + body.slice(restStart);
  // Both halves must read back as exactly the commands they came from.
  const a = parseShell(body.slice(0, firstEnd), model.escape);
  const b = parseShell(body.slice(restStart), model.escape);
  const same = (r: ReturnType<typeof parseShell>, want: ShellScript['commands']) =>
    r.ok && r.script.commands.length === want.length && r.script.commands.every((c, k) => c.text === want[k]!.text);
  if (!same(a, cmds.slice(0, cut)) || !same(b, cmds.slice(cut))) return { ok: false, why: 'the two halves would not read back as the same commands' };
  return { ok: true, first, second };
}

function oneLine(t: string): string {
  return t.replace(/\s*\\\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
}
