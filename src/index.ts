/** Library entry point: the pure engine and the transform registry. */
export { fixSource, type FixOptions, type FixResult, type Change, type AdviceItem } from './core/runner.js';
export { DockerfixError, type ErrorCode } from './core/errors.js';
export type { Fix, Edit, Advice, CompanionEdit } from './core/fix.js';
export { applyCompanion } from './core/fix.js';
export type { Transform, TransformContext, TransformResult, BuildContextInfo, IgnoreFacts } from './core/transform.js';
export { parseDockerfile, type DockerfileModel, type Instruction, type Stage } from './model/dockerfile.js';
export { TRANSFORMS, findTransform } from '../transforms/index.js';
export { loadBuildContext } from './context/index.js';
export { resolveBuildContext, type ResolvedContext } from './context/resolve.js';
export { estimateImpact, impactOfPaths, rerunsAfter, countSteps, type ImpactEntry, type ImpactEdit, type Reruns, type ImpactOptions } from './model/impact.js';
