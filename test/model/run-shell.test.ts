/**
 * Which here-document RUNs are read as shell scripts (src/model/run-shell.ts), what their
 * commands are, with offsets into the body, and when a failing command stops the script.
 */
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { runShell } from '../../src/model/run-shell.js';
import { runScriptOf } from '../../src/model/run-script.js';

const runOf = (text: string) => parseDockerfile(`FROM debian\n${text}\n`).instructions[1]!;

function read(text: string) {
  const i = runOf(text);
  const r = runShell(i, '\\');
  if (!r.ok) return { why: r.why };
  return { errexit: r.errexit, heredoc: r.heredoc, commands: r.script.commands.map((c) => i.body.slice(c.start, c.end)), names: r.script.commands.map((c) => c.name?.value) };
}

test('RUN <<EOF: the document is the script; lines are commands; backslash-newline joins', () => {
  const r = read('RUN <<EOF\napt-get update\napt-get install -y \\\n    curl git\n# a comment \\\nrm -rf /var/lib/apt/lists/*\nEOF');
  expect(r).toEqual({
    errexit: false,
    heredoc: true,
    commands: ['apt-get update', 'apt-get install -y \\\n    curl git', 'rm -rf /var/lib/apt/lists/*'],
    names: ['apt-get', 'apt-get', 'rm'],
  });
  const i = runOf('RUN <<EOF\napt-get install -y \\\n    curl git\nEOF');
  expect(runScriptOf(i, '\\', null, false)!.commands[0]!.args).toEqual(['install', '-y', 'curl', 'git']);
});

test('set -e (first command), sh -e and a #!/bin/sh -e shebang make failures stop the script', () => {
  expect(read('RUN <<EOF\nset -eux\nnpm ci\nEOF')).toMatchObject({ errexit: true });
  expect(read('RUN <<EOF\nset -o errexit\nnpm ci\nEOF')).toMatchObject({ errexit: true });
  expect(read("RUN sh -e <<'EOF'\nnpm ci\nEOF")).toMatchObject({ errexit: true });
  expect(read("RUN <<'EOF' bash -ex\nnpm ci\nEOF")).toMatchObject({ errexit: true });
  expect(read('RUN <<EOF\n#!/bin/sh -e\nnpm ci\nEOF')).toMatchObject({ errexit: true, names: ['npm'] });
  expect(read('RUN <<EOF\nnpm ci\nset -e\nnpm test\nEOF')).toMatchObject({ errexit: false });
});

test('<<- strips tabs: the script is read; a quoted delimiter is the same for the frontend', () => {
  expect(read('RUN <<-EOF\n\tcd /app\n\tnpm ci\n\tEOF')).toMatchObject({ names: ['cd', 'npm'] });
  expect(read('RUN <<"EOF"\necho $HOME\nEOF')).toMatchObject({ names: ['echo'] });
});

test('another interpreter, an unquoted document read by an inner shell, several documents: not read', () => {
  expect(read('RUN python3 <<EOF\nprint(1)\nEOF')).toEqual({ why: 'its here-document is read by python3, not a shell' });
  expect(read('RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF')).toEqual({ why: 'its here-document is run by /usr/bin/env python3' });
  expect(read('RUN bash <<EOF\necho $HOME\nEOF')).toHaveProperty('why', expect.stringContaining('unquoted delimiter'));
  expect(read('RUN bash <<EOF\necho hi\nEOF')).toMatchObject({ names: ['echo'] });
  expect(read('RUN <<A cat > /a && <<B cat > /b\nx\nA\ny\nB')).toHaveProperty('why');
  expect(read('RUN cat <<EOF > /etc/x\nx\nEOF')).toHaveProperty('why');
  expect(read('RUN bash -c <<EOF\nx\nEOF')).toHaveProperty('why');
});

test('a cd before a newline without set -e is not followed by the analysis', () => {
  const plain = runScriptOf(runOf('RUN <<EOF\ncd /app\nmake\nEOF'), '\\', null, false)!;
  expect(plain.commands.map((c) => !!c.failureIgnored)).toEqual([true, false]);
  const e = runScriptOf(runOf('RUN <<EOF\nset -e\ncd /app\nmake\nEOF'), '\\', null, false)!;
  expect(e.commands.map((c) => !!c.failureIgnored)).toEqual([false, false, false]);
  const and = runScriptOf(runOf('RUN cd /app && make'), '\\', null, false)!;
  expect(and.commands.map((c) => !!c.failureIgnored)).toEqual([false, false]);
  const semi = runScriptOf(runOf('RUN cd /app; make'), '\\', null, false)!;
  expect(semi.commands.map((c) => !!c.failureIgnored)).toEqual([true, false]);
});
