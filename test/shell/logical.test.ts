import { isContinuedLine, logicalize } from '../../src/shell/index.js';

/** Every logical character maps to the same character in the raw text. */
function expectFaithful(raw: string, escape = '\\'): void {
  const L = logicalize(raw, escape);
  for (let i = 0; i < L.text.length; i++) expect(raw[L.toRaw(i)]).toBe(L.text[i]);
}

describe('logicalize', () => {
  test('a single line is its own logical line', () => {
    const L = logicalize('apt-get update');
    expect(L.text).toBe('apt-get update');
    expect(L.toRaw(4)).toBe(4);
    expect(L.toRaw(14)).toBe(14);
  });

  test('joins continuation lines without a separator, keeping their indentation', () => {
    const raw = 'apt-get install -y \\\n    curl \\\n    git';
    const L = logicalize(raw);
    expect(L.text).toBe('apt-get install -y     curl     git');
    expect(L.toRaw(L.text.indexOf('curl'))).toBe(raw.indexOf('curl'));
    expect(L.toRaw(L.text.indexOf('git'))).toBe(raw.indexOf('git'));
    expectFaithful(raw);
  });

  test('drops comment lines and empty lines inside the continuation', () => {
    const raw = 'a && \\\n    # install\n\n  \n    b';
    const L = logicalize(raw);
    expect(L.text).toBe('a &&     b');
    expect(L.toRaw(L.text.indexOf('b'))).toBe(raw.lastIndexOf('b'));
    expectFaithful(raw);
  });

  test('blanks after the escape character still continue the line (BuildKit)', () => {
    const L = logicalize('a \\  \t\n  b');
    expect(L.text).toBe('a   b');
  });

  test('an escaped escape character at the end does not continue', () => {
    expect(isContinuedLine('echo a\\\\', '\\')).toBe(false);
    expect(isContinuedLine('echo a \\', '\\')).toBe(true);
    expect(isContinuedLine('\\', '\\')).toBe(true);
    const L = logicalize('echo a\\\\\nnot part');
    expect(L.text).toBe('echo a\\\\');
    expect(L.rawEnd).toBe(8);
  });

  test('backtick escape character', () => {
    const raw = 'apt-get update `\n    && apt-get install -y x';
    const L = logicalize(raw, '`');
    expect(L.text).toBe('apt-get update     && apt-get install -y x');
    expectFaithful(raw, '`');
    // with a backtick escape, a trailing backslash is an ordinary character
    expect(logicalize('a \\\nb', '`').text).toBe('a \\');
  });

  test('toRawEnd maps the end of a range to before the continuation', () => {
    const raw = 'a \\\n  && b';
    const L = logicalize(raw);
    // logical "a   && b": the end of "a" is raw 1 (not after the newline)
    expect(L.toRawEnd(1)).toBe(1);
    // the start of "&&" is on the next line
    expect(L.toRaw(L.text.indexOf('&&'))).toBe(raw.indexOf('&&'));
  });

  test('the trailing newline of the instruction is not part of the logical line', () => {
    const L = logicalize('a \\\n  b\n');
    expect(L.text).toBe('a   b');
    expect(L.rawEnd).toBe(7);
  });
});
