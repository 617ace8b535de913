/**
 * Expansion of one shell word whose only expansions are plain parameters (`$NAME`,
 * `${NAME}`), against values the caller knows. Anything else (command substitution,
 * arithmetic, `${X:-d}` and other operators, special parameters, `$'…'`, backticks) is not
 * expanded: the result says so. An unquoted expansion whose value would be split into
 * fields or globbed (blanks or glob characters) is refused too.
 */

export type WordExpansion =
  | { ok: true; value: string; names: string[] }
  | { ok: false; /** The first variable with no known value, when that is what stopped it. */ unknown?: string };

export function expandWord(text: string, lookup: (name: string) => string | undefined): WordExpansion {
  if (text.includes('\n')) return { ok: false };
  let out = '';
  const names: string[] = [];
  let dq = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (!dq && c === "'") {
      const end = text.indexOf("'", k + 1);
      if (end === -1) return { ok: false };
      out += text.slice(k + 1, end);
      k = end;
      continue;
    }
    if (c === '"') {
      dq = !dq;
      continue;
    }
    if (c === '\\') {
      const n = text[k + 1];
      if (n === undefined) return { ok: false };
      if (!dq || '$`"\\'.includes(n)) out += n;
      else out += c + n;
      k++;
      continue;
    }
    if (c === '`') return { ok: false };
    if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(k));
      if (!m) return { ok: false };
      const name = m[1] ?? m[2];
      const v = lookup(name);
      if (v === undefined) return { ok: false, unknown: name };
      if (!dq && /[\s*?[\]{}]/.test(v)) return { ok: false };
      out += v;
      names.push(name);
      k += m[0].length - 1;
      continue;
    }
    if (!dq && /[*?[{~]/.test(c)) return { ok: false };
    out += c;
  }
  if (dq) return { ok: false };
  return { ok: true, value: out, names };
}
