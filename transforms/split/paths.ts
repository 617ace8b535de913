/**
 * Paths and the context: a path relative to the broad copy's destination, how a path is shown
 * in messages, the base image, and the context folder (and its manifests) a working folder holds.
 */
import type { BuildContextInfo } from '../../src/core/transform.js';
import type { DockerfileModel, Stage } from '../../src/model/dockerfile.js';
import { joinPath } from '../../src/model/state.js';
import type { RunEnvironment } from '../../src/ecosystems/types.js';
import { UNKNOWN_WD } from './shared.js';
import type { BroadCopy } from './broad-copy.js';

// ---------------------------------------------------------------------------------------------
// Context mapping

/** The context folder that `cwd` holds a copy of, when cwd is inside the broad copy's destination. */
export function ctxDirFor(broad: BroadCopy, cwd: string): string | null {
  return relUnder(broad.abs, cwd);
}

export function contextFor(bc: BuildContextInfo | undefined, broad: BroadCopy, cwd: string): RunEnvironment['context'] {
  if (!bc) return undefined;
  const dir = ctxDirFor(broad, cwd);
  if (dir === null) return undefined;
  const p = (rel: string) => (dir ? `${dir}/${rel}` : rel);
  return { exists: (rel) => bc.exists(p(rel)), read: (rel) => bc.read(p(rel)) };
}

export function projectView(bc: BuildContextInfo | undefined, broad: BroadCopy, cwd: string, env: RunEnvironment) {
  const dir = ctxDirFor(broad, cwd);
  if (dir === null) return null;
  const venvs: string[] = [];
  for (const v of [...(env.env.get('PATH') ?? '').split(':').map((p) => p.replace(/\/bin\/?$/, '')), env.env.get('VIRTUAL_ENV') ?? '']) {
    if (!v.startsWith('/')) continue;
    const rel = relUnder(cwd, joinPath('/', v));
    if (rel) venvs.push(rel);
  }
  return { ctx: bc, dir, venvs: [...new Set(venvs)] };
}

// ---------------------------------------------------------------------------------------------
// Paths

/** `target` relative to `base` (absolute paths), `''` when equal, null when not inside. */
export function relUnder(base: string, target: string): string | null {
  if (target === base) return '';
  const b = base.endsWith('/') ? base : base + '/';
  return target.startsWith(b) ? target.slice(b.length) : null;
}

export function shownPath(p: string): string {
  return p.startsWith(UNKNOWN_WD) ? `the working folder${p.slice(UNKNOWN_WD.length)}` : p;
}

export function baseImageOf(model: DockerfileModel, stage: Stage): string {
  let s: Stage = stage;
  for (let n = 0; s.baseStage !== null && n < 64; n++) s = model.stages[s.baseStage];
  return s.base.toLowerCase();
}
