/**
 * The shell script a RUN runs, parsed: the one way the analysis and the transforms get a RUN's
 * shell commands, shell form and here-document alike. Offsets are into `instr.body`.
 *
 * Here-document RUNs (BuildKit `dispatchRun`, dockerfile frontend 1.4+):
 * - `RUN <<EOF` (the first line is one here-document and nothing else): the frontend runs the
 *   document's text as the shell's script, `SHELL + [text]` (`/bin/sh -c "<text>"`). It does not
 *   expand variables in it, quoted delimiter or not ("we ignore the expand option"): the shell
 *   reads `$VAR` as in any script. `<<-` strips leading tabs first. Lines are separate commands:
 *   a failing command does not stop the next unless the script runs `set -e`, and the RUN's
 *   status is the last command's.
 * - the same with a `#!` first line: the text is written to a file and executed, so the
 *   interpreter is the shebang's; only POSIX shells are read (`#!/bin/sh -e` sets errexit).
 * - anything else on the first line (`RUN bash <<EOF`, `RUN <<EOF bash`, `RUN python3 <<EOF`,
 *   `RUN cat <<EOF > f`, several documents): the first line and the documents are handed to the
 *   shell together, which treats the documents as here-documents. Only "a POSIX shell reads its
 *   script from the document" is read (`bash <<EOF`, `<<EOF sh -e`); with an unquoted delimiter
 *   the outer shell first expands `$`, `` ` `` and `\` in the text, so a document holding any of
 *   them is not read. Every other program (python3, node, cat…) makes the RUN unreadable.
 *
 * @module
 */
import { parseShell, parseShellScript, type ShellScript } from '../shell/index.js';
import type { Instruction } from './dockerfile.js';

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'yash', 'posh']);

/** The parsed script of a RUN, or why it cannot be read. */
export type RunShell =
  | {
      ok: true;
      script: ShellScript;
      /** A here-document RUN. */
      heredoc: boolean;
      /**
       * A failing command stops the script (`set -e`, `sh -e`): only then do the commands after a
       * `;` or a newline depend on the ones before having succeeded.
       */
      errexit: boolean;
    }
  | { ok: false; why: string };

interface Doc {
  /** body offsets of the document's text (after the first line) */
  from: number;
  to: number;
  quoted: boolean;
  chomp: boolean;
}

/** One here-document after a first line `line` (at body offset 0), or why not. */
function singleDoc(body: string, word: string): Doc | { why: string } {
  const m = /^<<(-?)(?:'([^']+)'|"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))$/.exec(word);
  if (!m) return { why: `its here-document delimiter ${word} is not a plain word` };
  const name = m[2] ?? m[3] ?? m[4]!;
  const chomp = m[1] === '-';
  const nl = body.indexOf('\n');
  if (nl === -1) return { why: 'its here-document is empty' };
  const from = nl + 1;
  for (let at = from; at <= body.length; ) {
    const end = body.indexOf('\n', at);
    const line = body.slice(at, end === -1 ? body.length : end);
    if ((chomp ? line.replace(/^\t+/, '') : line) === name) {
      if (body.slice(at + line.length).trim() !== '') return { why: 'it has more than one here-document' };
      return { from, to: at, quoted: m[4] === undefined, chomp };
    }
    if (end === -1) break;
    at = end + 1;
  }
  return { why: `its here-document has no ${name} line` };
}

const FLAGS = /^[-+][A-Za-z]+$/;

/** `sh -e` / `bash -eux`: a shell with single-letter options that reads its script from stdin. */
function shellWithFlags(words: string[]): { errexit: boolean } | null {
  const [cmd, ...flags] = words;
  if (cmd === undefined || !SHELLS.has(cmd.slice(cmd.lastIndexOf('/') + 1))) return null;
  if (!flags.every((f) => FLAGS.test(f) && !/[co]/.test(f))) return null;
  return { errexit: flags.some((f) => f.startsWith('-') && f.includes('e')) };
}

/** Does the script start with `set -e` (or `set -eux`, `set -o errexit`) at its top level? */
function startsWithErrexit(script: ShellScript): boolean {
  const first = script.commands[0];
  if (!first || first.name?.value !== 'set' || !first.topLevel || first.conditional || first.inSubshell) return false;
  const args = first.args.map((a) => a.value);
  return args.some((a, k) => (a !== null && /^-[A-Za-z]*e[A-Za-z]*$/.test(a)) || (a === '-o' && args[k + 1] === 'errexit'));
}

/**
 * The shell script of a RUN (shell form, or a here-document run by a POSIX shell). The caller
 * decides that the RUN runs under a POSIX shell (`SHELL`, Windows) and is not exec form.
 */
export function runShell(instr: Instruction, escape: string): RunShell {
  if (!instr.heredoc) {
    const r = parseShell(instr.body, escape);
    return r.ok ? { ok: true, script: r.script, heredoc: false, errexit: false } : { ok: false, why: r.error.message };
  }
  const body = instr.body;
  const nl = body.indexOf('\n');
  const first = body.slice(0, nl === -1 ? body.length : nl);
  if (first.trimEnd().endsWith(escape)) return { ok: false, why: 'its first line is continued' };
  const words = first.trim().split(/[ \t]+/);
  const docAt = words.findIndex((w) => w.startsWith('<<'));
  if (docAt === -1 || words.filter((w) => w.includes('<<')).length !== 1) return { ok: false, why: 'it has more than one here-document' };
  const doc = singleDoc(body, words[docAt]!);
  if ('why' in doc) return { ok: false, why: doc.why };
  const others = words.filter((_, k) => k !== docAt);
  let errexit = false;
  if (others.length === 0) {
    // The frontend runs the text itself; a shebang picks the interpreter.
    const line1 = body.slice(doc.from, body.indexOf('\n', doc.from) === -1 ? doc.to : body.indexOf('\n', doc.from));
    if (line1.startsWith('#!')) {
      const sb = line1.slice(2).trim().split(/\s+/);
      const argv = sb[0] === '/usr/bin/env' ? sb.slice(1) : sb;
      const sh = shellWithFlags(argv);
      if (!sh) return { ok: false, why: `its here-document is run by ${line1.slice(2).trim()}` };
      errexit = sh.errexit;
    }
  } else {
    if (others.some((w) => /['"$`\\<>|&;()]/.test(w))) return { ok: false, why: 'its first line is more than a shell reading the here-document' };
    const sh = shellWithFlags(others);
    if (!sh) return { ok: false, why: `its here-document is read by ${others.join(' ')}, not a shell` };
    if (!doc.quoted && /[$`\\]/.test(body.slice(doc.from, doc.to))) {
      return { ok: false, why: 'its here-document has an unquoted delimiter, so the outer shell expands it before the inner one runs it' };
    }
    errexit = sh.errexit;
  }
  const r = parseShellScript(body, doc.from, doc.to);
  if (!r.ok) return { ok: false, why: r.error.message };
  return { ok: true, script: r.script, heredoc: true, errexit: errexit || startsWithErrexit(r.script) };
}

/**
 * Does a failure of this top-level command leave the rest of the script running? After a `;` or a
 * newline without errexit, the next command runs whether or not this one succeeded (so a `cd`
 * there may not have happened); `&&` and errexit stop the script.
 */
export function failureIgnored(script: ShellScript, cmd: ShellScript['commands'][number], errexit: boolean): boolean {
  if (errexit || !cmd.topLevel || cmd.after === null || (cmd.after.op !== ';' && cmd.after.op !== '\n')) return false;
  const end = cmd.after.end;
  return script.commands.some((c) => c.topLevel && c.start >= end);
}
