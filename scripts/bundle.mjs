// Bundles the CLI and its dependencies into one CommonJS file, dist/cli.cjs, and writes its V8
// code cache, dist/cli.cache; bin/dockerfix.js loads both through bin/load-cli.js. The library
// entry point (dist/src/index.js) stays unbundled. Start-up of a single-file dry run, measured
// with hyperfine on the 2-core lab machine (`node -e 0` alone: ~120 ms, ~85 ms of which is Node
// loading the CA bundle that NODE_EXTRA_CA_CERTS names there; without it, 36 ms), step by step:
//
// - One file instead of ~150 modules: 534 ms → 356 ms.
// - string-width's ICU-loading statements deferred (see below): 378 ms → 328 ms.
// - CommonJS rather than an ES module, so that vm.Script can take a code cache (Node 20 has no
//   compile cache for modules): V8 then neither compiles the ~1 MB bundle nor, for the code the
//   training run in scripts/code-cache.mjs went through, the functions it calls: 327 ms → 265 ms
//   (measured while another job kept one core busy). bin/load-cli.js uses the cache only with
//   the bundle it was made from.
//   ESM-only dependencies (yargs, magic-string, diff) are converted by esbuild; import.meta is
//   mapped to CommonJS below.
// - Node built-ins a plain run does not need, loaded only when used: node:assert (for yargs, see
//   `lazyAssert`), node:crypto (writes, src/cli/io.ts), perf_hooks (--stats, src/cli/main.ts):
//   263 ms → 245 ms.
// - yargs loaded only for command lines src/cli/args.ts does not read itself (see there):
//   276 ms → 261 ms. esbuild turns its `await import('yargs')` into a lazy initialiser, so
//   yargs, cliui, string-width... do not even run their top-level code on a plain run.
// - bin/dockerfix.js and bin/load-cli.js as CommonJS (bin/package.json): 202 ms → 198 ms.
// - Whitespace and comments minified, the bundle read as latin1: 198 ms → 195 ms.
//
// string-width (three copies, pulled in by yargs and cliui for laying out --help) builds an
// Intl.Segmenter and, in 8.x, a /^\p{RGI_Emoji}$/v regex at module top level: each loads ICU
// data, about 20 ms and 30 ms here, paid by every run although only --help and some usage
// errors measure text widths. The `lazyStringWidth` plugin below defers both to first use;
// if an upgrade changes those statements the build fails instead of silently getting slower.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CACHE } from '../bin/load-cli.js';

/** Rewrites that must each match exactly once in every file they apply to. */
const STRING_WIDTH_REWRITES = [
  {
    what: 'the module-level Intl.Segmenter',
    from: 'const segmenter = new Intl.Segmenter();',
    // string-width only calls segmenter.segment(text).
    to: 'let segmenterOnce; const segmenter = { segment: (text) => (segmenterOnce ??= new Intl.Segmenter()).segment(text) };',
    required: true,
  },
  {
    what: 'the module-level RGI_Emoji regex',
    from: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    // Only .test() is used, and the regex has no g/y flag, so a fresh one behaves the same.
    // A RegExp constructor call, not a literal: V8 validates a literal's property classes when it parses
    // the code around it, which costs the ICU load even inside a function that never runs.
    to: "let rgiEmojiRegexOnce; const rgiEmojiRegex = { test: (text) => (rgiEmojiRegexOnce ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text) };",
    required: (source) => source.split('\n').some((line) => line.includes('RGI_Emoji') && !line.trim().startsWith('//')),
  },
];

const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/](?:.*[\\/])?string-width[\\/]index\.js$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      for (const r of STRING_WIDTH_REWRITES) {
        const count = source.split(r.from).length - 1;
        const required = typeof r.required === 'function' ? r.required(source) : r.required;
        if (count === 0 && !required) continue;
        if (count !== 1) throw new Error(`lazy-string-width: expected ${r.what} (\`${r.from}\`) once in ${args.path}, found it ${count} times`);
        source = source.replace(r.from, () => r.to);
      }
      return { contents: source, loader: 'js' };
    });
  },
};

