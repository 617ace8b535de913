/**
 * Module hooks that load the project's `.ts` files by transpiling them with TypeScript
 * (no type check: `npm run typecheck` does that), and resolve the `.js` specifiers the
 * sources use (`./runner.js`) to the `.ts` file beside them, as jest's moduleNameMapper does.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// require(), not import: importing the 9 MB CommonJS bundle from ESM runs Node's export
// scanner over it first (about a second of CPU per process).
const ts = createRequire(import.meta.url)('typescript');

export async function resolve(specifier, context, next) {
  if (/^\.{1,2}\//.test(specifier) && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const source = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (existsSync(fileURLToPath(source)) && !existsSync(fileURLToPath(new URL(specifier, context.parentURL)))) {
      return { url: source.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const fileName = fileURLToPath(url);
  const out = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      isolatedModules: true,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
