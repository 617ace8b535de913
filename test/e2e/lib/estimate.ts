/**
 * The cache-impact estimate (src/model/impact.ts) against BuildKit: for one variant's
 * Dockerfile (as built) and build context, what the model predicts each measured phase
 * re-runs, and the claim that BuildKit's count lies in the predicted range (equal, where no
 * `COPY --from` makes it depend on bytes the model cannot see).
 */
import { loadBuildContext } from '../../../src/context/index.js';
import { parseDockerfile } from '../../../src/model/dockerfile.js';
import { impactOfPaths, rerunsAfter } from '../../../src/model/impact.js';
import type { AppSpec } from './apps.js';
import type { Measure, Phase } from './results.js';

/** Predicted re-runs: `min` (a copy from another stage stays CACHED when its bytes are the same) to `max`, of `steps`. */
export interface Estimate {
  min: number;
  max: number;
  steps: number;
}

/** The estimate for phases (a) source edit, (b) arg change, (c) manifest change, as the suite makes them. */
export function estimatePhases(app: AppSpec, dockerfileText: string, contextDir: string, dockerfilePath: string): Partial<Record<Phase, Estimate>> {
  const model = parseDockerfile(dockerfileText.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  const buildContext = loadBuildContext(contextDir, dockerfilePath);
  const out: Partial<Record<Phase, Estimate>> = {};
  const paths = (p: string[]) => {
    const e = impactOfPaths(model, p, { buildContext });
    return { min: e.min, max: e.reruns, steps: e.steps };
  };
  out.source = paths([app.sourceFile]);
  if (app.buildArg) {
    const r = rerunsAfter(model, { kind: 'arg', name: app.buildArg.name }, { buildContext });
    out.arg = { min: r.certain.length, max: r.certain.length + r.maybe.length, steps: r.steps.length };
  }
  if (app.manifestEdit) out.manifest = paths(app.manifestEdit.files);
  return out;
}

export const showEstimate = (e: Estimate) => (e.min === e.max ? String(e.max) : `${e.min}–${e.max}`);

/** A problem when BuildKit's count is outside the estimate, naming app, file, edit, estimate and measurement. */
export function estimateProblem(app: string, variant: string, phase: Phase, e: Estimate | undefined, m: Measure | undefined): string | undefined {
  if (!e || !m) return undefined;
  if (m.executed >= e.min && m.executed <= e.max) return undefined;
  return (
    `${app}, ${variant} Dockerfile, ${phase} edit: the cache-impact estimate says ${showEstimate(e)} of ${e.steps} steps re-run, BuildKit re-ran ${m.executed}:\n` +
    m.executedSteps.map((s) => `    ${s}`).join('\n')
  );
}
