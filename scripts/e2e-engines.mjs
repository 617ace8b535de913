#!/usr/bin/env node
// npm run test:e2e: the end-to-end suite (test/e2e/, jest.e2e.config.js) once per lab engine.
//   DOCKERFIX_E2E_ENGINES=old,current   which engines, in this order (default: both)
//   DOCKERFIX_E2E_PARALLEL=1            run the engines' suites at the same time
// Sets the lab up once (scripts/lab/setup.sh --engine old|both), then runs jest with
// DOCKERFIX_E2E_ENGINE=<name> and DOCKER=<that engine's client>; the suite itself does not
// know engines apart from that name (results file, apps that need a newer frontend).
// Extra arguments go to jest. Exit code: 0 only if every engine's suite passed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const LAB = process.env.DOCKERFIX_LAB_DIR ?? '/tmp/dockerfix-lab';
/** Each engine's docker client (scripts/lab/current-engine.sh writes the current one's wrapper). */
const CLIENTS = {
  old: process.env.DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker'),
  current: join(LAB, 'current/docker'),
};
const engines = (process.env.DOCKERFIX_E2E_ENGINES ?? 'old,current').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = engines.filter((e) => !(e in CLIENTS));
if (!engines.length || unknown.length) {
  console.error(`DOCKERFIX_E2E_ENGINES must name old and/or current, not '${process.env.DOCKERFIX_E2E_ENGINES}'`);
  process.exit(2);
}

const exec = (cmd, args, env) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });

const skip = process.env.DOCKERFIX_E2E_SKIP === '1';
if (!skip && process.env.DOCKERFIX_E2E_NO_SETUP !== '1') {
  const code = await exec('bash', [join(REPO, 'scripts/lab/setup.sh'), '--engine', engines.includes('current') ? 'both' : 'old'], {});
  if (code !== 0) {
    console.error(`scripts/lab/setup.sh exited ${code}: no engine to test on (set DOCKERFIX_E2E_SKIP=1 to skip the suite explicitly)`);
    process.exit(1);
  }
}
const jest = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', join(REPO, 'node_modules/jest/bin/jest.js'), '-c', 'jest.e2e.config.js', ...process.argv.slice(2)];
const runOne = async (engine) => {
  const t0 = Date.now();
  const code = await exec(process.execPath, jest, { DOCKERFIX_E2E_ENGINE: engine, DOCKER: CLIENTS[engine], DOCKERFIX_E2E_NO_SETUP: '1' });
  console.error(`\n[e2e] ${engine} engine: ${code === 0 ? 'passed' : `FAILED (jest exited ${code})`} in ${Math.round((Date.now() - t0) / 1000)} s\n`);
  return code;
};
/**
 * The lab's python image points pip at a fixed port (scripts/lab/setup.sh PYPI_PORT), so suites
 * running at the same time cannot each serve the PyPI stand-in: serve one here for all of them.
 */
const sharedPypi = () =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', join(REPO, 'test/helpers/ts-register.mjs'), join(REPO, 'test/e2e/lib/pypi-serve.ts')], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready ')) resolve(child);
    });
    child.on('close', (code) => reject(new Error(`the shared PyPI stand-in exited ${code} before it was ready`)));
  });
const parallel = process.env.DOCKERFIX_E2E_PARALLEL === '1' && engines.length > 1;
let pypi;
if (parallel && !skip) {
  pypi = await sharedPypi();
  process.env.DOCKERFIX_E2E_PYPI = 'shared';
}
const codes = parallel ? await Promise.all(engines.map(runOne)) : [];
pypi?.kill('SIGTERM');
if (!codes.length) for (const e of engines) codes.push(await runOne(e));
process.exit(codes.every((c) => c === 0) ? 0 : 1);
