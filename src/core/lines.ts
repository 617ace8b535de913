/**
 * Where text went: the runner applies fixes in passes, each against the text the pass
 * started from, so a fix's `line` is in that pass's coordinates. A {@link PassMap} records,
 * for one pass, where every offset of its output came from in its input and where every
 * offset of its input went; {@link LineMapper} chains the passes so that any line of any
 * pass can be named in the original file and in the rewritten one.
 *
 * Text a fix removed and inserted again unchanged (a moved instruction block: the same line
 * removed by one edit and inserted by another of the same fix) keeps its identity. Other new
 * text maps to the place it was inserted at; removed text maps to where its replacement
 * begins.
 */
import { diffLines } from 'diff';
import type { Edit } from './fix.js';
import { LineIndex } from './source.js';

export interface PassMap {
  /** Output offset → input offset (new text: the offset it was inserted at). Length output+1. */
  back: Int32Array;
  /** 1 where the output character is new text. */
  fresh: Uint8Array;
  /** Input offset → output offset (removed text: where its replacement begins). Length input+1. */
  fwd: Int32Array;
  /** 1 where the input character was removed. */
  gone: Uint8Array;
  /** Per fix (in the order given): the output offsets its inserted text spans, or null when it only removes. */
  spans: ([number, number] | null)[];
}

interface Piece {
  edit: Edit;
  fix: number;
  /** Output offset where the edit's text begins. */
  outStart: number;
}

/** Splits `s` into lines (each keeps its `\n`), with their offsets relative to `s`. */
function linesOf(s: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let at = 0;
  while (at < s.length) {
    const nl = s.indexOf('\n', at);
    const end = nl === -1 ? s.length : nl + 1;
    out.push({ text: s.slice(at, end), at });
    at = end;
  }
  return out;
}

const body = (l: string) => l.replace(/\n$/, '');

/**
 * The map of one pass: `input` with the edits of `fixes` applied gives `output` (checked:
 * when it does not, the map degrades to "everything new", anchored at offset 0, rather than
 * guess).
 */
export function passMap(input: string, output: string, fixes: readonly { edits: readonly Edit[] }[]): PassMap {
  const map: PassMap = {
    back: new Int32Array(output.length + 1),
    fresh: new Uint8Array(output.length + 1),
    fwd: new Int32Array(input.length + 1),
    gone: new Uint8Array(input.length + 1),
    spans: fixes.map(() => null),
  };
  // Same order as applyFixes: by start, then end, stable.
  const pieces: Piece[] = fixes
    .flatMap((f, fix) => f.edits.map((edit) => ({ edit, fix, outStart: 0 })))
    .sort((a, b) => a.edit.range[0] - b.edit.range[0] || a.edit.range[1] - b.edit.range[1]);
  let built = '';
  let cursor = 0;
  for (const p of pieces) {
    const [start, end] = p.edit.range;
    built += input.slice(cursor, start);
    p.outStart = built.length;
    built += p.edit.text;
    cursor = Math.max(cursor, end);
  }
  built += input.slice(cursor);
  for (const p of pieces) {
    if (!p.edit.text) continue;
    const s = map.spans[p.fix];
    const end = p.outStart + p.edit.text.length;
    map.spans[p.fix] = s ? [Math.min(s[0], p.outStart), Math.max(s[1], end)] : [p.outStart, end];
  }
  if (built !== output) {
    map.fresh.fill(1);
    map.gone.fill(1);
    return map;
  }

  // Identity outside the edits.
  cursor = 0;
  let delta = 0;
  const keep = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      map.fwd[i] = i + delta;
      map.back[i + delta] = i;
    }
  };
  for (const p of pieces) {
    const [start, end] = p.edit.range;
    keep(cursor, start);
    for (let i = start; i < end; i++) {
      map.fwd[i] = p.outStart;
      map.gone[i] = 1;
    }
    for (let o = p.outStart; o < p.outStart + p.edit.text.length; o++) {
      map.back[o] = start;
      map.fresh[o] = 1;
    }
    delta = p.outStart + p.edit.text.length - end;
    cursor = Math.max(cursor, end);
  }
  keep(cursor, input.length);
  map.fwd[input.length] = output.length;
  map.back[output.length] = input.length;

  // Moved lines: a line a fix removes and inserts again, unchanged, keeps its identity.
  const byFix = new Map<number, Piece[]>();
  for (const p of pieces) byFix.set(p.fix, [...(byFix.get(p.fix) ?? []), p]);
  for (const list of byFix.values()) {
    const removed = list.flatMap((p) => linesOf(input.slice(p.edit.range[0], p.edit.range[1])).map((l) => ({ ...l, at: l.at + p.edit.range[0], used: false })));
    if (!removed.length) continue;
    for (const p of list) {
      for (const l of linesOf(p.edit.text)) {
        if (!body(l.text).trim()) continue;
        const match = removed.find((r) => !r.used && body(r.text) === body(l.text));
        if (!match) continue;
        match.used = true;
        const n = body(l.text).length;
        for (let c = 0; c < n; c++) {
          const o = p.outStart + l.at + c;
          map.back[o] = match.at + c;
          map.fresh[o] = 0;
          map.fwd[match.at + c] = o;
          map.gone[match.at + c] = 0;
        }
      }
    }
  }
  return map;
}

