import { applyFixes } from '../../src/core/fix.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { moveBlocks, type Anchor } from '../../src/model/move.js';

function move(text: string, blocks: number[], anchor: (ins: ReturnType<typeof parseDockerfile>['instructions']) => Anchor, carry: 'above' | 'below'): string {
  const m = parseDockerfile(text);
  const edits = moveBlocks(m, blocks.map((k) => m.instructions[k]), anchor(m.instructions), carry);
  return applyFixes(text, [{ message: '', line: 1, edits }]);
}

test('up, with the blank line above the block and its comment', () => {
  const t = 'FROM a\n\nCOPY . .\n\n# why\nRUN x\n\nRUN y\n';
  expect(move(t, [2], (i) => ({ before: i[1] }), 'above')).toBe('FROM a\n\n# why\nRUN x\n\nCOPY . .\n\nRUN y\n');
});

test('up, the last line without a final newline', () => {
  expect(move('FROM a\nCOPY . .\nRUN x', [2], (i) => ({ before: i[1] }), 'above')).toBe('FROM a\nRUN x\nCOPY . .');
  expect(move('FROM a\nCOPY . .\n\nRUN x', [2], (i) => ({ before: i[1] }), 'above')).toBe('FROM a\nRUN x\n\nCOPY . .');
});

test('up, two blocks in one fix keep their order', () => {
  const t = 'FROM a\nCOPY . .\nENV A=1\nRUN x\n';
  expect(move(t, [2, 3], (i) => ({ before: i[1] }), 'above')).toBe('FROM a\nENV A=1\nRUN x\nCOPY . .\n');
});

test('down, with the blank line below the block', () => {
  const t = 'FROM a\n\nARG V\n\nRUN x\n\nLABEL v=$V\n';
  expect(move(t, [1], (i) => ({ before: i[3] }), 'below')).toBe('FROM a\n\nRUN x\n\nARG V\n\nLABEL v=$V\n');
});

test('down to the end of a stage, before the next stage and at the end of a file without final newline', () => {
  const t = 'FROM a AS one\nARG V\nRUN x\n\nFROM one\nRUN y';
  expect(move(t, [1], (i) => ({ after: i[2] }), 'below')).toBe('FROM a AS one\nRUN x\nARG V\n\nFROM one\nRUN y');
  expect(move('FROM a\nARG V\n\nRUN x', [1], (i) => ({ after: i[2] }), 'below')).toBe('FROM a\nRUN x\n\nARG V');
});
