/**
 * Edits that move whole instruction blocks (the instruction, its attached comments and
 * its line terminator) to another place in the same text, keeping every byte of the
 * blocks and the file's layout: a run of blank lines that separated the block from its
 * neighbour travels with it, and a file without a final newline keeps having none.
 */
import type { Edit } from '../core/fix.js';
import type { DockerfileModel, Instruction } from './dockerfile.js';

/** Where the moved blocks go. */
export type Anchor = { before: Instruction } | { after: Instruction };

/** Blank lines (only whitespace) directly above a block, as [start, end). */
function gapAbove(model: DockerfileModel, i: Instruction): [number, number] {
  const { lines } = model;
  const first = lines.lineOf(i.blockStart);
  let l = first - 1;
  while (l >= 0 && lines.lineText(l).trim() === '') l--;
  if (l === first - 1) return [i.blockStart, i.blockStart];
  return [lines.starts[l + 1], i.blockStart];
}

/** Blank lines directly below a block, as [start, end). */
function gapBelow(model: DockerfileModel, i: Instruction): [number, number] {
  const { lines, text } = model;
  if (i.blockEnd >= text.length) return [i.blockEnd, i.blockEnd];
  let l = lines.lineOf(i.blockEnd);
  const start = l;
  while (l < lines.lineCount && lines.lineText(l).trim() === '' && lines.lineEndWithTerminator(l) > lines.starts[l]) {
    if (lines.lineEndWithTerminator(l) === text.length && !text.endsWith('\n')) break;
    l++;
  }
  return [lines.starts[start], l < lines.lineCount ? lines.starts[l] : text.length];
}

/**
 * Edits moving `blocks` (file order, same stage) to `anchor`.
 * `carry` says which blank gap travels with each block: the one above it (blocks moving
 * up) or the one below it (blocks moving down).
 */
export function moveBlocks(model: DockerfileModel, blocks: Instruction[], anchor: Anchor, carry: 'above' | 'below'): Edit[] {
  const text = model.text;
  const withNl = (s: string) => (s.endsWith('\n') ? s : s + '\n');
  // Regions to remove and the text they carry.
  const regions: [number, number][] = [];
  let moved = '';
  for (const b of blocks) {
    const gap = carry === 'above' ? gapAbove(model, b) : gapBelow(model, b);
    const block = text.slice(b.blockStart, b.blockEnd);
    const gapText = text.slice(gap[0], gap[1]);
    moved += carry === 'above' ? withNl(block) + gapText : withNl(block) + gapText;
    regions.push(carry === 'above' ? [gap[0], b.blockEnd] : [b.blockStart, gap[1]]);
  }
  // Merge touching regions (consecutive blocks).
  const merged: [number, number][] = [];
  for (const r of regions.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  // The last line had no newline: the line before the removed region becomes the last one.
  const tail = merged[merged.length - 1];
  if (tail[1] === text.length && !text.endsWith('\n') && tail[0] > 0 && text[tail[0] - 1] === '\n') tail[0] -= 1;

  let at: number;
  let insert: string;
  if ('before' in anchor) {
    at = anchor.before.blockStart;
    insert = moved;
  } else {
    at = anchor.after.blockEnd;
    const gapFirst = carry === 'below' ? reorderGapFirst(moved) : moved;
    if (at === text.length && !text.endsWith('\n')) insert = '\n' + gapFirst.replace(/\n$/, '');
    else insert = gapFirst;
  }
  const edits: Edit[] = merged.map((r) => ({ range: r, text: '' }));
  edits.push({ range: [at, at], text: insert });
  return edits;
}

/** `block\n\n` → `\nblock\n`: a block appended after the last instruction keeps its separating blank lines above it. */
function reorderGapFirst(s: string): string {
  const m = /\n+$/.exec(s);
  if (!m || m[0].length < 2) return s;
  return m[0].slice(1) + s.slice(0, s.length - m[0].length + 1);
}
