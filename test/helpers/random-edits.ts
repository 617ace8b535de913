/**
 * Random line edits for the scanner check: on the edited text, `scanSpans` (dockerfile-ast's
 * scanner without its syntax tree) must find exactly the spans a whole dockerfile-ast parse
 * finds (`astSpans`). The edits make the texts real files rarely contain: dangling
 * continuations, stray directives, here-documents in odd places. Deterministic: the edits of
 * a file depend only on its path and text.
 */
import { astSpans, scanSpans } from '../../src/model/scan.js';

export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping changes (offsets into `text`). */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = '';
  let at = 0;
  for (const e of [...changes].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The first difference between the scanner's spans and a whole parse's, or null when equal. */
export function scanDifference(text: string): string | null {
  const a = scanSpans(text);
  const b = astSpans(text);
  if (a.escape !== b.escape) return `escape ${JSON.stringify(a.escape)} vs ${JSON.stringify(b.escape)}`;
  const n = Math.max(a.spans.length, b.spans.length);
  for (let k = 0; k < n; k++) {
    const x = JSON.stringify(a.spans[k] ?? null);
    const y = JSON.stringify(b.spans[k] ?? null);
    if (x !== y) return `instruction ${k + 1}: scanner ${x}, dockerfile-ast ${y}`;
  }
  return null;
}

/** mulberry32, seeded from a string. */
function rng(seed: string): () => number {
  let a = 2166136261;
  for (let i = 0; i < seed.length; i++) a = Math.imul(a ^ seed.charCodeAt(i), 16777619);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Lines the edits insert or replace with: instructions, comments, blank lines, dangling
 * continuations, directives, here-documents (also split by a continuation, and in ONBUILD).
 */
const SNIPPETS = [
  'RUN echo inserted\n', '# a comment\n', '\n', 'ENV A=1 \\\n', 'RUN a && \\\n    b\n', 'COPY . .\n', 'ARG X\n', '  \\\n',
  '# escape=`\n', 'FROM scratch AS extra\n', 'RUN x <<EOF\nhi\nEOF\n', 'RUN cat <\\\n<EOF\nhi\nEOF\n', 'ONBUILD RUN <<-X\n\tx\n\tX\n',
  'COPY <<a <<b /\n1\na\n2\nb\n', 'R\\\nUN echo split keyword\n', 'RUN echo \\ \n', '\r\n',
];

/** `rounds` sets of 1-3 random line edits (insert before/after, delete, replace), each compared. */
export function randomEditRounds(key: string, text: string, rounds = 3): { failures: string[]; edits: number } {
  const random = rng(key);
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineSpan = (l: number) => [starts[l], l + 1 < starts.length ? starts[l + 1] : text.length] as const;
  const out = { failures: [] as string[], edits: 0 };
  for (let round = 0; round < rounds; round++) {
    const changes: TextChange[] = [];
    const n = 1 + Math.floor(random() * 3);
    for (let k = 0; k < n; k++) {
      const [s, e] = lineSpan(Math.floor(random() * starts.length));
      const kind = Math.floor(random() * 4);
      const snippet = SNIPPETS[Math.floor(random() * SNIPPETS.length)];
      const c = kind === 0 ? { start: s, end: s, text: snippet } : kind === 1 ? { start: s, end: e, text: '' } : kind === 2 ? { start: s, end: e, text: snippet } : { start: e, end: e, text: snippet };
      if (changes.some((x) => (x.start < c.end && c.start < x.end) || x.start === c.start)) continue;
      changes.push(c);
    }
    const diff = scanDifference(applyChanges(text, changes));
    out.edits++;
    if (diff) out.failures.push(`round ${round}: ${diff} after ${JSON.stringify(changes)}`);
  }
  return out;
}
