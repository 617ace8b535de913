/**
 * Which file the source edit of `--verify` touches: one that a context copy of the
 * original Dockerfile takes, chosen from data. Pure: the context's files come as a list.
 *
 * Preferred, in order: a file under a broad copy (`COPY . …`), then under another context
 * copy's source folder or named by it; never a dependency manifest (that is another
 * everyday edit, which re-runs the install on purpose), never a file `.dockerignore`
 * excludes, never the Dockerfile or an ignore file, source-like names first, then the
 * shallowest path, then path order. The edit appends one newline, which keeps a source
 * file's meaning in every language the sample apps use (and changes its content hash,
 * which is what the builder's cache sees).
 */
import { copyParts } from '../model/analysis/instruction.js';
import { MANIFEST_RE } from '../model/analysis/tools.js';
import { parseDockerfile } from '../model/dockerfile.js';
import { decodeSource } from '../core/source.js';

const SOURCE_LIKE = /\.(js|mjs|cjs|ts|tsx|jsx|py|rb|go|rs|java|kt|php|sh|md|txt|html|css|c|h|cc|cpp|cs|ex|exs|scala|swift|lua|pl)$/i;

/** Context-relative source paths of the context copies (COPY/ADD without --from, no URL), broad copies marked. */
export function contextSources(dockerfile: string): { path: string; broad: boolean }[] {
  const model = parseDockerfile(decodeSource(dockerfile).text);
  const out: { path: string; broad: boolean }[] = [];
  for (const i of model.instructions) {
    if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
    if (i.flags.some((f) => f.name === 'from')) continue;
    const parts = copyParts(i);
    if (!parts) continue;
    for (const s of parts.sources) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('git@') || s.startsWith('<<') || s.includes('$')) continue;
      const p = s.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
      out.push({ path: p === '' || p === '.' ? '' : p, broad: p === '' || p === '.' });
    }
  }
  return out;
}

const hasGlob = (s: string) => /[*?[]/.test(s);
const under = (file: string, src: string) => src === '' || file === src || file.startsWith(src + '/');

export function chooseEditFile(
  dockerfile: string,
  files: readonly string[],
  opts: { ignored: (rel: string) => boolean; dockerfileRel?: string | null },
): { file: string } | { none: string } {
  const sources = contextSources(dockerfile).filter((s) => !hasGlob(s.path));
  if (!sources.length) return { none: 'no COPY or ADD takes files from the build context' };
  const base = (f: string) => f.slice(f.lastIndexOf('/') + 1);
  const eligible = files.filter(
    (f) =>
      !MANIFEST_RE.test(base(f)) &&
      !opts.ignored(f) &&
      f !== opts.dockerfileRel &&
      !/(^|\/)(\.dockerignore|[^/]*\.dockerignore|\.gitignore)$/.test(f) &&
      !/(^|\/)\.git\//.test(f),
  );
  const rank = (f: string): number[] => {
    const broad = sources.some((s) => s.broad && under(f, s.path)) ? 0 : 1;
    return [broad, SOURCE_LIKE.test(f) ? 0 : 1, f.split('/').length];
  };
  const taken = eligible.filter((f) => sources.some((s) => under(f, s.path)));
  if (!taken.length) return { none: 'every context file the copies take is a dependency manifest or excluded by .dockerignore' };
  const best = [...taken].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return ra[k]! - rb[k]!;
    return a < b ? -1 : a > b ? 1 : 0;
  })[0]!;
  return { file: best };
}
