/**
 * The GitHub Action's script (scripts/action.mjs), run as the runner runs it: inputs as
 * INPUT_*, outputs appended to GITHUB_OUTPUT, the PR body to GITHUB_STEP_SUMMARY. `-f sarif`
 * is built elsewhere in parallel: the SARIF test uses a stub bin (DOCKERFIX_BIN) that writes
 * a fixed SARIF document for `-f sarif` and runs the real bin for everything else.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, REPO, tempDir, write } from '../cli/helpers.js';

const SCRIPT = join(REPO, 'scripts', 'action.mjs');
const DOCKERFILE = 'FROM alpine:3.20\nRUN echo hello\n';

function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const ws = tempDir();
  write(join(ws, 'app', 'Dockerfile'), DOCKERFILE);
  const runner = tempDir();
  const output = join(runner, 'output');
  const summary = join(runner, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', RUNNER_TEMP: runner, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...extraEnv };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: ws, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { code: r.status, stderr: r.stderr, outputs, summary: readFileSync(summary, 'utf8'), dockerfile: readFileSync(join(ws, 'app', 'Dockerfile'), 'utf8') };
}

test('check mode: exit 1, nothing written, changed-files=1, the PR body in the step summary', () => {
  const r = runAction({ mode: 'check', paths: 'app' });
  expect(r.code).toBe(1);
  expect(r.dockerfile).toBe(DOCKERFILE);
  expect(r.outputs['changed-files']).toBe('1');
  expect(r.outputs['exit-code']).toBe('1');
  expect(r.summary).toContain('app/Dockerfile');
  expect(readFileSync(r.outputs['commit-message'], 'utf8')).toBe('build(docker): add # syntax in app/Dockerfile\n');
});

test('fix mode: writes the change, exit 0, changed-files=1', () => {
  const r = runAction({ mode: 'fix', paths: 'app' });
  expect(r.code).toBe(0);
  expect(r.dockerfile).toBe('# syntax=docker/dockerfile:1\n' + DOCKERFILE);
  expect(r.outputs['changed-files']).toBe('1');
  expect(JSON.parse(readFileSync(r.outputs.report, 'utf8')).mode).toBe('write');
});

test('pr-body mode: writes nothing, exit 0, the body file is the markdown report', () => {
  const r = runAction({ mode: 'pr-body', paths: '' });
  expect(r.code).toBe(0);
  expect(r.dockerfile).toBe(DOCKERFILE);
  expect(readFileSync(r.outputs['pr-body'], 'utf8')).toContain('<!-- dockerfix-meta ');
  expect(r.outputs['sarif-file']).toBe('');
});

test('sarif: true writes the SARIF file before the run (stub -f sarif), and names it in the outputs', () => {
  const dir = tempDir();
  const stub = join(dir, 'stub.cjs');
  writeFileSync(
    stub,
    `const a = process.argv.slice(2); const i = a.indexOf('-f');
if (a[i + 1] === 'sarif') { require('fs').writeFileSync(a[a.indexOf('-o') + 1], JSON.stringify({ version: '2.1.0', runs: [] })); process.exit(1); }
const r = require('child_process').spawnSync(process.execPath, [${JSON.stringify(BIN)}, ...a], { stdio: 'inherit' }); process.exit(r.status);\n`,
  );
  const r = runAction({ mode: 'fix', paths: 'app', sarif: 'true' }, { DOCKERFIX_BIN: stub });
  expect(r.code).toBe(0);
  expect(JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8')).version).toBe('2.1.0');
  expect(r.outputs['changed-files']).toBe('1');
});

test('a bad mode is an error', () => {
  const r = runAction({ mode: 'nope' });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('mode must be check, fix or pr-body');
});
