import {
  applyEdits,
  insertArg,
  parseShell,
  removeArg,
  removeCommand,
  type ShellScript,
  type SimpleCommand,
} from '../../src/shell/index.js';

function parse(raw: string, escape = '\\'): ShellScript {
  const r = parseShell(raw, escape);
  if (!r.ok) throw new Error(`parse failed: ${r.error.message}`);
  return r.script;
}

/** A comparable view of a script: the commands' names/args/assignments and operators. */
function shape(s: ShellScript): string[] {
  return s.commands.map((c) =>
    [c.before?.op ?? '', ...c.assignments.map((a) => a.text), c.name?.value ?? '', ...c.args.map((a) => a.value ?? a.text), c.after?.op ?? ''].join(' '),
  );
}

/**
 * Removes the command named `name` (the `nth` one) and checks the result byte for byte,
 * then re-parses it: it must parse, and its commands must be the original ones without
 * the removed command.
 */
function remove(raw: string, name: string, nth = 0, escape = '\\'): string | null {
  const s = parse(raw, escape);
  const cmd = s.commands.filter((c) => c.name?.value === name)[nth]!;
  expect(cmd).toBeDefined();
  const edit = removeCommand(s, cmd);
  if (!edit) return null;
  const out = applyEdits(raw, [edit]);
  const after = parse(out, escape);
  const expected = s.commands.filter((c) => c !== cmd).map((c) => c.name?.value ?? null);
  expect(after.commands.map((c) => c.name?.value ?? null)).toEqual(expected);
  // the remaining commands are unchanged (names, args, assignments)
  const strip = (x: string) => x.replace(/^\S* /, '').replace(/ \S*$/, '');
  expect(shape(after).map(strip)).toEqual(shape(s).filter((_, i) => i !== cmd.index).map(strip));
  return out;
}

describe('removeCommand', () => {
  test('last command of a multi-line list, operators at line starts', () => {
    expect(remove('apt-get install -y x \\\n    && rm -rf /var/lib/apt/lists/*', 'rm')).toBe('apt-get install -y x');
  });

  test('last command of a multi-line list, operators at line ends', () => {
    expect(remove('apt-get update && \\\n    apt-get install -y x && \\\n    rm -rf /var/lib/apt/lists/*', 'rm')).toBe(
      'apt-get update && \\\n    apt-get install -y x',
    );
  });

  test('first command', () => {
    expect(remove('rm -rf /tmp/x && \\\n    make', 'rm')).toBe('make');
    expect(remove('rm -rf /tmp/x \\\n    && make', 'rm')).toBe('make');
    expect(remove('rm -rf /tmp/x && make', 'rm')).toBe('make');
  });

  test('middle command, operators at line ends', () => {
    expect(remove('a && \\\n    rm -rf x && \\\n    b', 'rm')).toBe('a && \\\n    b');
  });

  test('middle command, operators at line starts', () => {
    expect(remove('a \\\n    && rm -rf x \\\n    && b', 'rm')).toBe('a \\\n    && b');
  });

  test('; separators', () => {
    expect(remove('set -ex; \\\n  apt-get -y update; \\\n  apt-get -y clean; \\\n  rm -rf /var/lib/apt/lists/*', 'apt-get', 1)).toBe(
      'set -ex; \\\n  apt-get -y update; \\\n  rm -rf /var/lib/apt/lists/*',
    );
    expect(remove('a; rm -rf x; b', 'rm')).toBe('a; b');
    expect(remove('a; rm -rf x', 'rm')).toBe('a');
    expect(remove('a; rm -rf x;', 'rm')).toBe('a;');
  });

  test('a `;` after the command is kept rather than weakened into `&&`', () => {
    expect(remove('a && rm -rf x; b', 'rm')).toBe('a; b');
    expect(remove('a; rm -rf x && b', 'rm')).toBe('a; b');
  });

  test('a `&` before the last command is kept', () => {
    expect(remove('a & rm -rf x', 'rm')).toBe('a &');
  });

  test('single line', () => {
    expect(remove('apt-get update && apt-get install -y x && apt-get clean', 'apt-get', 2)).toBe(
      'apt-get update && apt-get install -y x',
    );
    expect(remove('apt-get update && apt-get clean && apt-get install -y x', 'apt-get', 1)).toBe(
      'apt-get update && apt-get install -y x',
    );
  });

  test('the only command cannot be removed (the caller must not delete the RUN)', () => {
    expect(remove('rm -rf /var/lib/apt/lists/*', 'rm')).toBeNull();
    expect(remove('rm -rf /var/lib/apt/lists/* ;', 'rm')).toBeNull();
  });

  test('refuses inside a subshell, pipeline, || list, if, loop, function, group, substitution', () => {
    expect(remove('a && (b && rm -rf x)', 'rm')).toBeNull();
    expect(remove('a && rm -rf x | tee log', 'rm')).toBeNull();
    expect(remove('curl x | rm -rf y', 'rm')).toBeNull();
    expect(remove('a && rm -rf x || true', 'rm')).toBeNull();
    expect(remove('a || rm -rf x', 'rm')).toBeNull();
    expect(remove('if a; then rm -rf x; b; fi', 'rm')).toBeNull();
    expect(remove('for f in a; do rm -rf "$f"; done && b', 'rm')).toBeNull();
    expect(remove('f() { rm -rf x; a; }; f', 'rm')).toBeNull();
    expect(remove('{ rm -rf x; a; }', 'rm')).toBeNull();
    expect(remove('echo $(rm -rf x; a)', 'rm')).toBeNull();
    expect(remove("a && sh -c 'rm -rf x && b'", 'rm')).toBeNull();
    expect(remove('a && ! rm -rf x', 'rm')).toBeNull();
    expect(remove('a && rm -rf x & b', 'rm')).toBeNull();
  });

  test('comment lines inside the continuation', () => {
    // a comment just above the removed (last) command goes with it
    expect(remove('apt-get update && \\\n    apt-get install -y x && \\\n    # clean up\n    rm -rf /var/lib/apt/lists/*', 'rm')).toBe(
      'apt-get update && \\\n    apt-get install -y x',
    );
    // a comment above the next command stays with it
    expect(remove('a && \\\n    rm -rf x && \\\n    # build\n    b', 'rm')).toBe('a && \\\n    # build\n    b');
    // the removed command shares its line with the previous one
    expect(remove('a; rm -rf x; \\\n# build\n\tb', 'rm')).toBe('a; \\\n# build\n\tb');
    // …but never as the first line of the body (a RUN whose text starts with a comment
    // would end after that line)
    expect(remove('rm -rf x && \\\n    # build\n    b', 'rm')).toBe('b');
    // with operators at line starts, a comment between the command and its operator goes
    expect(remove('a \\\n    && rm -rf x \\\n    # build\n    && b', 'rm')).toBe('a \\\n    && b');
    // a trailing comment line after the last command's continuation is kept
    expect(remove('a \\\n    && rm -rf x \\\n    # trailing', 'rm')).toBe('a \\\n    # trailing');
  });

  test('keeps the rest of the line: redirects, assignments and the continuation style', () => {
    expect(remove('A=1 make install > /dev/null \\\n  && rm -rf /src \\\n  && B=2 make check', 'rm')).toBe(
      'A=1 make install > /dev/null \\\n  && B=2 make check',
    );
  });

  test('backtick escape character', () => {
    expect(remove('apt-get install -y x `\n    && rm -rf /var/lib/apt/lists/*', 'rm', 0, '`')).toBe('apt-get install -y x');
  });

  test('a command that is not from this script is refused', () => {
    const a = parse('a && b');
    const b = parse('a && b');
    expect(removeCommand(a, b.commands[0]!)).toBeNull();
  });
});

