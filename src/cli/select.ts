/**
 * Which transforms run, with which options. `-t` (or else the config's `transforms`)
 * replaces the default set (every transform with `defaultEnabled`); `-x` and the config's
 * `exclude` then remove ids. Transforms always run in registry order, which decides whose
 * fix wins when two conflict. Every id is checked against the registry.
 */
import type { Transform } from '../core/transform.js';
import { TRANSFORMS } from '../../transforms/index.js';
import { didYouMean } from '../core/suggest.js';

/** The option keys each transform reads (`ctx.options.<key>`); other keys in the config are warned about. */
export const OPTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  'syntax-directive': ['image'],
  'split-manifest-copy': ['outputExclusion'],
};

export interface SelectionInput {
  /** From `-t`, already split on commas; undefined when not given. */
  transform?: string[];
  exclude?: string[];
  config?: { transforms?: string[]; exclude?: string[]; options?: Record<string, Record<string, unknown>> };
  /** Options set by flags (`--syntax-image`), merged over the config's. */
  flagOptions?: Record<string, Record<string, unknown>>;
}

export interface Selection {
  transforms: Transform[];
  options: Record<string, Record<string, unknown>>;
  /** Unknown transform ids or keys in the config's `options`: ignored, with a "did you mean". */
  warnings: string[];
}

/** Splits `a,b` and repeated flags into ids; empty pieces are dropped. */
export function splitIds(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}

export function selectTransforms(input: SelectionInput, registry: readonly Transform[] = TRANSFORMS): Selection | { error: string } {
  const ids = registry.map((t) => t.id);
  const known = new Set(ids);
  const check = (list: readonly string[] | undefined, where: string) => {
    for (const id of list ?? []) if (!known.has(id)) return `unknown transform "${id}"${where}${didYouMean(id, ids)} (see dockerfix --list-transforms)`;
    return null;
  };
  const err =
    check(input.transform, '') ??
    check(input.exclude, '') ??
    check(input.config?.transforms, ' in the config file') ??
    check(input.config?.exclude, ' in the config file');
  if (err) return { error: err };
  const warnings: string[] = [];
  for (const [id, o] of Object.entries(input.config?.options ?? {})) {
    if (!known.has(id)) {
      warnings.push(`unknown transform "${id}" in the config file's "options"${didYouMean(id, ids)}; its options are ignored`);
      continue;
    }
    const keys = OPTION_KEYS[id] ?? [];
    for (const k of Object.keys(o)) {
      if (!keys.includes(k)) warnings.push(`unknown key "${k}" in the config file's "options"."${id}"${didYouMean(k, keys)}; it is ignored (${keys.length ? `known: ${keys.join(', ')}` : `${id} takes no options`})`);
    }
  }

  const chosen = input.transform ?? input.config?.transforms;
  const base = chosen ? registry.filter((t) => chosen.includes(t.id)) : registry.filter((t) => t.defaultEnabled);
  const excluded = new Set([...(input.exclude ?? []), ...(input.config?.exclude ?? [])]);
  const transforms = base.filter((t) => !excluded.has(t.id));

  const options: Record<string, Record<string, unknown>> = {};
  for (const [id, o] of Object.entries(input.config?.options ?? {})) if (known.has(id)) options[id] = { ...o };
  for (const [id, o] of Object.entries(input.flagOptions ?? {})) options[id] = { ...(options[id] ?? {}), ...o };
  return { transforms, options, warnings };
}
