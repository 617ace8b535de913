/**
 * The text layer: what bytes a Dockerfile has besides its instructions (BOM, line
 * endings, final newline), and the conversions between parser positions and offsets.
 *
 * The engine works on a *working text*: BOM removed and, when every line ends in CRLF,
 * CRLF folded to LF. Both are undone exactly by {@link encodeSource}, so transforms only
 * ever see `\n` and untouched bytes come back identical.
 */
export interface SourceInfo {
  /** The file began with U+FEFF. */
  bom: boolean;
  /** Line ending used for new lines: the file's own. */
  eol: '\n' | '\r\n';
  /** The working text had CRLF folded to LF (the file was CRLF throughout). */
  crlfFolded: boolean;
}

export function decodeSource(raw: string): { text: string; info: SourceInfo } {
  let text = raw;
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const lf = countOf(text, '\n');
  const crlf = countOf(text, '\r\n');
  // Fold only when lossless: every \n is part of a \r\n.
  const crlfFolded = lf > 0 && lf === crlf;
  if (crlfFolded) text = text.replace(/\r\n/g, '\n');
  const eol: '\n' | '\r\n' = crlfFolded || (crlf > 0 && crlf * 2 > lf) ? '\r\n' : '\n';
  return { text, info: { bom, eol, crlfFolded } };
}

export function encodeSource(text: string, info: SourceInfo): string {
  let out = info.crlfFolded ? text.replace(/\n/g, '\r\n') : text;
  if (info.bom) out = '\uFEFF' + out;
  return out;
}

function countOf(s: string, needle: string): number {
  let n = 0;
  for (let i = s.indexOf(needle); i !== -1; i = s.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Offsets of the first character of every line (a line ends at `\n`). */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  /** Offset of a zero-based (line, character) position, as dockerfile-ast reports them. */
  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line] + character, this.lineEnd(line));
  }
  /** Zero-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** Offset of the end of a line's content (before `\n`, and before a `\r` ending it). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return next > this.starts[line] && this.text[next - 1] === '\r' && line + 1 < this.starts.length ? next - 1 : next;
  }
  /** Offset just past a line's terminator (start of the next line, or end of text). */
  lineEndWithTerminator(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }
  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }
}
