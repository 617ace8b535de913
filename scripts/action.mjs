#!/usr/bin/env node
/**
 * The GitHub Action's logic (action.yml runs it). Inputs come as INPUT_* variables:
 *   INPUT_MODE   check (write nothing, fail when a Dockerfile would change) | fix (write the
 *                changes, succeed) | pr-body (write nothing, produce the PR body); default check
 *   INPUT_PATHS  files and folders, separated by whitespace (default .)
 *   INPUT_SARIF  'true': also write a SARIF report (`-f sarif`) for upload-sarif
 * Outputs (GITHUB_OUTPUT): changed-files (how many Dockerfiles changed or would change),
 * report (the json report), pr-body, commit-message, sarif-file, exit-code. The PR body is
 * appended to GITHUB_STEP_SUMMARY. The exit code is dockerfix's: 0 done (also after fix),
 * 1 changes pending in check mode, 2 a failure.
 * DOCKERFIX_BIN replaces bin/dockerfix.js (tests).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODES = { check: ['--check'], fix: [], 'pr-body': ['--dry-run'] };

const env = process.env;
const bin = env.DOCKERFIX_BIN ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'dockerfix.js');
const mode = (env.INPUT_MODE ?? '').trim() || 'check';
if (!(mode in MODES)) {
  process.stderr.write(`dockerfix action: mode must be check, fix or pr-body, not "${mode}"\n`);
  process.exit(2);
}
const paths = (env.INPUT_PATHS ?? '').split(/\s+/).filter(Boolean);
const out = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'dockerfix-'));
const files = { report: join(out, 'report.json'), 'pr-body': join(out, 'pr-body.md'), 'commit-message': join(out, 'commit-message.txt'), 'sarif-file': '' };
const dockerfix = (args) => spawnSync(process.execPath, [bin, ...args, ...paths], { stdio: ['ignore', 'inherit', 'inherit'] }).status ?? 2;

if (env.INPUT_SARIF === 'true') {
  files['sarif-file'] = join(out, 'dockerfix.sarif');
  // Before a fix writes anything: the SARIF shows what the run changes. 1 only says changes are pending.
  if (dockerfix(['--check', '-f', 'sarif', '-o', files['sarif-file']]) === 2) process.exit(2);
}

const code = dockerfix([...MODES[mode], '-f', 'json', '-o', files.report, '--pr-body', files['pr-body'], '--commit-message', files['commit-message']]);
let changed = 0;
try {
  changed = JSON.parse(readFileSync(files.report, 'utf8')).summary.changed;
} catch {
  /* no report: dockerfix failed before writing it (usage or config error); the exit code says so */
}
const lines = [`changed-files=${changed}`, `exit-code=${code}`, ...Object.entries(files).map(([k, v]) => `${k}=${v}`)];
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, lines.join('\n') + '\n');
if (env.GITHUB_STEP_SUMMARY && changed) appendFileSync(env.GITHUB_STEP_SUMMARY, readFileSync(files['pr-body'], 'utf8'));
process.exit(code);
