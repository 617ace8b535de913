/**
 * The user's own container engine, as `--verify` and the e2e suite drive it: which client
 * builds (`docker buildx build` where buildx answers, else `docker build` with BuildKit),
 * building with plain progress, reading an image's config, exporting its filesystem,
 * and the build-cache records a run creates (so it can remove exactly those).
 *
 * Nothing here prunes by type or age: records are removed by their full ID only.
 */
import { run, type RunResult } from './exec.js';
import { parsePlainProgress, type Step } from './progress.js';

export interface Engine {
  /** The client binary (`DOCKER`, else `docker` on PATH). */
  client: string;
  /** `buildx`: `docker buildx build --load`; `buildkit`: `DOCKER_BUILDKIT=1 docker build`. */
  kind: 'buildx' | 'buildkit';
  /** For messages: `docker build (BuildKit), client 20.10.24, engine 20.10.24`. */
  label: string;
}

/** An engine for a known client, without asking it anything (the e2e suite knows its client). */
export function engineFor(client: string, kind: Engine['kind'] = 'buildkit', label = `${client} build (BuildKit)`): Engine {
  return { client, kind, label };
}

const env = () => ({ ...process.env, DOCKER_BUILDKIT: '1' });

/** Runs the client with BuildKit enabled. */
export function docker(engine: Pick<Engine, 'client'>, args: string[], opts: { timeoutMs?: number; onStderr?: (s: string) => void } = {}): Promise<RunResult> {
  return run(engine.client, args, { env: env(), timeoutMs: opts.timeoutMs, onStderr: opts.onStderr });
}

/** Like {@link docker} but throws with the command's output when it fails. */
export async function dockerOk(engine: Pick<Engine, 'client'>, args: string[], opts: { timeoutMs?: number } = {}): Promise<string> {
  const r = await docker(engine, args, opts);
  if (r.code !== 0) throw new Error(`${engine.client} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const firstLine = (s: string) => s.trim().split('\n').map((l) => l.trim()).find(Boolean) ?? '';

/**
 * Finds the engine `--verify` builds with, or says in one line why there is none:
 * no client, no engine answering, or a client that can build with BuildKit only
 * through a buildx plugin it does not have (docker 23 and later).
 */
export async function detectEngine(environment: Record<string, string | undefined>): Promise<Engine | { error: string }> {
  const client = environment.DOCKER || 'docker';
  const v = await run(client, ['version', '--format', '{{.Client.Version}}|{{.Server.Version}}'], { env: env(), timeoutMs: 30_000 });
  if (v.code === 127) return { error: `--verify needs a container engine, but there is no docker client (${client}: ${firstLine(v.stderr)}); install Docker or set DOCKER to its client` };
  const [clientVersion = '', serverVersion = ''] = v.stdout.trim().split('|');
  if (v.code !== 0 || !serverVersion) {
    return { error: `--verify needs a container engine, but none answers (\`${client} version\` exited ${v.code}: ${firstLine(v.stderr) || firstLine(v.stdout) || 'no output'})` };
  }
  const bx = await run(client, ['buildx', 'version'], { env: env(), timeoutMs: 30_000 });
  if (bx.code === 0) {
    return { client, kind: 'buildx', label: `${client} buildx build (${firstLine(bx.stdout)}), engine ${serverVersion}` };
  }
  const major = Number(/^(\d+)/.exec(clientVersion)?.[1] ?? 0);
  if (major >= 23) {
    return { error: `--verify: the docker client ${client} (${clientVersion}) has no buildx plugin, and since version 23 it builds with BuildKit only through buildx; install docker-buildx, or set DOCKER to a client that can` };
  }
  return { client, kind: 'buildkit', label: `${client} build (BuildKit), client ${clientVersion}, engine ${serverVersion}` };
}

export interface BuildOptions {
  context: string;
  dockerfile: string;
  tag: string;
  buildArgs?: Record<string, string>;
  target?: string;
  platform?: string;
  /** `--network=<value>`; none by default. */
  network?: string;
  timeoutMs?: number;
  /** Build output as it arrives. */
  onOutput?: (chunk: string) => void;
}

export interface BuildResult {
  ok: boolean;
  seconds: number;
  log: string;
  steps: Step[];
}

