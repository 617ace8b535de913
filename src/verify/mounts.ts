/**
 * Run-unique cache-mount ids. A cache mount's `id` is part of its step's cache key
 * (measured on BuildKit 0.8: the same RUN with id=aaa, then id=bbb, re-ran), and it names
 * the cache's storage. `--verify` builds its copies with every cache mount's id prefixed
 * by a run-unique string, so its builds neither read nor fill the user's own caches, and
 * the cache-mount records it removes before the empty-mount rebuild are its own.
 *
 * Mounts that shared an id still share one: the default id is the mount's target, so
 * `target=/root/.npm` with no id becomes `target=/root/.npm,id=<prefix>/root/.npm`, the
 * same id that an explicit `id=/root/.npm` elsewhere maps to. Every other byte of the
 * file stays as it was. Pure.
 */
import { decodeSource, encodeSource } from '../core/source.js';
import { parseDockerfile } from '../model/dockerfile.js';

export interface MappedMounts {
  text: string;
  /** Original id → the id used in the build, in order of appearance (distinct). */
  ids: { from: string; to: string }[];
}

/** Splits a mount flag's value into its comma-separated fields (BuildKit reads them as one CSV record). */
function fields(value: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || value[i] === ',') {
      out.push({ text: value.slice(start, i), start });
      start = i + 1;
    }
  }
  return out;
}

/**
 * Maps every cache mount's id in `text` to `prefix + id`. Returns an error line when a
 * mount cannot be rewritten with certainty (quotes in the flag: the CSV reading of quoted
 * fields is not modelled here).
 */
export function mapCacheMountIds(input: string, prefix: string): MappedMounts | { error: string } {
  const { text, info } = decodeSource(input);
  const model = parseDockerfile(text);
  const edits: { at: number; end: number; text: string }[] = [];
  const ids = new Map<string, string>();
  for (const ins of model.instructions) {
    for (const f of ins.flags) {
      if (f.name !== 'mount' || f.value === null) continue;
      const parts = fields(f.value);
      const kv = parts.map((p) => {
        const eq = p.text.indexOf('=');
        return { ...p, key: (eq === -1 ? p.text : p.text.slice(0, eq)).trim().toLowerCase(), val: eq === -1 ? '' : p.text.slice(eq + 1) };
      });
      // Quoted fields are not modelled: refuse any mount that could be a cache mount once unquoted.
      if (/["']/.test(f.value)) {
        if (/type=cache/i.test(f.value.replace(/["']/g, ''))) return { error: `line ${ins.startLine + 1}: a cache mount with quotes (${f.value}) cannot be given a run-unique id with certainty` };
        continue;
      }
      const type = kv.find((p) => p.key === 'type')?.val;
      if (type !== 'cache') continue;
      const valueStart = f.start + 2 + 'mount'.length + 1;
      const id = kv.find((p) => p.key === 'id');
      const target = kv.find((p) => p.key === 'target' || p.key === 'dst' || p.key === 'destination');
      const original = id ? id.val : target?.val;
      if (original === undefined || original === '') return { error: `line ${ins.startLine + 1}: a cache mount with neither id nor target (${f.value})` };
      const mapped = prefix + original;
      if (!ids.has(original)) ids.set(original, mapped);
      if (id) {
        const at = valueStart + id.start + id.text.indexOf('=') + 1;
        edits.push({ at, end: at + id.val.length, text: mapped });
      } else {
        const end = valueStart + f.value.length;
        edits.push({ at: end, end, text: `,id=${mapped}` });
      }
    }
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return { text: encodeSource(out, info), ids: [...ids].map(([from, to]) => ({ from, to })) };
}
