import { keptLines, LineMapper, mapMessageLines, passMap } from '../../src/core/lines.js';
import { applyFixes } from '../../src/core/fix.js';

test('a moved line keeps its identity through a pass; inserted text maps to its anchor', () => {
  const input = 'A\nB\nC\n';
  // Move C above A (removal + insertion of the same line), then insert X at the top in pass 2.
  const fixes = [{ edits: [{ range: [4, 6] as [number, number], text: '' }, { range: [0, 0] as [number, number], text: 'C\n' }] }];
  const out1 = applyFixes(input, fixes as never);
  expect(out1).toBe('C\nA\nB\n');
  const m1 = passMap(input, out1, fixes);
  const fixes2 = [{ edits: [{ range: [0, 0] as [number, number], text: 'X\n' }] }];
  const out2 = applyFixes(out1, fixes2 as never);
  const lines = new LineMapper([input, out1, out2], [m1, passMap(out1, out2, fixes2)]);
  // Line 1 of pass 2's text (C) is line 3 of the original; line 2 (A) is line 1.
  expect(lines.lineToOriginal(2, 1)).toBe(3);
  expect(lines.lineToOriginal(2, 2)).toBe(1);
  // Final text X C A B: the original line 3 is now line 2.
  expect(lines.rangeToFinal(1, { line: 3, endLine: 3 })).toEqual({ line: 2, endLine: 2 });
  expect(lines.lineToOriginal(3, 4)).toBe(2);
});

test('a map that does not reproduce the output degrades to "all new" instead of guessing', () => {
  const m = passMap('A\n', 'B\n', []);
  expect(m.fresh[0]).toBe(1);
});

test('line references in messages are rewritten outside code spans only', () => {
  const map = (n: number) => n + 10;
  expect(mapMessageLines('`RUN x` (line 3) and the RUN at line 4; lines 5\u20136; `echo line 7`', map)).toBe('`RUN x` (line 13) and the RUN at line 14; lines 15\u201316; `echo line 7`');
});

test('keptLines: what the diff shows as context', () => {
  expect([...keptLines('A\nB\nC\n', 'B\nC\nA\n')].sort()).toEqual([1, 2]);
});
