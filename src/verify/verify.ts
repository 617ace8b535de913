/**
 * `--verify` for one file: build the original and the rewritten Dockerfile on the user's
 * engine from scratch copies of the same context, compare the images (src/verify/compare.ts,
 * the e2e suite's comparison), then empty the rewrite's cache mounts, edit a source file in
 * the copies and rebuild: the rewrite must build and still match the original built from
 * the same edited context. The I/O edge of the verify code; the decisions are in
 * verdict.ts, mounts.ts and edit.ts.
 *
 * What it leaves behind: nothing it made. Its images are removed by tag; the build-cache
 * records that appeared during the run are removed by full id; records that existed
 * before are never touched. The user's own cache mounts are neither read nor filled: every
 * cache mount gets a run-unique id (mounts.ts).
 */
import { randomBytes } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { compareConfigs, compareFilesystems } from './compare.js';
import { build, exportImage, imageConfig, listCacheRecords, removeCacheRecords, removeImages, type Engine } from './engine.js';
import { chooseEditFile } from './edit.js';
import { mapCacheMountIds } from './mounts.js';
import { readTar } from './tar.js';
import { judge, type BuildOutcome, type Comparison, type Observed } from './verdict.js';
import type { VerifyResult } from './types.js';

export interface VerifyRequest {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Absolute path of the build context. */
  context: string;
  original: string;
  rewritten: string;
  /** Companion files of the rewrite (context-relative path → new text). */
  companions: { path: string; text: string }[];
  /** `.dockerignore` matching of the original context. */
  ignored: (rel: string) => boolean;
  buildArgs: Record<string, string>;
  target?: string;
  platform?: string;
  network?: string;
  /** Build output as it arrives, and the phase it belongs to. */
  onOutput?: (phase: string, chunk: string) => void;
}

const MAX_FILES = 50_000;

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    if (out.length >= MAX_FILES) return;
    for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  await walk('');
  return out.sort();
}

const tail = (log: string) => log.split('\n').slice(-30).join('\n');

