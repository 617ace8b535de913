#!/usr/bin/env node
// Thin entry point: everything, including the exit code, is decided in src/cli/main.ts.
import { main } from '../dist/src/cli/main.js';

// `dockerfix -d . | head` closes the pipe early: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
});
