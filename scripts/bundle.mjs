// Bundles the CLI and its dependencies into one ES module, dist/cli.mjs, for bin/dockerfix.js.
// Loading one file instead of ~150 modules cuts a single-file run by about a third
// (measured with hyperfine: 534 ms → 356 ms on the 2-core lab machine). The library entry
// point (dist/src/index.js) stays unbundled.
//
// string-width (three copies, pulled in by yargs and cliui for laying out --help) builds an
// Intl.Segmenter and, in 8.x, a /^\p{RGI_Emoji}$/v regex at module top level: each loads ICU
// data, about 20 ms and 30 ms here, paid by every run although only --help and some usage
// errors measure text widths. The `lazyStringWidth` plugin below defers both to first use;
// if an upgrade changes those statements the build fails instead of silently getting slower.
import { readFile, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

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

const result = await build({
  entryPoints: ['dist/src/cli/main.js'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  write: false,
  plugins: [lazyStringWidth],
  // CommonJS dependencies (dockerfile-ast, yaml) call require(): give the bundle a real one.
  banner: { js: "import { createRequire as __dockerfixRequire } from 'node:module';\nconst require = __dockerfixRequire(import.meta.url);" },
});

const [out] = result.outputFiles;
// Whatever the path a copy of string-width took: no eager Segmenter or RGI_Emoji regex may be left.
for (const line of out.text.split('\n')) {
  if ((line.includes('new Intl.Segmenter(') || line.includes('RGI_Emoji')) && !line.includes('??=')) {
    throw new Error(`bundle: eager ICU-loading statement left in ${out.path}: ${line.trim()}`);
  }
}
await writeFile(out.path, out.contents);
