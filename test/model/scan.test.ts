/**
 * The scanner (dockerfile-ast's `Parser` without its syntax tree) must find exactly the
 * spans a whole dockerfile-ast parse finds. Hand-written hard cases here; every fixture, every
 * corpus file, every output and random edits of every corpus file in the fixture and corpus
 * checks.
 */
import { astSpans, scanSpans, SCANNER_SUPPORTED } from '../../src/model/scan.js';
import { scanDifference } from '../helpers/random-edits.js';

test('the installed dockerfile-ast has the steps the scanner replaces (else every check below compares the fallback with itself)', () => {
  expect(SCANNER_SUPPORTED).toBe(true);
});

test('spans: keyword, start, end and the offset after the keyword, flags included in the arguments', () => {
  const t = 'FROM node:20 AS build\nrun --mount=type=cache,target=/root/.npm npm ci\n';
  expect(scanSpans(t)).toEqual({
    escape: '\\',
    spans: [
      { keyword: 'FROM', start: 0, end: 21, argsStart: 4 },
      { keyword: 'RUN', start: 22, end: 69, argsStart: 25 },
    ],
  });
  expect(astSpans(t)).toEqual(scanSpans(t));
});

const CASES: Record<string, string> = {
  'empty': '',
  'only comments': '# a\n# b\n',
  'directives and a BOM': '\uFEFF# syntax=docker/dockerfile:1\n# escape=`\nFROM a\nRUN echo a `\n  b\n',
  'BOM without directives': '\uFEFFFROM a\nRUN x\n',
  // (A carriage return that does not end a line never reaches the model: the runner refuses the file, E_PARSE.)
  'CRLF with continuations': 'FROM a\r\nRUN a \\\r\n  && b\r\n\r\nCOPY . .\r\n',
  'no final newline': 'FROM a\nRUN x',
  'comments and blank lines inside a continuation': 'FROM a\nRUN a \\\n# inside\n\n  && b\nCMD c\n',
  'escape followed by blanks before the newline': 'FROM a\nRUN a \\  \n  b\nRUN c \\ d\n',
  'a keyword split by a continuation': 'FROM a\nR\\\nUN echo x\nRU\\N y\n',
  'a dangling continuation at the end': 'FROM a\nRUN a \\\n',
  'heredocs': 'FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<one <<two /dst/\n1\none\n2\ntwo\nRUN <<-"X" bash\n\techo\n\tX\nRUN echo done\n',
  'a heredoc marker split by a continuation': 'FROM a\nRUN cat <\\\n<EOF\nhi\nEOF\nRUN next\n',
  'a heredoc marker split by a backtick continuation': '# escape=`\nFROM a\nRUN cat <`\n<EOF\nhi\nEOF\nRUN next\n',
  'a heredoc marker glued to the command': 'FROM a\nRUN cat<<EOF\nhi\nEOF\nRUN next\n',
  'a < then a continuation then <': 'FROM a\nRUN cat < \\\n<EOF\nRUN next\n',
  'a heredoc in ONBUILD': 'FROM a\nONBUILD RUN <<EOF\nx\nEOF\nRUN y\n',
  'redirections that are not heredocs': 'FROM a\nRUN a < in > out 2>&1 <<< "x"\nRUN b\n',
  'an unterminated heredoc': 'FROM a\nRUN <<EOF\nnever ends\n',
  'JSON forms and an escaped newline in JSON': 'FROM a\nCMD ["a", \\\n "b"]\nENTRYPOINT ["x"]\nSHELL ["/bin/sh", "-c"]\n',
  'backtick escape': '# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\\nCOPY a b\n',
  'unknown and lower-case keywords': 'from a\nfoo bar\nrun x\n',
  'leading whitespace': '  FROM a\n\tRUN b\n',
  'instructions with no arguments': 'FROM\nRUN\nCMD\n',
};

describe('the scanner finds what a whole dockerfile-ast parse finds', () => {
  for (const [name, text] of Object.entries(CASES)) test(name, () => expect(scanDifference(text)).toBeNull());
});

test('a here-document body belongs to its instruction (the scanner runs the real here-document step)', () => {
  // Skipping that step would make "echo hi" and "EOF" instructions of their own.
  const t = 'FROM a\nRUN <<EOF\necho hi\nEOF\n';
  expect(scanSpans(t).spans.map((s) => s.keyword)).toEqual(['FROM', 'RUN']);
  expect(scanSpans(t).spans[1].end).toBe(t.length - 1);
  expect(astSpans(t)).toEqual(scanSpans(t));
});
