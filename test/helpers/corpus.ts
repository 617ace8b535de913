/**
 * The third-party Dockerfile corpus in `../shared/corpus/` (see its README): where it is,
 * which files it holds, and the build context each file sees.
 *
 * Used by `test/corpus.test.ts` and by the benchmark (`bench/`, compiled to `dist/`), so it
 * must not depend on jest. Layout: `<owner>__<repo>/<dir>/<Dockerfile name>` with a
 * `context-files.txt` beside it listing the top-level names of the Dockerfile's own
 * directory (names only, folders end with `/`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildContextInfo } from '../../src/core/transform.js';

export const CONTEXT_LIST = 'context-files.txt';

/**
 * The corpus folder: `$DOCKERFIX_CORPUS` when set, else `../shared/corpus` relative to the
 * repository root (`repoRoot`).
 */
export function corpusDir(repoRoot: string): string {
  const env = process.env.DOCKERFIX_CORPUS;
  return env ? resolve(env) : resolve(repoRoot, '..', 'shared', 'corpus');
}

/**
 * Every Dockerfile of the corpus, as `/`-separated paths relative to `dir`, sorted.
 * A Dockerfile is any file below a repository folder other than `context-files.txt`
 * (top-level files such as README.md and the TSVs are not Dockerfiles).
 */
export function listCorpusFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (rel && e.name !== CONTEXT_LIST) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

function normalize(rel: string): string {
  return rel.replace(/\\/g, '/').replace(/^(\.\/+)+/, '').replace(/\/+$/, '');
}

/**
 * A build context known only by the names of its top-level entries (the corpus records
 * names, never contents):
 * - `exists(name)` is true for a listed file or folder (with or without its trailing `/`),
 *   and for the context root itself; any deeper path is unknown and answers false;
 * - `ignored()` is always false (`.dockerignore` contents are not recorded);
 * - `read()` is always null (no contents);
 * - `list('')` gives the top-level names (folders without their `/`, like `readdirSync`),
 *   `list(<listed folder>)` gives `[]` (contents unknown), anything else null.
 */
export function contextFromNames(root: string, entries: readonly string[]): BuildContextInfo {
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const raw of entries) {
    const e = raw.trim();
    if (!e) continue;
    if (e.endsWith('/')) folders.add(normalize(e));
    else files.add(normalize(e));
  }
  const names = [...new Set([...files, ...folders])].sort();
  return {
    root,
    exists(rel) {
      const r = normalize(rel);
      if (r === '' || r === '.') return true;
      return files.has(r) || folders.has(r);
    },
    ignored: () => false,
    read: () => null,
    list(rel) {
      const r = normalize(rel);
      if (r === '' || r === '.') return [...names];
      return folders.has(r) ? [] : null;
    },
  };
}

/** Reads `<folder>/context-files.txt` (missing: an empty context). */
export function corpusContext(folder: string): BuildContextInfo {
  const listPath = join(folder, CONTEXT_LIST);
  const entries = existsSync(listPath) ? readFileSync(listPath, 'utf8').split(/\r?\n/) : [];
  return contextFromNames(folder, entries);
}

export interface CorpusFile {
  /** Path relative to the corpus folder, `/`-separated. */
  rel: string;
  /** The file's bytes. */
  bytes: Buffer;
  /** The bytes as text (BOM kept), or null when they are not valid UTF-8. */
  text: string | null;
  buildContext: BuildContextInfo;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Loads every corpus Dockerfile with its build context (one context object per folder). */
export function loadCorpus(dir: string): CorpusFile[] {
  const contexts = new Map<string, BuildContextInfo>();
  return listCorpusFiles(dir).map((rel) => {
    const folder = rel.slice(0, rel.lastIndexOf('/'));
    let buildContext = contexts.get(folder);
    if (!buildContext) {
      buildContext = corpusContext(join(dir, folder));
      contexts.set(folder, buildContext);
    }
    const bytes = readFileSync(join(dir, rel));
    let text: string | null;
    try {
      text = UTF8.decode(bytes);
    } catch {
      text = null;
    }
    return { rel, bytes, text, buildContext };
  });
}
