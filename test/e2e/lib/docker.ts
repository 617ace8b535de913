/**
 * The docker CLI for the e2e suite: which client it uses, and thin wrappers over the
 * engine code that `dockerfix --verify` uses too (src/verify/engine.ts, progress.ts), so
 * the suite builds, counts steps and exports images exactly as the product does. Pruning
 * the whole build cache is the suite's alone (product code never prunes by type).
 */
import { existsSync } from 'node:fs';
import * as engine from '../../../src/verify/engine.js';
import type { BuildResult } from '../../../src/verify/engine.js';

export { run, type RunResult } from '../../../src/verify/exec.js';
export { parsePlainProgress, executedSteps, cachedSteps, isDependencyInstall, COUNTED, type Step } from '../../../src/verify/progress.js';
export { CONFIG_FIELDS, type BuildResult } from '../../../src/verify/engine.js';

/**
 * Debian's docker.io client (20.10) drives BuildKit itself; a newer stand-alone
 * client refuses DOCKER_BUILDKIT=1 without the buildx plugin. `DOCKER` overrides.
 */
export const DOCKER = process.env.DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

/** The suite's engine: the client above, `docker build` with BuildKit. */
export const ENGINE = engine.engineFor(DOCKER);

export function docker(args: string[], opts: { timeoutMs?: number } = {}) {
  return engine.docker(ENGINE, args, opts);
}

/** Like docker() but throws with the command's output when it fails. */
export function dockerOk(args: string[], opts: { timeoutMs?: number } = {}): Promise<string> {
  return engine.dockerOk(ENGINE, args, opts);
}

export function build(opts: { context: string; dockerfile: string; tag: string; buildArgs?: Record<string, string>; timeoutMs?: number }): Promise<BuildResult> {
  return engine.build(ENGINE, { ...opts, network: 'host' });
}

/** Remove all build cache, including cache mounts, so the next build is cold. */
export async function pruneBuildCache(): Promise<void> {
  await dockerOk(['builder', 'prune', '-af']);
}

/**
 * Remove only the cache mounts (`RUN --mount=type=cache` directories) and keep the
 * layer cache: what a CI runner sees when it imports a registry layer cache, which
 * never carries cache mounts. Returns docker's output (the deleted cache ids).
 */
export async function pruneCacheMounts(): Promise<string> {
  return dockerOk(['builder', 'prune', '-f', '--filter', 'type=exec.cachemount']);
}

export function imageConfig(tag: string): Promise<Record<string, unknown>> {
  return engine.imageConfig(ENGINE, tag);
}

/** Export an image's flattened filesystem to a tar file (docker create + export). */
export function exportImage(tag: string, tarPath: string): Promise<void> {
  return engine.exportImage(ENGINE, tag, tarPath, '/dockerfix-e2e-not-run');
}