/** The client's arguments for one build (pure). */
export function buildCommand(engine: Pick<Engine, 'kind'>, o: BuildOptions): string[] {
  const args = engine.kind === 'buildx' ? ['buildx', 'build', '--load'] : ['build'];
  if (o.network) args.push(`--network=${o.network}`);
  args.push('--progress=plain', '-f', o.dockerfile, '-t', o.tag);
  for (const [k, v] of Object.entries(o.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  if (o.target) args.push('--target', o.target);
  if (o.platform) args.push('--platform', o.platform);
  args.push(o.context);
  return args;
}

export async function build(engine: Engine, o: BuildOptions): Promise<BuildResult> {
  const r = await docker(engine, buildCommand(engine, o), { timeoutMs: o.timeoutMs ?? 10 * 60_000, onStderr: o.onOutput });
  // Plain progress goes to stderr.
  const log = r.stderr + r.stdout;
  return { ok: r.code === 0, seconds: r.seconds, log, steps: parsePlainProgress(log) };
}

/** The image configuration fields that are compared. */
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

export async function imageConfig(engine: Engine, tag: string): Promise<Record<string, unknown>> {
  const out = await dockerOk(engine, ['image', 'inspect', '--format', '{{json .Config}}', tag]);
  return JSON.parse(out) as Record<string, unknown>;
}

/** Export an image's flattened filesystem to a tar file (docker create + export). */
export async function exportImage(engine: Engine, tag: string, tarPath: string, marker = '/dockerfix-not-run'): Promise<void> {
  // Containers are only created, never started: the command is irrelevant, and
  // giving one lets images without CMD/ENTRYPOINT be created too.
  const id = (await dockerOk(engine, ['create', '--entrypoint=', tag, marker])).trim();
  try {
    await dockerOk(engine, ['export', '-o', tarPath, id]);
  } finally {
    await docker(engine, ['rm', '-f', id]);
  }
}

export async function removeImages(engine: Engine, tags: string[]): Promise<void> {
  if (tags.length) await docker(engine, ['rmi', ...tags]);
}

/** One build-cache record as `docker system df -v` lists it. */
export interface CacheRecord {
  id: string;
  type: string;
  description: string;
}

/** Every build-cache record of the engine's default builder, or an error line. */
export async function listCacheRecords(engine: Engine): Promise<CacheRecord[] | { error: string }> {
  const r = await docker(engine, ['system', 'df', '-v', '--format', '{{json .BuildCache}}'], { timeoutMs: 120_000 });
  if (r.code !== 0) return { error: `\`${engine.client} system df -v\` exited ${r.code}: ${firstLine(r.stderr)}` };
  return parseCacheRecords(r.stdout);
}

/** Parses `docker system df -v --format '{{json .BuildCache}}'` (pure). */
export function parseCacheRecords(out: string): CacheRecord[] | { error: string } {
  const text = out.trim();
  if (text === '' || text === 'null') return [];
  try {
    const rows = JSON.parse(text) as { ID?: string; CacheType?: string; Description?: string }[];
    return rows.filter((x) => typeof x.ID === 'string').map((x) => ({ id: x.ID!, type: x.CacheType ?? '', description: x.Description ?? '' }));
  } catch {
    return { error: 'cannot read the build-cache records (`docker system df -v` printed no JSON)' };
  }
}

/**
 * Removes exactly these build-cache records. `docker builder prune --filter id=X` matches
 * ids that *start with* X (20.10), and takes one id filter per command ("filters expect
 * only one value"), so each record gets its own command with its full id as listed: every
 * record id has the same length, and a full id is then a prefix of itself alone. A record
 * that still has children goes once they have; the pass is repeated while it removes
 * something. Returns the ids still present afterwards.
 */
export async function removeCacheRecords(engine: Engine, ids: string[]): Promise<string[]> {
  let left = [...new Set(ids)];
  for (let round = 0; round < 5 && left.length; round++) {
    for (const id of left) await docker(engine, ['builder', 'prune', '-f', '--filter', `id=${id}`], { timeoutMs: 120_000 });
    const now = await listCacheRecords(engine);
    if ('error' in now) return left;
    const present = new Set(now.map((r) => r.id));
    const still = left.filter((id) => present.has(id));
    if (still.length === left.length) return still;
    left = still;
  }
  return left;
}
