// Loads the bundled CLI, dist/cli.cjs (see scripts/bundle.mjs), with V8's code cache.
//
// The bundle is about 1 MB of JavaScript: compiling it, and then compiling each function the
// first time it runs, is a large part of a short run. Node 20 has no compile cache for
// modules, so the bundle is CommonJS run through vm.Script, which takes the V8 code cache
// that the build wrote to dist/cli.cache after a training run (functions compiled during that
// run included). A cache V8 does not accept (another Node or V8 version, other V8 flags, a
// changed bundle) is ignored: the CLI then compiles from source, slower but the same.
// Used by bin/dockerfix.js, and by scripts/code-cache.mjs to produce the cache.
//
// CommonJS, like everything in bin/ (bin/package.json): starting Node on an ES module (its ES
// module loader, built-ins imported as ES modules) costs a run about 5 ms more.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'cli.cjs');
const CACHE = join(DIST, 'cli.cache');

/**
 * Compiles and runs the bundle as a CommonJS module (the same wrapper as Node's, on the first line so
 * stack traces keep their line numbers). `cache: false` compiles from source, for the training run.
 */
function loadCli({ cache = true } = {}) {
  // The bundle is ASCII (scripts/bundle.mjs checks): latin1 reads it the same, and quicker than UTF-8.
  const source = readFileSync(BUNDLE, 'latin1');
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

module.exports = { BUNDLE, CACHE, loadCli };
