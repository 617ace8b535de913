/**
 * Random command lines built from shell tokens (seeded, so the run is repeatable):
 * parseShell never throws, every edit it offers re-parses, and whatever mvdan/sh (the
 * Go parser behind shfmt, as the mvdan-sh devDependency) accepts, we accept too.
 */
import { createRequire } from 'node:module';
import { applyEdits, parseShell, removeArg, removeCommand } from '../../src/shell/index.js';

const TOKENS = [
  'a', 'b', ' ', ' ', '\t', '&&', '||', ';', '|', '&', '(', ')', '{ ', '}', '$', '${', '$(', '$((', '))', '`', '"', "'",
  '\\', '\\\n', '#', '<', '>', '2>&1', 'if ', 'then ', 'fi', 'do ', 'done', 'for ', 'in ', 'case ', 'esac', ';;', '=',
  'X=', '[[ ', ' ]]', '!', '*', '<(', 'x)', 'sh -c ', 'eval ',
];

function* lines(count: number, seed: number, maxTokens: number): Generator<string> {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  for (let i = 0; i < count; i++) {
    let line = '';
    const n = 1 + rnd(maxTokens);
    for (let k = 0; k < n; k++) line += TOKENS[rnd(TOKENS.length)];
    yield line;
  }
}

test('no throw; removeCommand/removeArg results re-parse', () => {
  let parsed = 0;
  const bad: string[] = [];
  for (const line of lines(20000, 42, 25)) {
    const r = parseShell(line);
    if (!r.ok) continue;
    parsed++;
    for (const c of r.script.commands) {
      if (c.start < 0 || c.end > line.length || c.start > c.end) bad.push(`range: ${JSON.stringify(line)}`);
      const e = removeCommand(r.script, c);
      if (e && !parseShell(applyEdits(line, [e])).ok) bad.push(`removeCommand: ${JSON.stringify(line)}`);
      for (const a of c.args) {
        const e2 = removeArg(c, a);
        if (e2 && !parseShell(applyEdits(line, [e2])).ok) bad.push(`removeArg: ${JSON.stringify(line)}`);
      }
    }
  }
  expect(bad).toEqual([]);
  expect(parsed).toBeGreaterThan(1000);
});

test('accepts whatever mvdan/sh accepts', () => {
  const { syntax } = createRequire(import.meta.url)('mvdan-sh');
  const parser = syntax.NewParser();
  const missed: string[] = [];
  for (const line of lines(10000, 7, 14)) {
    let theirs = true;
    try {
      parser.Parse(line, '');
    } catch {
      theirs = false;
    }
    if (theirs && !parseShell(line).ok) missed.push(JSON.stringify(line));
  }
  expect(missed).toEqual([]);
});