// yargs imports strictEqual and notStrictEqual from node:assert for checks on its own state;
// loading node:assert costs about 3.5 ms. These stand-ins check with Object.is, as node:assert
// does, and load it only when a check fails, to throw its AssertionError.
const LAZY_ASSERT = `
export function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) require('node:assert').strictEqual(actual, expected, message);
}
export function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) require('node:assert').notStrictEqual(actual, expected, message);
}
`;

const lazyAssert = {
  name: 'lazy-assert',
  setup(b) {
    b.onResolve({ filter: /^(?:node:)?assert$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]yargs[\\/]/.test(args.importer)) return undefined;
      return { path: 'lazy-assert', namespace: 'dockerfix' };
    });
    b.onLoad({ filter: /^lazy-assert$/, namespace: 'dockerfix' }, () => ({ contents: LAZY_ASSERT, loader: 'js', resolveDir: '.' }));
  },
};

const result = await build({
  entryPoints: ['dist/src/cli/main.js'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  write: false,
  plugins: [lazyStringWidth, lazyAssert],
  // Less source to read and hand to V8 (identifiers kept, for stack traces): about 4 ms a run.
  // Comments go too, and with them the only non-ASCII characters (esbuild escapes those in code).
  minifyWhitespace: true,
  // The sources are ES modules (strict mode, import.meta): keep strict mode for the whole bundle,
  // and give import.meta.url (version.ts, resolve.ts, yargs) and import.meta.resolve (yargs, for
  // `extends` in config files, which dockerfix does not use) their CommonJS equivalents.
  define: { 'import.meta.url': '__dockerfixImportMetaUrl', 'import.meta.resolve': '__dockerfixImportMetaResolve' },
  banner: {
    js: [
      '"use strict";',
      'var __dockerfixImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
      'var __dockerfixImportMetaResolve = (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href;',
    ].join('\n'),
  },
});

const [out] = result.outputFiles;
/** Fails the build if `needle` occurs in the bundle without `lazy` shortly before it. */
function onlyLazy(needle, lazy, what) {
  for (let at = out.text.indexOf(needle); at !== -1; at = out.text.indexOf(needle, at + 1)) {
    if (!out.text.slice(Math.max(0, at - 40), at).includes(lazy)) {
      throw new Error(`bundle: ${what} left in ${out.path}: …${out.text.slice(Math.max(0, at - 80), at + 80)}…`);
    }
  }
}
// Whatever the path a copy of string-width took: no eager Segmenter or RGI_Emoji regex may be left.
onlyLazy('Intl.Segmenter', '??=', 'an eager Intl.Segmenter');
onlyLazy('RGI_Emoji', '??=', 'an eager RGI_Emoji regex');
if (out.text.includes('import.meta')) throw new Error(`bundle: import.meta left in the CommonJS bundle ${out.path}`);
// bin/load-cli.js reads the bundle as latin1 (quicker than UTF-8), which is right only for ASCII.
if (/[^\x00-\x7f]/.test(out.text)) throw new Error(`bundle: ${out.path} is not ASCII`);
// V8 checks a code cache against the source's length, not its content. bin/load-cli.js therefore
// uses a cache only with the very bundle it was made from; and the old cache goes before the new
// bundle lands, so that a build failing below neither leaves nor ships a cache of another bundle.
await rm(CACHE, { force: true });
await writeFile(out.path, out.contents);

// The code cache, from a separate Node with no NODE_OPTIONS (V8 accepts a cache only under the
// same V8 flags): scripts/code-cache.mjs runs the CLI on a sample and writes dist/cli.cache.
const env = { ...process.env };
delete env.NODE_OPTIONS;
execFileSync(process.execPath, [fileURLToPath(new URL('code-cache.mjs', import.meta.url))], { stdio: 'inherit', env });
