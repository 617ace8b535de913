/**
 * Which transforms run, with which options. `-t` (or else the config's `transforms`)
 * replaces the default set (every transform with `defaultEnabled`); `-x` and the config's
 * `exclude` then remove ids. Transforms always run in registry order, which decides whose
 * fix wins when two conflict. Every id is checked against the registry.
 */
import type { Transform } from '../core/transform.js';
import { TRANSFORMS } from '../../transforms/index.js';

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
}

/** Splits `a,b` and repeated flags into ids; empty pieces are dropped. */
export function splitIds(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}

export function selectTransforms(input: SelectionInput, registry: readonly Transform[] = TRANSFORMS): Selection | { error: string } {
  const known = new Set(registry.map((t) => t.id));
  const check = (ids: readonly string[] | undefined, where: string) => {
    for (const id of ids ?? []) if (!known.has(id)) return `unknown transform "${id}"${where} (see dockerfix --list-transforms)`;
    return null;
  };
  const err =
    check(input.transform, '') ??
    check(input.exclude, '') ??
    check(input.config?.transforms, ' in the config file') ??
    check(input.config?.exclude, ' in the config file') ??
    check(Object.keys(input.config?.options ?? {}), ' in the config file\'s "options"');
  if (err) return { error: err };

  const chosen = input.transform ?? input.config?.transforms;
  const base = chosen ? registry.filter((t) => chosen.includes(t.id)) : registry.filter((t) => t.defaultEnabled);
  const excluded = new Set([...(input.exclude ?? []), ...(input.config?.exclude ?? [])]);
  const transforms = base.filter((t) => !excluded.has(t.id));

  const options: Record<string, Record<string, unknown>> = {};
  for (const [id, o] of Object.entries(input.config?.options ?? {})) options[id] = { ...o };
  for (const [id, o] of Object.entries(input.flagOptions ?? {})) options[id] = { ...(options[id] ?? {}), ...o };
  return { transforms, options };
}
