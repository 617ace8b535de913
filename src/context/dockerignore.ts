/**
 * `.dockerignore` matching with Docker's rules: Go `filepath.Match` patterns plus `**`,
 * `!` exceptions (last match wins), leading and trailing slashes ignored, paths cleaned.
 * A pattern that matches a folder excludes everything under it.
 */
export function parseDockerignore(text: string): (rel: string) => boolean {
  const rules: { re: RegExp; negate: boolean }[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    line = line.trim();
    if (!line) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1).trim();
    }
    line = cleanPath(line);
    if (!line || line === '.') continue;
    rules.push({ re: toRegExp(line), negate });
  }
  return (rel: string) => {
    const path = cleanPath(rel);
    let excluded = false;
    for (const r of rules) {
      if (r.re.test(path) || prefixes(path).some((p) => r.re.test(p))) excluded = !r.negate;
    }
    return excluded;
  };
}

function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** Parent folders of a path: a matching folder excludes its contents. */
function prefixes(path: string): string[] {
  const segs = path.split('/');
  const out: string[] = [];
  for (let k = 1; k < segs.length; k++) out.push(segs.slice(0, k).join('/'));
  return out;
}

function toRegExp(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        // `**` matches any number of folders, including none.
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, close);
        if (cls.startsWith('^')) cls = '^' + cls.slice(1);
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(re + '$');
}
