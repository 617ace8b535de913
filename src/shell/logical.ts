/**
 * From the raw text of a RUN body (as written in the Dockerfile) to the logical command
 * line that BuildKit hands to the shell, with a map back to raw offsets.
 *
 * BuildKit's Dockerfile parser (frontend/dockerfile/parser `Parse`) builds an instruction
 * from its physical lines like this:
 * - a line is continued when it ends with the escape character followed only by spaces
 *   or tabs, and that escape character is not itself escaped (`foo \\` is not continued);
 *   the escape character and the blanks after it are removed;
 * - the next lines are appended as they are, with no separator (their leading
 *   whitespace is kept, the newline is not);
 * - inside a continued instruction, a line whose first non-blank character is `#` is a
 *   comment and is dropped, and so is a line with only blanks (an "empty continuation
 *   line", deprecated but still accepted); neither ends the instruction;
 * - the instruction ends with the first kept line that is not continued.
 *
 * The text must already use LF line ends (the engine normalizes CRLF before this runs).
 *
 * @module
 */

/** A logical command line and its map to the raw text it was built from. */
export interface LogicalText {
  /** The logical line: what `/bin/sh -c` receives. Contains no newline. */
  readonly text: string;
  /** The raw text the logical line was built from. */
  readonly raw: string;
  /**
   * Raw offset of the character at logical `offset`. At a place where two physical lines
   * were joined, the offset maps to the start of the later line's content (use
   * {@link LogicalText.toRawEnd} for the end of a range). `text.length` maps to the end of
   * the last kept content.
   */
  toRaw(offset: number): number;
  /**
   * Raw offset for the *end* of a range ending at logical `offset` (exclusive): just
   * after the raw character of `offset - 1`. At a join, this is the end of the earlier
   * line's content, before its continuation character.
   */
  toRawEnd(offset: number): number;
  /**
   * Raw offset where the instruction ends (after the last kept line's content). Raw text
   * after it, if any, is not part of this instruction.
   */
  readonly rawEnd: number;
}

interface Segment {
  /** logical start */
  l: number;
  /** raw start */
  r: number;
  len: number;
}

/**
 * Is this physical line continued with `escapeChar`? BuildKit's rule: the escape
 * character, then only spaces/tabs until the end of the line, and not preceded by another
 * escape character.
 */
export function isContinuedLine(line: string, escapeChar: string): boolean {
  return continuationAt(line, escapeChar) !== -1;
}

/** Index of the continuation character in `line`, or -1. */
function continuationAt(line: string, escapeChar: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escapeChar) return -1;
  if (end >= 2 && line[end - 2] === escapeChar) return -1;
  return end - 1;
}

/**
 * Builds the logical command line of a RUN body.
 *
 * @param raw the text after `RUN` and its flags, exactly as in the (LF-normalized)
 *   Dockerfile; it may include the instruction's trailing newline
 * @param escapeChar the Dockerfile's escape character: `\` (default) or `` ` ``
 */
export function logicalize(raw: string, escapeChar = '\\'): LogicalText {
  const segments: Segment[] = [];
  const pieces: string[] = [];
  let length = 0;
  let lineStart = 0;
  let first = true;
  let rawEnd = 0;
  for (;;) {
    const nl = raw.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? raw.length : nl;
    const line = raw.slice(lineStart, lineEnd);
    let continued = true;
    const trimmed = line.trimStart();
    const dropped = !first && (trimmed === '' || trimmed.startsWith('#'));
    if (!dropped) {
      const at = continuationAt(line, escapeChar);
      continued = at !== -1;
      const len = continued ? at : line.length;
      if (len > 0) {
        segments.push({ l: length, r: lineStart, len });
        pieces.push(line.slice(0, len));
        length += len;
      }
      rawEnd = lineStart + len;
    }
    first = false;
    if (!continued || nl === -1) break;
    lineStart = nl + 1;
  }
  return fromSegments(raw, segments, pieces, rawEnd);
}

/**
 * The text a shell reads from a script (a here-document RUN's body, between `from` and `to` of
 * `raw`): the shell removes every backslash-newline before splitting words, except inside single
 * quotes and comments; nothing else changes (newlines separate commands, `#` starts a comment).
 * Offsets map back into `raw`. The quote tracking is a scan, not a parse: a body it misreads is
 * parsed from a slightly different text, which the parser then usually rejects.
 */
export function scriptText(raw: string, from = 0, to = raw.length): LogicalText {
  const segments: Segment[] = [];
  const pieces: string[] = [];
  let length = 0;
  let segStart = from;
  let quote: '' | "'" | '"' = '';
  const cut = (at: number) => {
    if (at > segStart) {
      segments.push({ l: length, r: segStart, len: at - segStart });
      pieces.push(raw.slice(segStart, at));
      length += at - segStart;
    }
  };
  for (let i = from; i < to; i++) {
    const c = raw[i];
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') {
      if (raw[i + 1] === '\n' && i + 1 < to) {
        cut(i);
        segStart = i + 2;
      }
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = '';
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === from || /[\s;&|()]/.test(raw[i - 1]!))) {
      const nl = raw.indexOf('\n', i);
      i = (nl === -1 || nl > to ? to : nl) - 1;
    }
  }
  cut(to);
  return fromSegments(raw, segments, pieces, to);
}

function fromSegments(raw: string, segments: Segment[], pieces: string[], rawEnd: number): LogicalText {
  // join() gives a flat string: the parser's many indexed reads are slower on the
  // rope that `+=` would build.
  const text = pieces.length === 1 ? pieces[0]! : pieces.join('');
  const toRaw = (offset: number): number => {
    if (offset <= 0) return segments.length ? segments[0]!.r : 0;
    if (offset >= text.length) return rawEnd;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.l <= offset) lo = mid;
      else hi = mid - 1;
    }
    const s = segments[lo]!;
    return s.r + (offset - s.l);
  };
  return {
    text,
    raw,
    rawEnd,
    toRaw,
    toRawEnd: (offset: number) => (offset <= 0 ? toRaw(0) : toRaw(offset - 1) + 1),
  };
}
