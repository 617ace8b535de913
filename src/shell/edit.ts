/**
 * Edits of a RUN body, returned as data against the raw body text. They keep the
 * untouched bytes as they are: continuation style, indentation, comment lines.
 *
 * @module
 */

import { internals, type ShellScript, type ShellWord, type SimpleCommand } from './script.js';

/** One replacement of the raw body text: `raw.slice(range[0], range[1])` becomes `text`. */
export interface ShellEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * Removes one command of an `&&` / `;` list together with exactly one operator joining
 * it to its neighbours, so that the rest of the list stays valid and keeps its layout.
 *
 * Which operator goes: the one after the command (`a; X && b` → `a; b`), except when
 * that would weaken a `;` into `&&` (`a && X; b` → `a; b`, not `a && b`), and for the
 * last command the one before it. A line that held only the removed command (and its
 * operator) disappears, with its continuation. Comment lines inside the continuation:
 * one just above the next command stays (it belongs to that command); one between the
 * previous command and the removed one goes with the removed one (it described it); with
 * operators at line starts (`a \
 # c
 && X`), a comment line between the removed
 * command and its operator goes too.
 *
 * Returns `null` (the caller must leave the RUN alone, not delete it) when the command:
 * is the only command; is not in the body's top-level list (inside a subshell, group,
 * `if`, loop, function, substitution or `sh -c` string); is part of a pipeline; is
 * negated; is run in the background; is next to an `||` (its failure handling would
 * change).
 */
export function removeCommand(script: ShellScript, cmd: SimpleCommand): ShellEdit | null {
  const info = internals.get(cmd);
  if (!info || info.script !== script) return null;
  if (!cmd.topLevel || cmd.inPipeline || cmd.negated || cmd.background) return null;
  if (cmd.before?.op === '||' || cmd.after?.op === '||') return null;
  const { prevEnd, nextStart } = info;
  if (prevEnd === null && nextStart === null) return null;
  const L = script.logical;
  const start = L.toRaw(info.node.start);
  const end = L.toRawEnd(info.node.end);
  if (nextStart !== null) {
    // Keep a `;` (or newline) after us rather than the `&&` before us.
    const keepAfter = prevEnd !== null && cmd.before?.op === '&&' && cmd.after !== null && cmd.after.op !== '&&';
    if (!keepAfter) {
      // Stop before a comment line that sits between the operator and the next command:
      // it belongs to the next command. Not for the first command: the body must not
      // start with a comment (that would end the RUN after its first line).
      let stop = L.toRaw(nextStart);
      const from = cmd.after ? cmd.after.end : end;
      const comment = prevEnd === null ? null : /\n[ \t]*#/.exec(script.raw.slice(from, stop));
      if (comment) {
        const raw = script.raw;
        const lineStart = raw.lastIndexOf('\n', start - 1) + 1;
        if (/^[ \t]*$/.test(raw.slice(lineStart, start))) {
          // the command starts its line: the line goes, the comment takes its place
          stop = from + comment.index + comment[0].length - 1;
        } else {
          // mid-line: remove the command, its operator and the blanks after it; the
          // continuation and the comment line stay
          stop = from;
          while (raw[stop] === ' ' || raw[stop] === '\t') stop++;
        }
      }
      return { range: [start, stop], text: '' };
    }
    return { range: [L.toRawEnd(prevEnd), end], text: '' };
  }
  // The last command: drop the operator before it. Keep a `&` before it (it puts the
  // previous list in the background).
  if (cmd.before?.op === '&') return { range: [cmd.before.end, end], text: '' };
  return { range: [L.toRawEnd(prevEnd!), end], text: '' };
}

/**
 * Removes one argument word of a command and the blank before it, e.g.
 * `pip install --no-cache-dir -r r.txt` → `pip install -r r.txt`.
 *
 * When the word starts a continuation line: if it is alone on that line, the line goes
 * (with the continuation before it); if more follows on the line, the word and the blanks
 * after it go, so the line keeps its indentation.
 *
 * Returns `null` when `word` is not one of `cmd.args` (the command name cannot be removed).
 */
export function removeArg(cmd: SimpleCommand, word: ShellWord): ShellEdit | null {
  const info = internals.get(cmd);
  if (!info) return null;
  const i = cmd.args.indexOf(word);
  if (i === -1) return null;
  const L = info.script.logical;
  const raw = info.script.raw;
  // the token before the word in the command (name, argument, assignment or redirect)
  const tokens = [...cmd.assignments, ...(cmd.name ? [cmd.name] : []), ...cmd.args, ...cmd.redirects].sort(
    (a, b) => a.start - b.start,
  );
  const t = tokens.indexOf(word);
  const prev = tokens[t - 1]!;
  if (raw.slice(prev.end, word.start).includes('\n')) {
    // The word starts a physical line. What follows it on the logical line?
    const logicalEnd = logicalOffsetOf(info.script, word.end);
    let q = logicalEnd;
    while (q < L.text.length && (L.text[q] === ' ' || L.text[q] === '\t')) q++;
    if (q < L.text.length) {
      const next = L.toRaw(q);
      if (!raw.slice(word.end, next).includes('\n')) return { range: [word.start, next], text: '' };
    }
  }
  return { range: [prev.end, word.end], text: '' };
}

/**
 * Inserts `text` as a new argument after `after` (a word of the command, or `'name'` for
 * right after the command name), separated by one space.
 *
 * Returns `null` when `after` is not a word of the command or the command has no name.
 */
export function insertArg(cmd: SimpleCommand, after: ShellWord | 'name', text: string): ShellEdit | null {
  const w = after === 'name' ? cmd.name : after;
  if (!w || (w !== cmd.name && !cmd.args.includes(w))) return null;
  return { range: [w.end, w.end], text: ` ${text}` };
}

/**
 * Applies non-overlapping edits to `raw` (any order). Throws on overlapping edits.
 */
export function applyEdits(raw: string, edits: readonly ShellEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.range[0] < at) throw new Error(`overlapping edits at ${e.range[0]}`);
    out += raw.slice(at, e.range[0]) + e.text;
    at = e.range[1];
  }
  return out + raw.slice(at);
}

/** Logical offset of the end of a raw range ending at `rawEnd` (a word's end). */
function logicalOffsetOf(script: ShellScript, rawEnd: number): number {
  const L = script.logical;
  let lo = 0;
  let hi = L.text.length;
  // toRawEnd is monotonic in the logical offset
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (L.toRawEnd(mid) < rawEnd) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
