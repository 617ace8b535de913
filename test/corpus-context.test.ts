/** The build context the corpus check builds from `context-files.txt` (names only). */
import { contextFromNames } from './helpers/corpus.js';

const ctx = contextFromNames('/corpus/x', ['.dockerignore', 'package.json', 'src/', 'yarn.lock', '']);

test('listed names exist, folders with or without their slash', () => {
  for (const p of ['package.json', './package.json', 'yarn.lock', '.dockerignore', 'src', 'src/', './src/', '', '.', './']) expect([p, ctx.exists(p)]).toEqual([p, true]);
});

test('unlisted names and anything deeper are unknown: false', () => {
  for (const p of ['package-lock.json', 'src/index.js', 'src/a/b', 'package.json/x', 'Src']) expect([p, ctx.exists(p)]).toEqual([p, false]);
});

test('no contents: read is null, nothing is ignored', () => {
  expect(ctx.read('package.json')).toBeNull();
  expect(ctx.ignored('package.json')).toBe(false);
});

test('list gives the top-level names like readdirSync; a listed folder is empty, others missing', () => {
  expect(ctx.list('')).toEqual(['.dockerignore', 'package.json', 'src', 'yarn.lock']);
  expect(ctx.list('.')).toEqual(ctx.list(''));
  expect(ctx.list('src')).toEqual([]);
  expect(ctx.list('lib')).toBeNull();
});