export async function verifyRewrite(engine: Engine, req: VerifyRequest): Promise<VerifyResult> {
  const run = randomBytes(5).toString('hex');
  const notes: string[] = [];
  const base: Omit<VerifyResult, 'verdict' | 'reason'> = { engine: engine.label, differences: [], editedFile: null, notes };
  const fail = (reason: string): VerifyResult => ({ ...base, verdict: 'could not verify', reason });

  const origMapped = mapCacheMountIds(req.original, `dockerfix-verify-${run}-o-`);
  const rewrMapped = mapCacheMountIds(req.rewritten, `dockerfix-verify-${run}-r-`);
  if ('error' in origMapped) return fail(origMapped.error);
  if ('error' in rewrMapped) return fail(rewrMapped.error);

  const before = await listCacheRecords(engine);
  if ('error' in before) return fail(before.error);
  const existed = new Set(before.map((r) => r.id));

  const scratch = await mkdtemp(join(tmpdir(), 'dockerfix-verify-'));
  const tags: string[] = [];
  const tag = (what: string) => {
    const t = `dockerfix-verify-${run}:${what}`;
    tags.push(t);
    return t;
  };
  try {
    // Scratch copies of the context: the user's files are never edited. The Dockerfile in
    // the context stays the original in both copies (it is the one file dockerfix changes
    // by design); the builds read their Dockerfiles from outside the contexts.
    const oCtx = join(scratch, 'context-original');
    await cp(req.context, oCtx, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    let rCtx = oCtx;
    if (req.companions.length) {
      rCtx = join(scratch, 'context-rewritten');
      await cp(req.context, rCtx, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
      for (const c of req.companions) await writeFile(join(rCtx, ...c.path.split('/')), c.text);
    }
    const name = basename(req.dockerfile);
    const perFileIgnore = join(dirname(req.dockerfile), `${name}.dockerignore`);
    const place = async (dir: string, text: string) => {
      await mkdir(join(scratch, dir));
      const f = join(scratch, dir, name);
      await writeFile(f, text);
      // BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile instead of `.dockerignore`.
      if (existsSync(perFileIgnore)) await cp(perFileIgnore, `${f}.dockerignore`);
      return f;
    };
    const oFile = await place('original', origMapped.text);
    const rFile = await place('rewritten', rewrMapped.text);

    const doBuild = async (phase: string, context: string, dockerfile: string, t: string): Promise<BuildOutcome> => {
      const b = await build(engine, {
        context,
        dockerfile,
        tag: t,
        buildArgs: req.buildArgs,
        target: req.target,
        platform: req.platform,
        network: req.network,
        onOutput: req.onOutput && ((chunk) => req.onOutput!(phase, chunk)),
      });
      return { ok: b.ok, log: tail(b.log) };
    };
    const compare = async (a: string, b: string): Promise<Comparison> => {
      const ta = join(scratch, 'a.tar');
      const tb = join(scratch, 'b.tar');
      await exportImage(engine, a, ta);
      await exportImage(engine, b, tb);
      const fs = compareFilesystems(readTar(ta), readTar(tb));
      await rm(ta);
      await rm(tb);
      return { fs, config: compareConfigs(await imageConfig(engine, a), await imageConfig(engine, b)) };
    };

    const obs: Observed = { original: await doBuild('original', oCtx, oFile, tag('original')) };
    if (obs.original.ok) {
      obs.rewritten = await doBuild('rewritten', rCtx, rFile, tag('rewritten'));
      if (obs.rewritten.ok) obs.cold = await compare(tags[0]!, tags[1]!);
      else obs.cold = { fs: [], config: [] };
    }
    const first = judge(obs);
    if (first.verdict !== 'proven') return { ...base, ...first };

    // Empty the cache mounts of this run (the layer cache stays), edit a source file in
    // the copies, rebuild: a CI runner that imports a layer cache sees exactly this.
    const dfRel = relative(req.context, req.dockerfile);
    const edit = chooseEditFile(req.original, await listFiles(oCtx), {
      ignored: req.ignored,
      dockerfileRel: dfRel.startsWith('..') ? null : dfRel.split(sep).join('/'),
    });
    if ('none' in edit) {
      notes.push(`no source edit was made (${edit.none}): the rebuild with empty cache mounts was not run`);
      return { ...base, ...first };
    }
    base.editedFile = edit.file;
    const now = await listCacheRecords(engine);
    if ('error' in now) return fail(now.error);
    const mounts = now.filter((r) => r.type === 'exec.cachemount' && !existed.has(r.id)).map((r) => r.id);
    const kept = await removeCacheRecords(engine, mounts);
    if (kept.length) return fail(`${kept.length} of this run's cache mounts could not be removed, so the empty-mount rebuild would prove nothing`);
    for (const ctx of new Set([oCtx, rCtx])) await appendFile(join(ctx, ...edit.file.split('/')), '\n');
    const rewritten = await doBuild('rewritten, empty mounts', rCtx, rFile, tag('rewritten-edited'));
    const original = await doBuild('original, edited', oCtx, oFile, tag('original-edited'));
    obs.edited = { file: edit.file, original, rewritten };
    if (original.ok && rewritten.ok) obs.edited.comparison = await compare(tags.at(-1)!, tags.at(-2)!);
    return { ...base, ...judge(obs) };
  } catch (e) {
    return fail((e as Error).message.split('\n')[0]!);
  } finally {
    await removeImages(engine, tags);
    const after = await listCacheRecords(engine);
    if ('error' in after) notes.push(`the build cache this run created was not removed: ${after.error}`);
    else {
      const created = after.filter((r) => !existed.has(r.id)).map((r) => r.id);
      const left = await removeCacheRecords(engine, created);
      if (left.length) notes.push(`${left.length} build-cache records this run created could not be removed`);
    }
    await rm(scratch, { recursive: true, force: true });
  }
}
