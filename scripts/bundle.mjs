// Bundles the CLI and its dependencies into one ES module, dist/cli.mjs, for bin/dockerfix.js.
// Loading one file instead of ~150 modules cuts a single-file run by about a third
// (measured with hyperfine: 534 ms → 356 ms on the 2-core lab machine). The library entry
// point (dist/src/index.js) stays unbundled.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/src/cli/main.js'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS dependencies (dockerfile-ast, yaml) call require(): give the bundle a real one.
  banner: { js: "import { createRequire as __dockerfixRequire } from 'node:module';\nconst require = __dockerfixRequire(import.meta.url);" },
});
