/**
 * Unified diffs: `a/` and `b/` prefixes, 3 lines of context, no index or timestamp lines,
 * so `git apply` and `patch -p1` take them. Line terminators are kept as they are: a CRLF
 * file's lines end in `\r\n` in the patch too, and a missing final newline is marked with
 * `\ No newline at end of file`.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Styles } from './style.js';

export function unifiedDiff(path: string, before: string | null, after: string): string {
  if (before === after) return '';
  // A created file: `--- /dev/null`, which `git apply` and `patch` read as a new file.
  return createTwoFilesPatch(before === null ? '/dev/null' : `a/${path}`, `b/${path}`, before ?? '', after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** Colours a unified diff for a terminal. The text stays byte-identical apart from the escapes. */
export function colorDiff(diff: string, s: Styles): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return s.bold(line);
      if (line.startsWith('@@')) return s.cyan(line);
      if (line.startsWith('+')) return s.green(line);
      if (line.startsWith('-')) return s.red(line);
      if (line.startsWith('\\')) return s.dim(line);
      return line;
    })
    .join('\n');
}
