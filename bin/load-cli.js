// Loads the bundled CLI, dist/cli.cjs (see scripts/bundle.mjs), with V8's code cache.
//
// The bundle is about 1 MB of JavaScript: compiling it, and then compiling each function the
// first time it runs, is a large part of a short run. Node 20 has no compile cache for
// modules, so the bundle is CommonJS run through vm.Script, which takes the V8 code cache
// that the build wrote to dist/cli.cache after a training run (functions compiled during that
// run included). A cache V8 does not accept (another Node or V8 version, other V8 flags, a
// changed bundle) is ignored: the CLI then compiles from source, slower but the same.
// Used by bin/dockerfix.js, and by scripts/bundle.mjs to produce the cache.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
export const BUNDLE = join(DIST, 'cli.cjs');
export const CACHE = join(DIST, 'cli.cache');

/**
 * Compiles and runs the bundle as a CommonJS module (the same wrapper as Node's, on the first line so
 * stack traces keep their line numbers). `cache: false` compiles from source, for the training run.
 */
export function loadCli({ cache = true } = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  if (cache) {
    try {
      cachedData = readFileSync(CACHE);
    } catch {
      // No cache (a build that could not write one): compile from source.
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, DIST);
  return { main: module.exports.main, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}
