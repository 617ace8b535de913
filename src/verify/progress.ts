/**
 * BuildKit's plain progress output (`--progress=plain`): which Dockerfile steps ran and
 * which came back CACHED. Pure.
 */
/** One Dockerfile step as reported by BuildKit's plain progress output. */
export interface Step {
  /** Vertex number (`#N`). */
  id: number;
  /** Stage label, e.g. `stage-0`, `builder` (`stage-0` when BuildKit prints none). */
  stage: string;
  /** Position within the stage as printed (`2/5`). */
  pos: string;
  /** Instruction keyword, upper case (RUN, COPY, ADD, WORKDIR, FROM). */
  instruction: string;
  /** Full step text after the `[stage i/n]` prefix. */
  text: string;
  cached: boolean;
  done: boolean;
  error: boolean;
  /** Seconds reported on the DONE line (0 when CACHED). */
  seconds: number;
}

/** Instructions that create LLB operations whose re-execution we count. */
export const COUNTED = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Parse `docker build --progress=plain` output (BuildKit). A step is announced as
 * `#N [stage i/n] INSTRUCTION ...` (`#N [i/n] ...` when the Dockerfile has a single
 * unnamed stage) and finishes with `#N CACHED`, `#N DONE 1.2s`
 * or `#N ERROR ...`; the same `#N` may be announced several times while output
 * interleaves. `[internal] ...` vertices (load definition, context, metadata)
 * and the exporter have no `i/n` and are not steps.
 */
export function parsePlainProgress(log: string): Step[] {
  const steps = new Map<number, Step>();
  const head = /^#(\d+) \[(?:(\S+) )?(\d+\/\d+)\] (\S+)(.*)$/;
  const status = /^#(\d+) (CACHED|DONE ([0-9.]+)s|ERROR)\b/;
  for (const raw of log.split(/\r?\n/)) {
    const line = raw.trimEnd();
    let m = head.exec(line);
    if (m) {
      const id = Number(m[1]);
      if (!steps.has(id)) {
        steps.set(id, {
          id,
          stage: m[2] ?? 'stage-0',
          pos: m[3]!,
          instruction: m[4]!.toUpperCase(),
          text: `${m[4]}${m[5]}`,
          cached: false,
          done: false,
          error: false,
          seconds: 0,
        });
      }
      continue;
    }
    m = status.exec(line);
    if (m) {
      const s = steps.get(Number(m[1]));
      if (!s) continue; // internal vertex
      if (m[2] === 'CACHED') s.cached = true;
      else if (m[2] === 'ERROR') s.error = true;
      else {
        s.done = true;
        s.seconds = Number(m[3]);
      }
    }
  }
  return [...steps.values()].sort((a, b) => a.id - b.id);
}

/** Counted steps that actually executed (not CACHED). */
export function executedSteps(steps: Step[]): Step[] {
  return steps.filter((s) => COUNTED.has(s.instruction) && !s.cached && (s.done || s.error));
}

export function cachedSteps(steps: Step[]): Step[] {
  return steps.filter((s) => COUNTED.has(s.instruction) && s.cached);
}

/**
 * Whether a step installs dependencies from a package manager (the work a
 * source-only edit must not redo once the Dockerfile is cache-friendly).
 */
export function isDependencyInstall(step: Step): boolean {
  if (step.instruction !== 'RUN') return false;
  return /\b(npm\s+(ci|install|i)\b|yarn(\s+install\b|\s*$|\s*&&|\s*;|\s+--)|pnpm\s+(install|i)\b|pip3?\s+install\b|python3?\s+-m\s+pip\s+install\b|apt-get\s+(-\S+\s+)*install\b|apt\s+install\b|apk\s+add\b|bundle\s+install\b|composer\s+install\b|go\s+mod\s+download\b|cargo\s+(build|fetch)\b)/.test(
    step.text,
  );
}
