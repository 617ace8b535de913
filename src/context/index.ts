/**
 * The build context: which files exist, what `.dockerignore` excludes, and small files'
 * text. The only module besides the CLI that touches the file system; transforms see it
 * through {@link BuildContextInfo}.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildContextInfo } from '../core/transform.js';
import { parseDockerignore } from './dockerignore.js';

const MAX_READ = 256 * 1024;

/** Opens a context folder lazily: nothing is read until a transform asks. */
export function loadBuildContext(root: string, dockerfilePath?: string): BuildContextInfo {
  const ignoreText = readDockerignore(root, dockerfilePath);
  const matcher = parseDockerignore(ignoreText ?? '');
  const norm = (rel: string) => rel.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  const fileCache = new Map<string, string | null>();
  return {
    root,
    ignored: (rel) => matcher(norm(rel)),
    exists(rel) {
      const r = norm(rel);
      if (r === '' || r === '.') return true;
      if (matcher(r)) return false;
      try {
        statSync(join(root, r));
        return true;
      } catch {
        return false;
      }
    },
    read(rel) {
      const r = norm(rel);
      if (fileCache.has(r)) return fileCache.get(r)!;
      let text: string | null = null;
      try {
        if (!matcher(r)) {
          const st = statSync(join(root, r));
          if (st.isFile() && st.size <= MAX_READ) text = readFileSync(join(root, r), 'utf8');
        }
      } catch {
        text = null;
      }
      fileCache.set(r, text);
      return text;
    },
    list(rel) {
      try {
        return readdirSync(join(root, norm(rel))).sort();
      } catch {
        return null;
      }
    },
  };
}

/** `<Dockerfile>.dockerignore` next to the Dockerfile wins over the context root's `.dockerignore`. */
function readDockerignore(root: string, dockerfilePath?: string): string | null {
  const candidates = dockerfilePath ? [`${dockerfilePath}.dockerignore`] : [];
  candidates.push(join(root, '.dockerignore'));
  for (const c of candidates) {
    try {
      return readFileSync(c, 'utf8');
    } catch {
      /* try the next */
    }
  }
  return null;
}
