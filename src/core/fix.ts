/**
 * Fixes are data: edits against the text a pass started from, proposed by transforms and
 * applied by the runner. Nothing here knows about any particular transform.
 */
import MagicString from 'magic-string';

/** Replace `[start, end)` of the pass's text with `text` (start === end inserts). */
export interface Edit {
  range: [number, number];
  text: string;
}

/** One reviewable change: all its edits apply together or not at all. */
export interface Fix {
  /** Why the change is safe and what cache reuse it buys, in a reviewer's words. */
  message: string;
  /**
   * One sentence for the stylish line: what moved or was added, and which edit no longer
   * re-runs what (under 120 characters where possible). Absent: the message is shown.
   */
  summary?: string;
  /** One-based line, in the pass's text, of the instruction the fix is about. */
  line: number;
  edits: Edit[];
  /** Index of the instruction the fix is about (for `# dockerfix ignore=` comments). */
  instruction?: number;
  /** Net count of instructions the fix adds (a manifest COPY: +1). Default 0. */
  instructionDelta?: number;
  /** The fix edits the parser-directive block. */
  directives?: boolean;
  /**
   * Edits of other files of the build context that the fix needs (a `.dockerignore` entry):
   * written together with the Dockerfile, both or neither.
   */
  companions?: CompanionEdit[];
  /** The fix moves instructions across others: see {@link MoveView}. */
  move?: MoveView;
}

/**
 * A move seen from the other side. Moving B above A and moving A below B give the same
 * file; the unified diff shows one of the two as removed and added again. The runner words
 * the change after what the diff shows: the fix's own message and summary say that the
 * `moved` instructions moved; `message` and `summary` here say that the `crossed` ones moved
 * the other way, and are used when the diff keeps every `moved` instruction in place and
 * shows every `crossed` one removed and added.
 */
export interface MoveView {
  /** Zero-based first and last lines (in the pass's text) of the instructions that move. */
  moved: [number, number][];
  /** The same for the steps they cross. */
  crossed: [number, number][];
  message: string;
  summary: string;
}

/**
 * An edit of another file of the build context: lines appended to it, or the file created
 * with them. The engine only carries it; the CLI reads the file, applies it with
 * {@link applyCompanion} and writes it with the Dockerfile.
 */
export interface CompanionEdit {
  /** Path relative to the build context root, `/`-separated (`.dockerignore`). */
  path: string;
  /** Lines to append, in order; a line the file already has is not added again. */
  append: string[];
}

/** A finding a transform could not turn into a safe change. */
export interface Advice {
  message: string;
  /** One sentence for the stylish line; absent: the message is shown. */
  summary?: string;
  line: number;
  instruction?: number;
}

/** Smallest range covering all edits of a fix. */
export function hull(fix: Fix): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of fix.edits) {
    lo = Math.min(lo, e.range[0]);
    hi = Math.max(hi, e.range[1]);
  }
  return [lo, hi];
}

/** Two hulls conflict when they overlap or touch: adjacent edits are deferred, never guessed. */
export function conflicts(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/** Applies non-conflicting fixes to a text. Throws if edits of one fix overlap each other. */
export function applyFixes(text: string, fixes: Fix[]): string {
  const s = new MagicString(text);
  const edits = fixes.flatMap((f) => f.edits).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  for (let k = 1; k < edits.length; k++) {
    if (edits[k].range[0] < edits[k - 1].range[1]) throw new Error('overlapping edits');
  }
  for (const e of edits) {
    const [start, end] = e.range;
    if (start < 0 || end > text.length || start > end) throw new Error(`edit out of range [${start}, ${end})`);
    if (start === end) s.appendLeft(start, e.text);
    else if (e.text === '') s.remove(start, end);
    else s.overwrite(start, end, e.text);
  }
  return s.toString();
}

/**
 * The text of a companion file after appending `lines` to `before` (null: the file does not
 * exist and is created). Existing bytes stay as they are (BOM, comments, CRLF): a missing
 * final line terminator is added first, new lines use the file's terminator (CRLF when its
 * first line ends in CRLF), and lines the file already holds (trimmed) are skipped.
 */
export function applyCompanion(before: string | null, lines: readonly string[]): string {
  if (before === null) return lines.length ? lines.join('\n') + '\n' : '';
  const have = new Set(before.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()));
  const add = [...new Set(lines)].filter((l) => !have.has(l.trim()));
  if (!add.length) return before;
  const firstEnd = before.indexOf('\n');
  const eol = firstEnd > 0 && before[firstEnd - 1] === '\r' ? '\r\n' : '\n';
  const sep = before === '' || before.endsWith('\n') ? '' : eol;
  return before + sep + add.join(eol) + eol;
}

/** Companion edits of several fixes, one per path, lines in order without repeats. */
export function mergeCompanions(edits: readonly CompanionEdit[]): CompanionEdit[] {
  const byPath = new Map<string, string[]>();
  for (const e of edits) {
    const lines = byPath.get(e.path) ?? [];
    for (const l of e.append) if (!lines.includes(l)) lines.push(l);
    byPath.set(e.path, lines);
  }
  return [...byPath].map(([path, append]) => ({ path, append }));
}
