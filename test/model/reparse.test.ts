/**
 * The incremental re-parse must give exactly the model a whole parse gives: unit cases for
 * each fallback rule here; random line edits over every corpus file run in the corpus check
 * (test/helpers/random-edits.ts, through test/corpus.test.ts).
 */
import { modelDifference, parseDockerfile } from '../../src/model/dockerfile.js';
import { compareReparse as run } from '../helpers/random-edits.js';

const check = (text: string, edits: { start: number; end: number; text: string }[]) => run(text, edits).diff;

const at = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  if (i === -1) throw new Error(`no ${needle}`);
  return i;
};

describe('reparseDockerfile equals a whole parse', () => {
  const base = '# syntax=docker/dockerfile:1\nFROM node:20\n# deps\nCOPY package.json ./\nRUN npm ci\n\nCOPY . .\nRUN npm run build\nCMD ["node", "."]\n';

  test('an edit inside one RUN: only its region is parsed', () => {
    const s = at(base, 'npm ci');
    expect(run(base, [{ start: s, end: s, text: '--mount=type=cache,target=/root/.npm ' }])).toEqual({ diff: null, regions: true });
  });

  test('the difference check notices a wrong span', () => {
    const m = parseDockerfile(base);
    const broken = { ...m, instructions: m.instructions.map((i, k) => (k === 2 ? { ...i, end: i.end - 1 } : i)) };
    expect(modelDifference(broken, m)).toBe('instruction 3 (line 5)');
  });

  test('a new syntax directive at the top, and a change further down in the same pass', () => {
    const t = base.replace('# syntax=docker/dockerfile:1\n', '');
    const s = at(t, 'npm run build');
    expect(check(t, [{ start: 0, end: 0, text: '# syntax=docker/dockerfile:1\n' }, { start: s, end: s + 3, text: 'pnpm' }])).toBeNull();
  });

  test('a block moved up, with its comment', () => {
    const from = at(base, 'COPY . .\n');
    const to = at(base, '# deps');
    const block = 'COPY . .\n';
    expect(check(base, [{ start: to, end: to, text: block }, { start: from, end: from + block.length, text: '' }])).toBeNull();
  });

  test('an instruction inserted at the end of a file without a final newline', () => {
    const t = 'FROM a\nRUN x';
    expect(check(t, [{ start: t.length, end: t.length, text: '\nRUN y' }])).toBeNull();
  });

  test('an edit that leaves a continuation into the next instruction', () => {
    const s = at(base, 'npm ci');
    expect(check(base, [{ start: s + 'npm ci'.length, end: s + 'npm ci'.length, text: ' \\' }])).toBeNull();
  });

  test('an edit that removes the newline between two instructions', () => {
    const s = at(base, 'npm ci\n') + 'npm ci'.length;
    expect(check(base, [{ start: s, end: s + 1, text: ' ' }])).toBeNull();
  });

  test('an edit that adds an escape directive', () => {
    const t = 'FROM a\nRUN echo a `\n  b\n';
    expect(check(t, [{ start: 0, end: 0, text: '# escape=`\n' }])).toBeNull();
  });

  test('a backtick-escaped file, edited in the middle', () => {
    const t = '# escape=`\nFROM a\nRUN echo a `\n  b\nRUN echo c\nCOPY . .\n';
    const s = at(t, 'echo c');
    expect(check(t, [{ start: s, end: s + 4, text: 'printf' }])).toBeNull();
  });

  test('a region that starts with an escape-directive-looking comment', () => {
    const t = 'FROM a\nRUN echo a\n# escape=`\nRUN echo b `\n  c\n';
    const s = at(t, 'echo b');
    expect(check(t, [{ start: s, end: s + 4, text: 'printf' }])).toBeNull();
  });

  test('here-documents: the whole text is parsed', () => {
    const t = 'FROM a\nRUN <<EOF\necho hi\nEOF\nRUN echo x\n';
    const s = at(t, 'echo x');
    expect(run(t, [{ start: s, end: s, text: 'true && ' }])).toEqual({ diff: null, regions: false });
  });

  test('comments left above the next instruction when an instruction goes', () => {
    const t = 'FROM a\nRUN x\n# about y\nRUN y\n# about z\nRUN z\n';
    const s = at(t, 'RUN y\n');
    expect(check(t, [{ start: s, end: s + 'RUN y\n'.length, text: '' }])).toBeNull();
  });
});
