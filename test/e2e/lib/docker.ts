/**
 * Thin wrapper around the docker CLI for the e2e suite: run commands, build with
 * BuildKit's plain progress output, and parse which Dockerfile steps ran or were
 * CACHED.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Debian's docker.io client (20.10) drives BuildKit itself; a newer stand-alone
 * client refuses DOCKER_BUILDKIT=1 without the buildx plugin. `DOCKER` overrides.
 */
export const DOCKER = process.env.DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

export function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs) {
      timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + (signal ? `\n[killed by ${signal}]` : ''),
        seconds: Number(process.hrtime.bigint() - t0) / 1e9,
      });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export async function docker(args: string[], opts: { timeoutMs?: number } = {}): Promise<RunResult> {
  return run(DOCKER, args, { env: { ...process.env, DOCKER_BUILDKIT: '1' }, timeoutMs: opts.timeoutMs });
}

/** Like docker() but throws with the command's output when it fails. */
export async function dockerOk(args: string[], opts: { timeoutMs?: number } = {}): Promise<string> {
  const r = await docker(args, opts);
  if (r.code !== 0) {
    throw new Error(`${DOCKER} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

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

export interface BuildResult {
  ok: boolean;
  seconds: number;
  log: string;
  steps: Step[];
}

export async function build(opts: {
  context: string;
  dockerfile: string;
  tag: string;
  buildArgs?: Record<string, string>;
  timeoutMs?: number;
}): Promise<BuildResult> {
  const args = ['build', '--network=host', '--progress=plain', '-f', opts.dockerfile, '-t', opts.tag];
  for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  args.push(opts.context);
  const r = await docker(args, { timeoutMs: opts.timeoutMs ?? 10 * 60_000 });
  // Plain progress goes to stderr.
  const log = r.stderr + r.stdout;
  return { ok: r.code === 0, seconds: r.seconds, log, steps: parsePlainProgress(log) };
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

/** The image configuration fields the suite compares. */
export const CONFIG_FIELDS = [
  'Env',
  'Cmd',
  'Entrypoint',
  'WorkingDir',
  'User',
  'ExposedPorts',
  'Labels',
  'Volumes',
  'Shell',
  'StopSignal',
  'Healthcheck',
  'OnBuild',
] as const;

export async function imageConfig(tag: string): Promise<Record<string, unknown>> {
  const out = await dockerOk(['image', 'inspect', '--format', '{{json .Config}}', tag]);
  return JSON.parse(out) as Record<string, unknown>;
}

/** Export an image's flattened filesystem to a tar file (docker create + export). */
export async function exportImage(tag: string, tarPath: string): Promise<void> {
  // Containers are only created, never started: the command is irrelevant, and
  // giving one lets images without CMD/ENTRYPOINT be created too.
  const id = (await dockerOk(['create', '--entrypoint=', tag, '/dockerfix-e2e-not-run'])).trim();
  try {
    await dockerOk(['export', '-o', tarPath, id]);
  } finally {
    await docker(['rm', '-f', id]);
  }
}
