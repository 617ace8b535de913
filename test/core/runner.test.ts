import { fixSource } from '../../src/core/runner.js';
import type { Transform } from '../../src/core/transform.js';
import { TRANSFORMS } from '../../transforms/index.js';

const t = (id: string, run: Transform['run']): Transform => ({ id, description: id, defaultEnabled: true, run });

test('a fix that loses an instruction is rejected and the file is left as it was', () => {
  const input = 'FROM alpine\nRUN a\nRUN b\n';
  const dropper = t('dropper', ({ model }) => {
    const b = model.instructions[2];
    return { fixes: [{ message: 'drop', line: 3, edits: [{ range: [b.blockStart, b.blockEnd], text: '' }] }] };
  });
  const r = fixSource(input, { transforms: [dropper] });
  expect(r.error?.code).toBe('E_VERIFY');
  expect(r.error?.message).toMatch(/instruction count/);
  expect(r.output).toBe(input);
  expect(r.changed).toBe(false);
});

test('a fix that duplicates an instruction without declaring it is rejected', () => {
  const dup = t('dup', ({ model }) => {
    const a = model.instructions[1];
    return { fixes: [{ message: 'dup', line: 2, edits: [{ range: [a.blockEnd, a.blockEnd], text: 'RUN a\n' }] }] };
  });
  expect(fixSource('FROM alpine\nRUN a\nRUN b\n', { transforms: [dup] }).error?.code).toBe('E_VERIFY');
});

test('a declared insertion passes verification', () => {
  const ins = t('ins', ({ model }) => {
    if (model.instructions.length > 3) return { fixes: [] };
    const a = model.instructions[1];
    return { fixes: [{ message: 'ins', line: 2, edits: [{ range: [a.blockStart, a.blockStart], text: 'COPY x ./\n' }], instructionDelta: 1 }] };
  });
  const r = fixSource('FROM alpine\nRUN a\nRUN b\n', { transforms: [ins] });
  expect(r.error).toBeUndefined();
  expect(r.output).toBe('FROM alpine\nCOPY x ./\nRUN a\nRUN b\n');
});

test('a FROM line may never change', () => {
  const from = t('from', ({ model }) =>
    model.text.includes('alpine:3') ? { fixes: [] } : { fixes: [{ message: 'tag', line: 1, edits: [{ range: [5, 11], text: 'alpine:3' }] }] },
  );
  expect(fixSource('FROM alpine\nRUN a\n', { transforms: [from] }).error?.message).toMatch(/FROM line/);
});

test('conflicting fixes wait for the next pass; both land', () => {
  const first = t('first', ({ model }) =>
    model.text.includes('RUN a1') ? { fixes: [] } : { fixes: [{ message: '1', line: 2, edits: [{ range: [16, 17], text: 'a1' }] }] },
  );
  const second = t('second', ({ model }) => {
    const i = model.instructions[1];
    return i.text.endsWith('!') ? { fixes: [] } : { fixes: [{ message: '2', line: 2, edits: [{ range: [i.end, i.end], text: '!' }] }] };
  });
  const r = fixSource('FROM alpine\nRUN a\n', { transforms: [first, second] });
  expect(r.error).toBeUndefined();
  expect(r.output).toBe('FROM alpine\nRUN a1!\n');
  expect(r.changes.map((c) => [c.transform, c.pass])).toEqual([
    ['first', 1],
    ['second', 2],
  ]);
});

test('transforms that undo each other are stopped as a cycle', () => {
  const flip = t('flip', ({ model }) => {
    const i = model.instructions[1];
    return { fixes: [{ message: 'flip', line: 2, edits: [{ range: [i.start + 4, i.end], text: i.body === 'a' ? 'b' : 'a' }] }] };
  });
  const r = fixSource('FROM alpine\nRUN a\n', { transforms: [flip] });
  expect(r.error?.code).toBe('E_CYCLE');
  expect(r.output).toBe('FROM alpine\nRUN a\n');
});

test('a throwing transform becomes a per-file error, not a crash', () => {
  const boom = t('boom', () => {
    throw new Error('kaput');
  });
  const r = fixSource('FROM alpine\n', { transforms: [boom] });
  expect(r.error?.code).toBe('E_TRANSFORM');
  expect(r.error?.transform).toBe('boom');
});

test('not a Dockerfile', () => {
  expect(fixSource('hello world\nthis is prose\n', { transforms: TRANSFORMS }).error?.code).toBe('E_NOT_DOCKERFILE');
  expect(fixSource('RUN echo hi\n', { transforms: TRANSFORMS }).error?.code).toBe('E_NOT_DOCKERFILE');
  expect(fixSource('', { transforms: TRANSFORMS }).error).toBeUndefined();
});

test('ignore comments: next instruction and whole file', () => {
  const touchRun = t('touch', ({ model }) => ({
    fixes: model.instructions
      .filter((i) => i.keyword === 'RUN' && !i.text.endsWith('!'))
      .map((i) => ({ message: 'touch', line: i.startLine + 1, edits: [{ range: [i.end, i.end] as [number, number], text: '!' }], instruction: i.index })),
  }));
  const r = fixSource('FROM alpine\n# dockerfix ignore=touch\nRUN a\nRUN b\n', { transforms: [touchRun] });
  expect(r.output).toBe('FROM alpine\n# dockerfix ignore=touch\nRUN a\nRUN b!\n');
  const g = fixSource('# dockerfix global ignore=touch\nFROM alpine\nRUN a\n', { transforms: [touchRun] });
  expect(g.changed).toBe(false);
});

test('BOM and CRLF survive untouched bytes', () => {
  const input = '\uFEFFFROM alpine\r\nRUN a \\\r\n  b\r\n';
  const r = fixSource(input, { transforms: TRANSFORMS });
  expect(r.output).toBe('\uFEFF# syntax=docker/dockerfile:1\r\nFROM alpine\r\nRUN a \\\r\n  b\r\n');
});

test('a file for a custom frontend with its own instructions is skipped, not an error', () => {
  const r = fixSource('# syntax = devthefuture/dockerfile-x\n\nINCLUDE docker/base.dockerfile\nFROM alpine\n', { transforms: TRANSFORMS });
  expect(r.error).toBeUndefined();
  expect(r.skipped).toMatch(/devthefuture\/dockerfile-x/);
  expect(r.changed).toBe(false);
});

test('a transform sees which transforms run on the file, with their options (globally ignored ones left out)', () => {
  const seen: string[][] = [];
  const spy = t('spy', ({ enabled }) => {
    seen.push([...enabled.keys()]);
    expect(enabled.get('other')).toEqual({ image: 'x' });
    return { fixes: [] };
  });
  const other = t('other', () => ({ fixes: [] }));
  const quiet = t('quiet', () => ({ fixes: [] }));
  fixSource('FROM alpine\nRUN a\n', { transforms: [spy, other, quiet], options: { other: { image: 'x' } } });
  fixSource('# dockerfix global ignore=quiet\nFROM alpine\nRUN a\n', { transforms: [spy, other, quiet], options: { other: { image: 'x' } } });
  expect(seen).toEqual([
    ['spy', 'other', 'quiet'],
    ['spy', 'other'],
  ]);
});
