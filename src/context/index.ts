/**
 * The build context: which files exist, what `.dockerignore` excludes, and small files'
 * text. The only module besides the CLI that touches the file system; transforms see it
 * through {@link BuildContextInfo}.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildContextInfo, IgnoreFacts } from '../core/transform.js';
import { parseDockerignore } from './dockerignore.js';

const MAX_READ = 256 * 1024;

/** Opens a context folder lazily: nothing is read until a transform asks. */
export function loadBuildContext(root: string, dockerfilePath?: string): BuildContextInfo {
  const ignoreText = readDockerignore(root, dockerfilePath);
  const matcher = parseDockerignore(ignoreText ?? '');
  const norm = (rel: string) => rel.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  const fileCache = new Map<string, string | null>();
  let facts: IgnoreFacts | undefined;
  return {
    ignoreFacts: () => (facts ??= ignoreFacts(root, dockerfilePath)),
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

/** Dockerfile-like names: what `docker build -f`, Compose and the CLI's discovery pick up. */
export const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\.(?!dockerignore$|containerignore$)[^/]+)?|[^/]+\.(?:Dockerfile|Containerfile))$/i;

/** Folders never searched for Dockerfiles: VCS data and installed dependencies. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '.venv', 'vendor', '__pycache__']);
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 8;

function ignoreFacts(root: string, dockerfilePath?: string): IgnoreFacts {
  let dockerignore: IgnoreFacts['dockerignore'] = { text: null };
  const at = join(root, '.dockerignore');
  if (existsSync(at)) {
    try {
      dockerignore = { text: readFileSync(at, 'utf8') };
    } catch {
      dockerignore = { text: null, unreadable: true };
    }
  }
  const perDockerfile = !!dockerfilePath && existsSync(`${dockerfilePath}.dockerignore`);
  const others = ['.containerignore'].filter((n) => existsSync(join(root, n)));
  // The Dockerfile being fixed is not listed: the transform checks its current text.
  const self = dockerfilePath ? resolve(dockerfilePath) : null;
  const dockerfiles: IgnoreFacts['dockerfiles'] = [];
  let seen = 0;
  let complete = true;
  const walk = (rel: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      complete = false;
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) {
        complete = false;
        return;
      }
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name)) continue;
        if (depth >= MAX_DEPTH) complete = false;
        else walk(p, depth + 1);
      } else if (DOCKERFILE_NAME.test(e.name) && (e.isFile() || e.isSymbolicLink()) && (!self || resolve(root, p) !== self)) {
        let text: string | null = null;
        try {
          const st = statSync(join(root, p));
          if (st.isFile() && st.size <= 1024 * 1024) text = readFileSync(join(root, p), 'utf8');
        } catch {
          text = null;
        }
        dockerfiles.push({ path: p, text });
      }
    }
  };
  walk('', 0);
  return { dockerignore, perDockerfile, others, dockerfiles, complete };
}
