/** Dockerfile variable syntax: references (`$X`, `${X}`, `${X:-d}`…), expansion, ENV pairs. */
import { memoByText, splitWords, unquote } from './state.js';

const REF_RE = /\\\$|\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?]|#{1,2}|%{1,2}|\/{1,2})((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

const NONE: readonly string[] = Object.freeze([]);

/** Names of the variables a text references, in order of first use. An escaped `\$` is not a reference (shared: read-only). */
export function referencedVariables(text: string): readonly string[] {
  return text.indexOf('$') === -1 ? NONE : references(text);
}

const references = memoByText((text: string): readonly string[] => {
  const out: string[] = [];
  for (const m of text.matchAll(REF_RE)) {
    const name = m[1] ?? m[4];
    if (name && !out.includes(name)) out.push(name);
    // Nested references in the modifier word (`${A:-$B}`).
    if (m[3]) for (const n of referencedVariables(m[3])) if (!out.includes(n)) out.push(n);
  }
  return out;
});

/** Expands references against known values; unknown or valueless names expand to '' (as BuildKit does). */
export function expandVariables(text: string, vars: ReadonlyMap<string, string | null>): string {
  return text.replace(REF_RE, (whole, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    if (whole === '\\$') return '$';
    const name = braced ?? bare!;
    const v = vars.get(name) ?? null;
    if (!op) return v ?? '';
    const w = expandVariables(word ?? '', vars);
    switch (op) {
      case ':-':
        return v ? v : w;
      case '-':
        return v !== null ? v : w;
      case ':+':
        return v ? w : '';
      case '+':
        return v !== null ? w : '';
      default:
        return v ?? '';
    }
  });
}

/** `ENV A=1 B="x y"` or legacy `ENV A 1 2` → pairs (values unquoted, not expanded; shared: read-only). */
export const parseEnvPairs: (body: string) => readonly { name: string; value: string }[] = memoByText(parseEnvPairsUncached);

function parseEnvPairsUncached(body: string): { name: string; value: string }[] {
  const words = splitWords(body);
  if (words.length === 0) return [];
  if (!words[0].includes('=')) {
    // Legacy form: `ENV NAME value with spaces`.
    const name = words[0];
    const rest = body.trim().slice(body.trim().indexOf(name) + name.length).trim();
    return [{ name, value: unquote(rest) }];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return { name: w.slice(0, eq), value: unquote(w.slice(eq + 1)) };
  });
}
