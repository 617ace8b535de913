import { isPosixShell, parseShell, type ShellScript, type SimpleCommand } from '../../src/shell/index.js';

function parse(raw: string, escape = '\\'): ShellScript {
  const r = parseShell(raw, escape);
  if (!r.ok) throw new Error(`parse failed: ${r.error.message} at ${r.error.offset}`);
  return r.script;
}

const names = (s: ShellScript) => s.commands.map((c) => c.name?.value ?? null);
const cmd = (s: ShellScript, name: string): SimpleCommand => s.commands.find((c) => c.name?.value === name)!;

describe('parseShell: commands', () => {
  test('&&, ||, ; and pipes, with the joining operators and their raw ranges', () => {
    const raw = 'a && b || c; d | e';
    const s = parse(raw);
    expect(names(s)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const [a, b, c, d, e] = s.commands as SimpleCommand[];
    expect(a!.before).toBeNull();
    expect(a!.after).toEqual({ op: '&&', start: 2, end: 4 });
    expect(b!.after?.op).toBe('||');
    expect(c!.after).toEqual({ op: ';', start: 11, end: 12 });
    expect(d!.after?.op).toBe('|');
    expect(e!.before?.op).toBe('|');
    expect(e!.after).toBeNull();
    expect(c!.conditional).toBe(true);
    expect([a, b, d, e].map((x) => x!.conditional)).toEqual([false, false, false, false]);
    expect([d, e].map((x) => x!.inPipeline)).toEqual([true, true]);
  });

  test('raw positions across continuation lines', () => {
    const raw = 'apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        curl \\\n    && rm -rf /var/lib/apt/lists/*';
    const s = parse(raw);
    expect(names(s)).toEqual(['apt-get', 'apt-get', 'rm']);
    const install = s.commands[1]!;
    expect(install.text).toBe('apt-get install -y --no-install-recommends \\\n        curl');
    expect(install.args.map((a) => a.value)).toEqual(['install', '-y', '--no-install-recommends', 'curl']);
    for (const c of s.commands) {
      expect(raw.slice(c.start, c.end)).toBe(c.text);
      for (const w of [c.name!, ...c.args]) expect(raw.slice(w.start, w.end)).toBe(w.text);
    }
    expect(raw.slice(install.before!.start, install.before!.end)).toBe('&&');
    const rm = cmd(s, 'rm');
    expect(rm.args[1]).toMatchObject({ text: '/var/lib/apt/lists/*', value: '/var/lib/apt/lists/*', glob: true });
  });

  test('quotes: values after quote removal, operators inside quotes are not operators', () => {
    const s = parse(`echo 'a && b' "c; d" e\\;f "x"'y'z`);
    expect(names(s)).toEqual(['echo']);
    expect(s.commands[0]!.args.map((a) => a.value)).toEqual(['a && b', 'c; d', 'e;f', 'xyz']);
    expect(s.commands[0]!.args.map((a) => a.quoted)).toEqual([true, true, true, true]);
  });

  test('words with expansions have no value', () => {
    const s = parse('echo $HOME "${X:-y}" a$(b) `c` $((1+2)) plain');
    expect(s.commands[0]!.args.map((a) => a.value)).toEqual([null, null, null, null, null, 'plain']);
  });

  test('env assignments before the name, and commands of assignments only', () => {
    const s = parse('DEBIAN_FRONTEND=noninteractive TZ="Etc/UTC" apt-get install -y tzdata && X=1');
    const apt = s.commands[0]!;
    expect(apt.name?.value).toBe('apt-get');
    expect(apt.assignments.map((a) => [a.name, a.value?.value])).toEqual([
      ['DEBIAN_FRONTEND', 'noninteractive'],
      ['TZ', 'Etc/UTC'],
    ]);
    expect(s.commands[1]!.name).toBeNull();
    expect(s.commands[1]!.assignments[0]!.name).toBe('X');
  });

  test('redirects', () => {
    const s = parse('make >build.log 2>&1 </dev/null && cat <<< "x" &>/dev/null');
    expect(s.commands[0]!.redirects.map((r) => [r.fd, r.op, r.target?.value])).toEqual([
      [null, '>', 'build.log'],
      ['2', '>&', '1'],
      [null, '<', '/dev/null'],
    ]);
    expect(s.commands[0]!.args).toEqual([]);
    expect(s.commands[1]!.redirects.map((r) => r.op)).toEqual(['<<<', '&>']);
  });

  test('$(...) and backquotes: nested commands run in a subshell', () => {
    const s = parse('VERSION=$(cat /v) && echo "$(cd "$d" && pwd)" `date -u`');
    expect(names(s)).toEqual([null, 'cat', 'echo', 'cd', 'pwd', 'date']);
    expect(cmd(s, 'cat')).toMatchObject({ inSubshell: true, nested: 'command-substitution', topLevel: false });
    expect(cmd(s, 'pwd').before?.op).toBe('&&');
    expect(cmd(s, 'date').text).toBe('date -u');
    expect(cmd(s, 'echo')).toMatchObject({ inSubshell: false, topLevel: true });
  });

  test('subshells, groups, || fallbacks', () => {
    const s = parse('npm ci || (cat npm-debug.log && false) ; { a; b; } > log');
    expect(names(s)).toEqual(['npm', 'cat', 'false', 'a', 'b']);
    expect(cmd(s, 'npm')).toMatchObject({ conditional: false, inSubshell: false });
    expect(cmd(s, 'cat')).toMatchObject({ conditional: true, inSubshell: true });
    expect(cmd(s, 'a')).toMatchObject({ inSubshell: false, topLevel: false });
  });

  test('if / for / while / case / functions make commands conditional', () => {
    const s = parse(
      'if [ -f x ]; then a; elif b; then c; else d; fi; for f in *.txt; do e "$f"; done; while read l; do g; done < list; case "$x" in y) h;; *) i;; esac; fn() { j; }; k',
    );
    expect(names(s)).toEqual(['[', 'a', 'b', 'c', 'd', 'e', 'read', 'g', 'h', 'i', 'j', 'k']);
    const cond = Object.fromEntries(s.commands.map((c) => [c.name!.value, c.conditional]));
    expect(cond).toEqual({ '[': false, a: true, b: true, c: true, d: true, e: true, read: false, g: true, h: true, i: true, j: true, k: false });
    expect(s.functions).toEqual(['fn']);
  });

  test('negation and background', () => {
    const s = parse('! grep -q x f || y; sleep 1 & z');
    expect(cmd(s, 'grep').negated).toBe(true);
    expect(cmd(s, 'sleep').background).toBe(true);
    expect(cmd(s, 'z').background).toBe(false);
  });

  test('bash forms: [[ ]], (( )), arrays, process substitution, $\'…\'', () => {
    const s = parse("[[ -n \"$A\" && $B =~ ^(x|y)$ ]] && (( C > 1 )) && arr=(1 2 \"$D\") && diff <(e) <(f) && printf $'a\\tb'");
    expect(names(s)).toEqual([null, 'diff', 'e', 'f', 'printf']);
    expect(cmd(s, 'e').nested).toBe('process-substitution');
    expect(s.variables.map((v) => v.name)).toEqual(['A', 'B', 'C', 'D']);
  });

  test('comments end the command line', () => {
    const s = parse('echo a#b # c && d');
    expect(names(s)).toEqual(['echo']);
    expect(s.commands[0]!.args[0]!.value).toBe('a#b');
  });

  test('comment lines inside the continuation are not shell text', () => {
    const raw = 'apt-get update && \\\n    # the tools we need\n    apt-get install -y x';
    const s = parse(raw);
    expect(names(s)).toEqual(['apt-get', 'apt-get']);
    expect(s.commands[1]!.start).toBe(raw.lastIndexOf('apt-get'));
  });

  test('backtick escape character', () => {
    const raw = 'apt-get update `\n    && apt-get install -y x';
    const s = parse(raw, '`');
    expect(names(s)).toEqual(['apt-get', 'apt-get']);
    expect(s.commands[1]!.text).toBe('apt-get install -y x');
  });

  test('non-ASCII text keeps UTF-16 offsets', () => {
    const raw = 'echo "héllo wörld" && ls';
    const s = parse(raw);
    expect(cmd(s, 'ls').start).toBe(raw.indexOf('ls'));
  });

  test('syntax errors are results, not exceptions, with a raw offset', () => {
    for (const bad of ['echo "unterminated', 'a &&', 'if x; then y', '(a', 'a | | b', 'fi', 'cat <<EOF']) {
      const r = parseShell(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(bad.length);
    }
  });

  test('empty body and comment-only body give no commands', () => {
    expect(parse('').commands).toEqual([]);
    expect(parse('# nothing').commands).toEqual([]);
  });
});

describe('parseShell: variables', () => {
  test('every reference by name, in words, quotes, substitutions and arithmetic', () => {
    const raw = 'echo $A ${B} "${C:-$D}" "$(echo $E)" $((F + 1)) ${#G} ${H[0]} $1 $@ && X=$Y cmd';
    const s = parse(raw);
    expect(s.variables.map((v) => v.name)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', '1', '@', 'Y']);
    const c = s.variables.find((v) => v.name === 'C')!;
    expect(raw.slice(c.start, c.end)).toBe('${C:-$D}');
  });

  test('single quotes hide references; escaped $ is not a reference', () => {
    expect(parse("echo '$A' \\$B").variables).toEqual([]);
  });
});

describe('parseShell: opaque constructs', () => {
  const reasons = (raw: string) => parse(raw).opaqueConstructs.map((o) => o.reason);

  test('eval, source, dynamic names, dynamic sh -c, function calls', () => {
    expect(reasons('eval "$X"')).toEqual(['eval']);
    expect(reasons('. ./env.sh && source /etc/profile')).toEqual(['source', 'source']);
    expect(reasons('$(which python) -m pip install x')).toEqual(['dynamic-command-name']);
    expect(reasons('sh -c "$CMD"')).toEqual(['dynamic-shell-c']);
    expect(reasons('f() { apt-get update; }; f')).toEqual(['function-call']);
    expect(parse('apt-get update && make').opaque).toBe(false);
  });

  test('sh -c / bash -c with a static string: the inner commands are parsed', () => {
    const raw = "set -e && bash -o pipefail -lc 'apt-get update && rm -rf /var/lib/apt/lists/*'";
    const s = parse(raw);
    expect(s.opaque).toBe(false);
    expect(names(s)).toEqual(['set', 'bash', 'apt-get', 'rm']);
    const rm = cmd(s, 'rm');
    expect(rm).toMatchObject({ nested: 'shell-c', inSubshell: true, topLevel: false });
    expect(raw.slice(rm.start, rm.end)).toBe('rm -rf /var/lib/apt/lists/*');
  });

  test('sh -c with escapes inside the string is opaque, not guessed', () => {
    expect(reasons('sh -c "echo \\"a\\" && b"')).toEqual(['complex-shell-c']);
    expect(reasons("sh -c 'if then'")).toEqual(['complex-shell-c']);
    // running a script file is not a command string
    expect(reasons('sh ./install.sh')).toEqual([]);
  });
});

describe('isPosixShell', () => {
  test.each([
    [undefined, true],
    [['/bin/sh', '-c'], true],
    [['/bin/bash', '-o', 'pipefail', '-c'], true],
    [['/usr/bin/env', 'bash', '-c'], true],
    [['busybox', 'ash', '-c'], true],
    [['powershell', '-Command', '$ErrorActionPreference = \'Stop\';'], false],
    [['pwsh', '-Command'], false],
    [['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-Command'], false],
    [['cmd', '/S', '/C'], false],
    [['cmd.exe', '/S', '/C'], false],
    [[], false],
  ])('%j → %s', (shell, expected) => {
    expect(isPosixShell(shell)).toBe(expected);
  });
});
