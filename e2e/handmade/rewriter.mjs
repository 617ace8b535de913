#!/usr/bin/env node
// Stand-in for the dockerfix CLI, used only to validate the e2e harness before the
// real transforms existed. Same contract as `node bin/dockerfix.js <Dockerfile>`:
// rewrites the file in place, exit 0. It copies the hand-written rewrite
// <dir>/<app>.Dockerfile over it (dir = $HANDMADE_DIR, default ./full); apps
// without one are left unchanged. The suite tells it the app via DOCKERFIX_E2E_APP.
//
//   DOCKERFIX_E2E_CLI=e2e/handmade/rewriter.mjs npm run test:e2e
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.env.HANDMADE_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'full');
const app = process.env.DOCKERFIX_E2E_APP;
const target = process.argv[2];
if (!app || !target) {
  console.error('usage: DOCKERFIX_E2E_APP=<app> rewriter.mjs <Dockerfile>');
  process.exit(2);
}
const src = join(dir, `${app}.Dockerfile`);
if (existsSync(src)) copyFileSync(src, target);