/** A line range, one-based and inclusive. */
export interface LineRange {
  line: number;
  endLine: number;
}

/**
 * The chain of passes: `texts[0]` is the original (working) text, `texts[k]` the output of
 * pass k, `maps[k - 1]` pass k's map. A position "in pass k" is in `texts[k - 1]`, the text
 * pass k started from; the final text is "in pass texts.length".
 */
export class LineMapper {
  private readonly index: LineIndex[];
  constructor(
    readonly texts: readonly string[],
    readonly maps: readonly PassMap[],
  ) {
    this.index = texts.map((t) => new LineIndex(t));
  }

  get finalPass(): number {
    return this.texts.length;
  }

  /** An offset of `texts[k - 1]` in the original text. */
  offsetToOriginal(pass: number, offset: number): number {
    let o = offset;
    for (let j = pass - 2; j >= 0; j--) o = this.maps[j].back[Math.min(o, this.maps[j].back.length - 1)];
    return o;
  }

  /** An offset of `texts[k - 1]` in the final text. */
  offsetToFinal(pass: number, offset: number): number {
    let o = offset;
    for (let j = pass - 1; j < this.maps.length; j++) o = this.maps[j].fwd[Math.min(o, this.maps[j].fwd.length - 1)];
    return o;
  }

  /**
   * The offset that stands for a zero-based line of `texts[k - 1]`: its first character that
   * the passes before k did not add (the line's first non-blank character when they added
   * none, so that indentation a later edit replaced does not count).
   */
  private lineOffset(pass: number, line: number, last: boolean): number {
    const ix = this.index[pass - 1];
    const l = Math.max(0, Math.min(line, ix.lineCount - 1));
    const from = ix.starts[l];
    const to = ix.lineEnd(l);
    const text = this.texts[pass - 1];
    const chars: number[] = [];
    for (let o = from; o < to; o++) if (text[o].trim()) chars.push(o);
    if (!chars.length) chars.push(from);
    if (last) chars.reverse();
    return chars.find((o) => this.isOriginal(pass, o)) ?? chars[0];
  }

  private isOriginal(pass: number, offset: number): boolean {
    let o = offset;
    for (let j = pass - 2; j >= 0; j--) {
      if (this.maps[j].fresh[o]) return false;
      o = this.maps[j].back[o];
    }
    return true;
  }

  /** A one-based line of `texts[k - 1]`, in the original file. */
  lineToOriginal(pass: number, line: number, last = false): number {
    return this.index[0].lineOf(this.offsetToOriginal(pass, this.lineOffset(pass, line - 1, last))) + 1;
  }

  /** One-based, inclusive lines of `texts[k - 1]`, in the original file (never inverted). */
  rangeToOriginal(pass: number, r: LineRange): LineRange {
    const line = this.lineToOriginal(pass, r.line);
    const endLine = this.lineToOriginal(pass, r.endLine, true);
    return { line, endLine: Math.max(line, endLine) };
  }

  /** One-based, inclusive lines of `texts[k - 1]`, in the final text. */
  rangeToFinal(pass: number, r: LineRange): LineRange {
    const fin = this.index[this.index.length - 1];
    const line = fin.lineOf(this.offsetToFinal(pass, this.lineOffset(pass, r.line - 1, false))) + 1;
    const endLine = fin.lineOf(this.offsetToFinal(pass, this.lineOffset(pass, r.endLine - 1, true))) + 1;
    return { line, endLine: Math.max(line, endLine) };
  }

  /** An offset range of pass k's output (`texts[k]`), as final lines. */
  outputRangeToFinal(pass: number, start: number, end: number): LineRange {
    const fin = this.index[this.index.length - 1];
    let a = start;
    let b = Math.max(start, end - 1);
    for (let j = pass; j < this.maps.length; j++) {
      a = this.maps[j].fwd[Math.min(a, this.maps[j].fwd.length - 1)];
      b = this.maps[j].fwd[Math.min(b, this.maps[j].fwd.length - 1)];
    }
    const line = fin.lineOf(a) + 1;
    return { line, endLine: Math.max(line, fin.lineOf(b) + 1) };
  }
}

/**
 * Line numbers written into a message (`(line 12)`, `the RUN at line 7`, `Line 3 looks…`, `lines 4–6`, `lines 3, 8`),
 * rewritten with `map`. Code spans (backticks) are left alone: they quote the file.
 */
export function mapMessageLines(message: string, map: (line: number) => number): string {
  const LINE_REF = /\b([Ll]ines? )(\d+(?:(?:\u2013|-|, | and )\d+)*)\b/g;
  const mapped = (_m: string, word: string, ns: string) => word + ns.replace(/\d+/g, (n) => String(map(Number(n))));
  return message
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(LINE_REF, mapped)))
    .join('');
}

/**
 * Zero-based lines of `before` that the unified diff of `before` → `after` shows as context
 * (kept in place), by the same line diff the patch is made with: a block the diff shows as
 * removed and added elsewhere is what a reader sees as "moved".
 */
export function keptLines(before: string, after: string): Set<number> {
  const kept = new Set<number>();
  let line = 0;
  for (const part of diffLines(before, after)) {
    const n = part.count ?? 0;
    if (part.added) continue;
    if (!part.removed) for (let k = 0; k < n; k++) kept.add(line + k);
    line += n;
  }
  return kept;
}
