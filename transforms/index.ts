/**
 * The registry: every transform, in the order their fixes win when two conflict in a pass.
 * Adding a transform is adding a file here and a line below.
 */
import type { Transform } from '../src/core/transform.js';
import argNearUse from './arg-near-use.js';
import reorderForCache from './reorder-for-cache.js';
import syntaxDirective from './syntax-directive.js';
import cacheMounts from './cache-mounts.js';
import splitManifestCopy from './split-manifest-copy.js';

export const TRANSFORMS: readonly Transform[] = [syntaxDirective, reorderForCache, argNearUse, cacheMounts, splitManifestCopy];

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.id === id);
}
