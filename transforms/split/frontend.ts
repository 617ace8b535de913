/**
 * Whether the file will build with a frontend that has a COPY feature (`--exclude`, `--parents`):
 * its `# syntax` directive, or the one syntax-directive adds or raises in this run.
 */
import type { TransformContext } from '../../src/core/transform.js';
import { addBlocked as syntaxAddBlocked, frontendFor } from '../syntax-directive.js';

/**
 * Why the file will not end with a frontend that has `COPY --exclude`, or null when it will: a
 * `# syntax` directive that supports it, or one syntax-directive adds or raises in this run
 * (its rule, `frontendFor`). Without a directive the builder's own frontend is used, and the
 * ones built into Docker Engine releases before 2025 lack it.
 */
export function excludeUnavailable(ctx: TransformContext): string | null {
  return frontendUnavailable(ctx, '--exclude', '1.19');
}

/** The same rule for any feature of `src/model/frontend.ts` (`COPY --parents`: 1.20). */
export function frontendUnavailable(ctx: TransformContext, featureId: string, min: string): string | null {
  const settings = ctx.enabled.get('syntax-directive') ?? null;
  const directive = ctx.model.directives.find((d) => d.name === 'syntax');
  if (!directive && (settings === null || syntaxAddBlocked(ctx.model))) return `the file has no \`# syntax\` directive and none is added in this run, so the builder's own frontend, which may be older than docker/dockerfile:${min}, would build it`;
  const o = frontendFor(ctx.model, featureId, settings);
  if (o.kind === 'supported' || o.kind === 'raised') return null;
  if (o.kind === 'unknown') return `the file uses the frontend \`${o.value}\`, which dockerfix does not know`;
  return `${o.subject[0].toLowerCase()}${o.subject.slice(1)}, older than docker/dockerfile:${min}${o.why ? `, and ${o.why}` : ''}`;
}
