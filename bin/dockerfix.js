#!/usr/bin/env node
// Thin entry point: everything, including the exit code, is decided in src/cli/main.ts
// (bundled with its dependencies into dist/cli.cjs by scripts/bundle.mjs and loaded with
// V8's code cache by ./load-cli.js, for start-up time). CommonJS: see bin/package.json.
'use strict';
const { loadCli } = require('./load-cli.js');

const { main } = loadCli();

// `dockerfix -d . | head` closes the pipe early: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // Only --stdin reads it, and creating process.stdin costs a run about 2 ms.
  get stdin() {
    return process.stdin;
  },
  cwd: process.cwd(),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
