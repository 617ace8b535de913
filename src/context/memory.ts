/**
 * A build context held in memory: for tests, and for corpus runs where only the names of a
 * context's files are known (`context-files.txt`). A file whose text is `null` exists but
 * cannot be read, exactly like a file too large to read in a real context.
 */
import type { BuildContextInfo } from '../core/transform.js';
import { parseDockerignore } from './dockerignore.js';

/**
 * @param files context-relative path → text (`null`: exists, unreadable). A path ending in `/`
 *   declares a folder whose contents are unknown.
 * @param opts.dockerignore text of `.dockerignore` (defaults to the `.dockerignore` entry of `files`).
 *   A folder declared with a trailing `/` and nothing under it is listed as unknown (`list()`
 *   returns null) and paths inside it are missing: a names-only listing cannot tell more.
 */
export function memoryContext(files: Record<string, string | null>, opts: { root?: string; dockerignore?: string | null } = {}): BuildContextInfo {
  const norm = (rel: string) => rel.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  const entries = new Map<string, string | null>();
  const dirs = new Set<string>(['']);
  const listedDirs = new Set<string>(['']);
  for (const [p, text] of Object.entries(files)) {
    const isDir = p.endsWith('/');
    const n = norm(p);
    if (!n) continue;
    const segs = n.split('/');
    for (let k = 1; k < segs.length; k++) {
      dirs.add(segs.slice(0, k).join('/'));
      listedDirs.add(segs.slice(0, k).join('/'));
    }
    if (isDir) dirs.add(n);
    else entries.set(n, text);
  }
  const ignoreText = opts.dockerignore !== undefined ? opts.dockerignore : (entries.get('.dockerignore') ?? null);
  const matcher = parseDockerignore(ignoreText ?? '');
  return {
    root: opts.root ?? '/context',
    ignored: (rel) => matcher(norm(rel)),
    exists(rel) {
      const r = norm(rel);
      if (r === '') return true;
      if (matcher(r)) return false;
      return entries.has(r) || dirs.has(r);
    },
    read(rel) {
      const r = norm(rel);
      if (matcher(r)) return null;
      return entries.get(r) ?? null;
    },
    list(rel) {
      const r = norm(rel);
      if (!listedDirs.has(r)) return null;
      const out = new Set<string>();
      const prefix = r ? r + '/' : '';
      for (const p of [...entries.keys(), ...dirs]) {
        if (!p.startsWith(prefix) || p === r) continue;
        const name = p.slice(prefix.length).split('/')[0];
        if (name) out.add(name);
      }
      return [...out].sort();
    },
  };
}