function argEdit(raw: string, name: string, arg: string): string | null {
  const s = parse(raw);
  const cmd = s.commands.find((c) => c.name?.value === name) as SimpleCommand;
  const word = cmd.args.find((a) => a.value === arg)!;
  const edit = removeArg(cmd, word);
  if (!edit) return null;
  const out = applyEdits(raw, [edit]);
  const after = parse(out);
  const c2 = after.commands[cmd.index]!;
  expect(c2.args.map((a) => a.value)).toEqual(cmd.args.filter((a) => a !== word).map((a) => a.value));
  expect(after.commands.length).toBe(s.commands.length);
  return out;
}

describe('removeArg', () => {
  test('removes the word and the blank before it', () => {
    expect(argEdit('pip install --no-cache-dir -r r.txt', 'pip', '--no-cache-dir')).toBe('pip install -r r.txt');
    expect(argEdit('pip install -r r.txt --no-cache-dir', 'pip', '--no-cache-dir')).toBe('pip install -r r.txt');
    expect(argEdit('apk add --no-cache curl && x', 'apk', '--no-cache')).toBe('apk add curl && x');
  });

  test('a word alone on a continuation line: the line goes', () => {
    expect(argEdit('pip install \\\n    --no-cache-dir \\\n    -r r.txt', 'pip', '--no-cache-dir')).toBe('pip install \\\n    -r r.txt');
    expect(argEdit('pip install -r r.txt \\\n    --no-cache-dir', 'pip', '--no-cache-dir')).toBe('pip install -r r.txt');
  });

  test('a word at the start of a continuation line with more after it: the indentation stays', () => {
    expect(argEdit('pip install \\\n    --no-cache-dir -r r.txt', 'pip', '--no-cache-dir')).toBe('pip install \\\n    -r r.txt');
    expect(argEdit('pip install \\\n    --no-cache-dir && x', 'pip', '--no-cache-dir')).toBe('pip install \\\n    && x');
  });

  test('a word at the end of a line followed by a continuation', () => {
    expect(argEdit('pip install --no-cache-dir \\\n    -r r.txt', 'pip', '--no-cache-dir')).toBe('pip install \\\n    -r r.txt');
  });

  test('the command name is not an argument', () => {
    const s = parse('pip install x');
    expect(removeArg(s.commands[0]!, s.commands[0]!.name!)).toBeNull();
  });
});

describe('insertArg', () => {
  test('after the name or after a word', () => {
    const raw = 'apt-get install -y \\\n    curl';
    const s = parse(raw);
    const c = s.commands[0]!;
    expect(applyEdits(raw, [insertArg(c, 'name', '-q')!])).toBe('apt-get -q install -y \\\n    curl');
    expect(applyEdits(raw, [insertArg(c, c.args[1]!, '--no-install-recommends')!])).toBe(
      'apt-get install -y --no-install-recommends \\\n    curl',
    );
  });
});

describe('applyEdits', () => {
  test('applies in any order and refuses overlaps', () => {
    expect(applyEdits('abcdef', [{ range: [4, 5], text: 'E' }, { range: [0, 1], text: 'A' }])).toBe('AbcdEf');
    expect(() => applyEdits('abcdef', [{ range: [0, 3], text: '' }, { range: [2, 4], text: '' }])).toThrow();
  });
});
