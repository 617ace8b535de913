/**
 * End-to-end proof on a real BuildKit (Debian's docker.io engine):
 *
 * for each sample app in e2e/apps/, run the dockerfix CLI on a copy, build the
 * original and the rewritten Dockerfile from a cold cache, check that the two
 * images are equivalent (filesystem + config, modulo the cache paths listed in
 * lib/compare.ts), then measure what each version re-executes after a
 * source-only edit, a build-arg change and a dependency-manifest change. Last,
 * prune only the cache mounts (keeping the layer cache, as a CI runner that
 * imports a layer cache sees it), edit a source file again and rebuild: the
 * rewritten file must still build and give an equivalent image.
 *
 * Run: npm run test:e2e   (root; starts the lab engine via scripts/lab/setup.sh)
 * Skip explicitly: DOCKERFIX_E2E_SKIP=1. Subset: DOCKERFIX_E2E_APPS=npm-app,apt-app
 * See docs/e2e.md.
 */
import { access, cp, mkdir, mkdtemp, readFile, rm, writeFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { APPS, applySourceEdit, type AppSpec } from './lib/apps.js';
import { bustArgProblem, layerCacheKeptProblem, orderChanged } from './lib/claims.js';
import { compareConfigs, compareFilesystems, type ConfigDifference, type FsDifference } from './lib/compare.js';
import {
  build,
  docker,
  DOCKER,
  executedSteps,
  exportImage,
  imageConfig,
  isDependencyInstall,
  pruneBuildCache,
  pruneCacheMounts,
  run,
  type BuildResult,
} from './lib/docker.js';
import { cliMissingReason, DOCKERFIX_CLI, REPO, runDockerfix, runVerify, stripSyntaxDirective } from './lib/dockerfix.js';
import { estimatePhases, estimateProblem, type Estimate } from './lib/estimate.js';
import { startPypi, type PypiStandIn } from './lib/pypi.js';
import { writeResults, type AppResult, type HandmadeComparison, type Measure, type Phase } from './lib/results.js';
import { readTar } from './lib/tar.js';

const SKIP = process.env.DOCKERFIX_E2E_SKIP === '1';
const ONLY = (process.env.DOCKERFIX_E2E_APPS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const SELECTED = ONLY.length ? APPS.filter((a) => ONLY.includes(a.name)) : APPS;
/**
 * Which lab engine DOCKER reaches (set by scripts/e2e-engines.mjs): `old` (bookworm's 20.10,
 * BuildKit 0.8) or `current` (trixie's 26.1, buildx 0.13). Only names the results and skips
 * the apps that need a newer frontend (AppSpec.engines).
 */
const ENGINE = process.env.DOCKERFIX_E2E_ENGINE ?? 'old';
const OUT = ENGINE === 'old' ? join(REPO, '.e2e-results') : join(REPO, `.e2e-results/engine-${ENGINE}`);
const RESULTS_MD = ENGINE === 'old' ? 'e2e/results.md' : `e2e/results-${ENGINE}.md`;
/** The hand-optimised Dockerfiles the rewrites are compared with. */
const HANDMADE = join(REPO, 'e2e/handmade/full');
/**
 * Source-edit rebuilds per variant for the comparison with the hand-made file (a new edit
 * each time; the median is compared), and the bound: the rewrite's median may be at most
 * max(RATIO × hand-made, hand-made + FLOOR seconds). See docs/e2e.md.
 */
const REPEATS = Math.max(1, Number(process.env.DOCKERFIX_E2E_REPEATS ?? 3));
const RATIO = 1.5;
const FLOOR = 0.5;

const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2]! : (a[a.length / 2 - 1]! + a[a.length / 2]!) / 2;
};

if (SKIP) {
  process.stderr.write(
    '\n*** dockerfix e2e suite SKIPPED because DOCKERFIX_E2E_SKIP=1: nothing was built, nothing was proven. ***\n\n',
  );
}
if (ONLY.length && SELECTED.length !== ONLY.length) {
  throw new Error(`DOCKERFIX_E2E_APPS names unknown apps: ${ONLY.filter((n) => !APPS.some((a) => a.name === n)).join(', ')}`);
}

/** The selected apps this engine can build (the others are skipped with their reason). */
const RUNNABLE = SELECTED.filter((a) => !a.engines || a.engines.includes(ENGINE as 'old' | 'current'));
for (const a of SELECTED.filter((x) => !RUNNABLE.includes(x))) {
  process.stderr.write(`*** ${a.name} SKIPPED on the ${ENGINE} engine: ${a.enginesWhy} ***\n`);
}

const results: AppResult[] = [];
let pypi: PypiStandIn | undefined;

const tail = (s: string, n = 40) => s.split('\n').slice(-n).join('\n');

async function listFiles(dir: string, base = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** Files (other than the Dockerfile) that dockerfix added, removed or changed in the app copy. */
async function otherFileChanges(orig: string, rewr: string): Promise<string[]> {
  const a = await listFiles(orig);
  const b = await listFiles(rewr);
  const changes: string[] = [];
  for (const f of new Set([...a, ...b])) {
    if (f === 'Dockerfile') continue;
    if (!a.includes(f)) changes.push(`added ${f}`);
    else if (!b.includes(f)) changes.push(`removed ${f}`);
    else {
      const [x, y] = await Promise.all([readFile(join(orig, f)), readFile(join(rewr, f))]);
      const [mx, my] = await Promise.all([stat(join(orig, f)), stat(join(rewr, f))]);
      if (!x.equals(y) || mx.mode !== my.mode) changes.push(`changed ${f}`);
    }
  }
  return changes;
}

/**
 * A source edit never re-runs the first step of the first stage unless that step copies from
 * the context: when it re-ran anyway, the layer cache was lost during the run (a prune or the
 * engine's cache GC by another process on this shared engine), and the rebuild's figures say
 * nothing about the Dockerfile. Returns the step's text then.
 */
function layerCacheLost(b: BuildResult): string | null {
  const first = b.steps.find((x) => x.instruction !== 'FROM' && /^2\//.test(x.pos));
  if (!first || first.instruction === 'COPY' || first.instruction === 'ADD') return null;
  return first.cached ? null : `${first.stage} ${first.pos} ${first.text}`;
}

function measure(b: BuildResult): Measure {
  const ex = executedSteps(b.steps);
  return {
    executed: ex.length,
    executedSteps: ex.map((s) => `${s.stage} ${s.pos} ${s.text}`),
    installsRerun: ex.filter(isDependencyInstall).map((s) => s.text),
    seconds: b.seconds,
  };
}

interface VariantRun {
  cold: BuildResult;
  fsEntries: ReturnType<typeof readTar>;
  config: Record<string, unknown>;
  phases: Partial<Record<Phase, Measure>>;
  /** Phase (d): the image built after the cache-mount prune, or why the build failed. */
  mountLoss: { fsEntries?: ReturnType<typeof readTar>; config?: Record<string, unknown>; failure?: string };
}

/**
 * Cold build + the four warm rebuilds for one variant (original, rewritten, or the
 * hand-made file). `repeats` > 1 repeats phase (a) with a new edit each time (samples for
 * the comparison with the hand-made file); `exportImages` false skips the image exports
 * (the hand-made image is not compared, only timed).
 */
async function runVariant(
  app: AppSpec,
  variant: 'original' | 'rewritten' | 'handmade',
  ctx: string,
  dockerfile: string,
  logDir: string,
  opts: { repeats?: number; exportImages?: boolean } = {},
): Promise<VariantRun> {
  const exportImages = opts.exportImages ?? true;
  const tag = `dockerfix-e2e/${app.name}:${variant}`;
  await docker(['rmi', tag]); // the previous run's image, so it does not linger untagged
  await pruneBuildCache();
  const save = (phase: string, b: BuildResult) => writeFile(join(logDir, `${variant}-${phase}.log`), b.log);

  const cold = await build({ context: ctx, dockerfile, tag });
  await save('cold', cold);
  if (!cold.ok) throw new Error(`${app.name}: cold build of the ${variant} Dockerfile failed:\n${tail(cold.log)}`);

  let fsEntries: VariantRun['fsEntries'] = new Map();
  let config: Record<string, unknown> = {};
  if (exportImages) {
    const tarPath = join(logDir, `${variant}.tar`);
    await exportImage(tag, tarPath);
    fsEntries = readTar(tarPath);
    await rm(tarPath);
    config = await imageConfig(tag);
  }

  const phases: Partial<Record<Phase, Measure>> = {};
  const mountLoss: VariantRun['mountLoss'] = {};
  const args: Record<string, string> = {};
  const warmTags: string[] = [];
  const rebuild = async (phase: Phase) => {
    const warmTag = `${tag}-${phase}`;
    warmTags.push(warmTag);
    const b = await build({ context: ctx, dockerfile, tag: warmTag, buildArgs: args });
    await save(phase, b);
    if (!b.ok) throw new Error(`${app.name}: ${variant} rebuild after ${phase} failed:\n${tail(b.log)}`);
    const lost = phase === 'source' ? layerCacheLost(b) : null;
    if (lost) throw new Error(`${app.name}: the layer cache was lost during the ${variant} builds (\`${lost}\` re-ran after a source edit; something else pruned or collected the build cache): the figures are void, run again`);
    phases[phase] = measure(b);
  };

  try {
    await applySourceEdit(app, ctx);
    await rebuild('source');
    const samples = [phases.source!.seconds];
    // The repeats' edits are undone afterwards, so every variant's later phases build the same files.
    const afterFirst = await readFile(join(ctx, app.sourceFile));
    for (let k = 1; k < (opts.repeats ?? 1); k++) {
      await applySourceEdit(app, ctx, `edited by the dockerfix e2e suite, repeat ${k}`);
      const warmTag = `${tag}-source-${k}`;
      warmTags.push(warmTag);
      const b = await build({ context: ctx, dockerfile, tag: warmTag, buildArgs: args });
      await save(`source-${k}`, b);
      if (!b.ok) throw new Error(`${app.name}: ${variant} rebuild after source edit ${k + 1} failed:\n${tail(b.log)}`);
      const lost = layerCacheLost(b);
      if (lost) throw new Error(`${app.name}: the layer cache was lost during the ${variant} builds (\`${lost}\` re-ran after source edit ${k + 1}; something else pruned or collected the build cache): the figures are void, run again`);
      const m = measure(b);
      samples.push(m.seconds);
      // Every repeat must re-run what the first did, no more.
      if (m.executed > phases.source!.executed) {
        phases.source!.executed = m.executed;
        phases.source!.executedSteps.push(...m.executedSteps.map((x) => `${x} (repeat ${k})`));
      }
      phases.source!.installsRerun.push(...m.installsRerun.filter((x) => !phases.source!.installsRerun.includes(x)));
    }
    if (samples.length > 1) phases.source!.samples = samples;
    await writeFile(join(ctx, app.sourceFile), afterFirst);
    if (app.buildArg) {
      args[app.buildArg.name] = app.buildArg.value;
      await rebuild('arg');
    }
    if (app.manifestEdit) {
      await app.manifestEdit.apply(ctx);
      await rebuild('manifest');
    }

    // (d) Cache-mount loss: drop the cache mounts only, edit again, rebuild. Steps
    // above the edit come back CACHED while every mount they filled is empty. A
    // failed build is recorded (the app's other results still count), not thrown.
    const pruned = await pruneCacheMounts();
    await applySourceEdit(app, ctx, 'edited again by the dockerfix e2e suite, after the cache-mount prune');
    const warmTag = `${tag}-mountloss`;
    warmTags.push(warmTag);
    const b = await build({ context: ctx, dockerfile, tag: warmTag, buildArgs: args });
    await writeFile(
      join(logDir, `${variant}-mountloss.log`),
      `# docker builder prune -f --filter type=exec.cachemount\n${pruned.trim() || '(nothing deleted)'}\n\n${b.log}`,
    );
    phases.mountloss = { ...measure(b), ...(b.ok ? {} : { failed: true }) };
    if (b.ok && exportImages) {
      const tarPath = join(logDir, `${variant}-mountloss.tar`);
      await exportImage(warmTag, tarPath);
      mountLoss.fsEntries = readTar(tarPath);
      await rm(tarPath);
      mountLoss.config = await imageConfig(warmTag);
    } else {
      mountLoss.failure = tail(b.log);
    }
  } finally {
    // Only the cold images are kept (tagged dockerfix-e2e/<app>:original|rewritten).
    await docker(['rmi', ...warmTags]);
  }
  return { cold, fsEntries, config, phases, mountLoss };
}

function formatFsDiffs(d: FsDifference[], allowed: boolean, limit = 60): string {
  const list = d.filter((x) => !!x.allowedBy === allowed);
  const shown = list.slice(0, limit).map((x) => `    ${x.kind.padEnd(17)} ${x.path}  (${x.detail})`);
  if (list.length > limit) shown.push(`    ... and ${list.length - limit} more (full list in .e2e-results/<app>/comparison.txt)`);
  return shown.join('\n');
}

function formatConfigDiffs(d: ConfigDifference[]): string {
  return d
    .map((x) => `    ${x.field}${x.benign ? ' (order only)' : ''}: ${JSON.stringify(x.original)} != ${JSON.stringify(x.rewritten)}`)
    .join('\n');
}

(SKIP ? describe.skip : describe)('dockerfix on a real BuildKit', () => {
  beforeAll(async () => {
    const missing = cliMissingReason();
    if (missing) throw new Error(missing);
    if (process.env.DOCKERFIX_E2E_NO_SETUP !== '1') {
      const r = await run('bash', [join(REPO, 'scripts/lab/setup.sh'), '--engine', ENGINE === 'old' ? 'old' : 'both'], { timeoutMs: 14 * 60_000 });
      if (r.code !== 0) {
        throw new Error(
          `The Docker engine / base images could not be set up (scripts/lab/setup.sh exited ${r.code}); ` +
            `set DOCKERFIX_E2E_SKIP=1 to skip this suite explicitly.\n${tail(r.stderr + r.stdout)}`,
        );
      }
    }
    const info = await docker(['info']);
    if (info.code !== 0) {
      throw new Error(
        `No Docker engine answers ('${DOCKER} info' exited ${info.code}): ${tail((info.stdout + info.stderr).trim(), 4)}\n` +
          'Start one with scripts/lab/setup.sh (as root), or set DOCKERFIX_E2E_SKIP=1 to skip this suite explicitly.',
      );
    }
    if (SELECTED.some((a) => a.pypi)) pypi = await startPypi();
    await mkdir(OUT, { recursive: true });
  }, 15 * 60_000);

  afterAll(async () => {
    await pypi?.close();
    if (results.length) {
      const full = SELECTED.length === APPS.length && results.length === RUNNABLE.length;
      const file = await writeResults(results, {
        path: full ? join(REPO, RESULTS_MD) : join(OUT, 'results.md'),
        jsonPath: join(OUT, 'results.json'),
        cli:
          DOCKERFIX_CLI === join(REPO, 'bin/dockerfix.js')
            ? '`bin/dockerfix.js` (the dockerfix CLI)'
            : `\`${relative(REPO, DOCKERFIX_CLI)}\` (set by DOCKERFIX_E2E_CLI; NOT the repository's bin/dockerfix.js)`,
        docker: `${ENGINE} engine: ${(await docker(['version', '--format', 'client {{.Client.Version}}, server {{.Server.Version}}'])).stdout.trim()}`,
      });
      process.stderr.write(`\ndockerfix e2e results written to ${file}\n`);
    }
  });

  for (const app of SELECTED.filter((a) => !RUNNABLE.includes(a))) {
    test.skip(`${app.name}: needs the ${app.engines!.join('/')} engine (${app.enginesWhy}), this is the ${ENGINE} one`, () => {});
  }

  // test.each fails on an empty table: a subset that this engine skips entirely runs none.
  (RUNNABLE.length ? test.each : () => () => {})(RUNNABLE.map((a) => [a.name, a] as const))(
    '%s: rewritten image is equivalent and rebuilds less',
    async (_name, app) => {
      const logDir = join(OUT, app.name);
      await rm(logDir, { recursive: true, force: true });
      await mkdir(logDir, { recursive: true });
      const tmp = await mkdtemp(join(tmpdir(), `dockerfix-e2e-${app.name}-`));
      const problems: string[] = [];
      try {
        const src = join(REPO, 'e2e/apps', app.name);
        const origCtx = join(tmp, 'original');
        const rewrCtx = join(tmp, 'rewritten');
        await cp(src, origCtx, { recursive: true });
        await cp(src, rewrCtx, { recursive: true });
        const handmadeFile = join(HANDMADE, `${app.name}.Dockerfile`);
        const hasHandmade = await access(handmadeFile).then(
          () => true,
          () => false,
        );

        // 1. Rewrite with the real CLI.
        const dfx = await runDockerfix(join(rewrCtx, 'Dockerfile'), app.name);
        const otherChanges = await otherFileChanges(origCtx, rewrCtx);

        // 2. The Dockerfile is the one file dockerfix changes by design; keep it out of
        //    the build contexts (-f from outside) so `COPY . .` copies the same files.
        const origText = await readFile(join(origCtx, 'Dockerfile'), 'utf8');
        const rewrText = await readFile(join(rewrCtx, 'Dockerfile'), 'utf8');
        await writeFile(join(logDir, 'Dockerfile.original'), origText);
        await writeFile(join(logDir, 'Dockerfile.rewritten'), rewrText);
        await rm(join(origCtx, 'Dockerfile'));
        await rm(join(rewrCtx, 'Dockerfile'));
        const o = stripSyntaxDirective(origText);
        const w = stripSyntaxDirective(rewrText);
        const origDf = join(tmp, 'Dockerfile.original');
        const rewrDf = join(tmp, 'Dockerfile.rewritten');
        await writeFile(origDf, o.text);
        await writeFile(rewrDf, w.text);

        // 3. Build both from a cold cache and measure warm rebuilds.
        const orig = await runVariant(app, 'original', origCtx, origDf, logDir);
        const rewr = await runVariant(app, 'rewritten', rewrCtx, rewrDf, logDir, { repeats: hasHandmade ? REPEATS : 1 });

        // 3b. The hand-optimised file, in its own copy of the app (the Dockerfile out of the
        //     context too), through the same phases; only timed and counted, not compared.
        let handmade: HandmadeComparison | undefined;
        if (hasHandmade) {
          const handCtx = join(tmp, 'handmade');
          await cp(src, handCtx, { recursive: true });
          await rm(join(handCtx, 'Dockerfile'));
          const handText = await readFile(handmadeFile, 'utf8');
          await writeFile(join(logDir, 'Dockerfile.handmade'), handText);
          const handDf = join(tmp, 'Dockerfile.handmade');
          await writeFile(handDf, stripSyntaxDirective(handText).text);
          const hand = await runVariant(app, 'handmade', handCtx, handDf, logDir, { repeats: REPEATS, exportImages: false });
          const r = rewr.phases.source!;
          const h = hand.phases.source!;
          const rs = r.samples ?? [r.seconds];
          const hs = h.samples ?? [h.seconds];
          const bound = Math.max(RATIO * median(hs), median(hs) + FLOOR);
          // An install the hand-made file re-runs too is by design (an offline install after `COPY . .`
          // that reads what an earlier step fetched: pnpm-offline-app, apt-offline-app); any other is not.
          const extraInstalls = r.installsRerun.filter((x) => !h.installsRerun.includes(x));
          const ok = extraInstalls.length === 0 && r.executed <= h.executed && median(rs) <= bound;
          handmade = {
            executed: { rewritten: r.executed, handmade: h.executed },
            installsRerun: r.installsRerun,
            handmadeInstallsRerun: h.installsRerun,
            median: { rewritten: median(rs), handmade: median(hs) },
            samples: { rewritten: rs, handmade: hs },
            bound,
            ok,
            ...(app.handmadeGap ? { gap: app.handmadeGap } : {}),
          };
          const figures =
            `re-ran ${r.executed} steps (hand-made ${h.executed}), installs ${r.installsRerun.length ? r.installsRerun.join('; ') : 'none'}, ` +
            `median ${median(rs).toFixed(2)} s [${rs.map((x) => x.toFixed(2)).join(', ')}] vs hand-made ${median(hs).toFixed(2)} s [${hs.map((x) => x.toFixed(2)).join(', ')}], bound ${bound.toFixed(2)} s`;
          if (app.handmadeGap && ok) {
            problems.push(`after a source edit the rewrite now matches the hand-made file (${figures}): the known gap (${app.handmadeGap}) is closed; remove handmadeGap from test/e2e/lib/apps.ts`);
          } else if (!app.handmadeGap && !ok) {
            problems.push(
              `after a source edit the rewrite is behind the hand-made e2e/handmade/full/${app.name}.Dockerfile: ${figures}\n` +
                `  rewritten:\n${r.executedSteps.map((x) => `    ${x}`).join('\n')}\n  hand-made:\n${h.executedSteps.map((x) => `    ${x}`).join('\n')}`,
            );
          }
        }

        // 4. Equivalence, of the cold images and of the images built after the cache-mount prune.
        const equivalence = async (
          what: string,
          file: string,
          a: { fsEntries: VariantRun['fsEntries']; config: Record<string, unknown> },
          b: { fsEntries: VariantRun['fsEntries']; config: Record<string, unknown> },
        ) => {
          const fsDiffs = compareFilesystems(a.fsEntries, b.fsEntries);
          const cfgDiffs = compareConfigs(a.config, b.config);
          const badFs = fsDiffs.filter((d) => !d.allowedBy);
          const badCfg = cfgDiffs.filter((d) => !d.benign);
          const report = (limit: number) =>
            [
              `# ${app.name}: original vs rewritten image (${what})`,
              `dockerfix changed the Dockerfile: ${dfx.changed}` + (w.stripped ? ` (stripped for the build: ${w.stripped})` : ''),
              otherChanges.length ? `dockerfix also changed: ${otherChanges.join(', ')}` : '',
              `filesystem entries: ${a.fsEntries.size} vs ${b.fsEntries.size}`,
              `UNEXPECTED filesystem differences (${badFs.length}):\n${formatFsDiffs(fsDiffs, false, limit)}`,
              `allowed filesystem differences (${fsDiffs.length - badFs.length}):\n${formatFsDiffs(fsDiffs, true, limit)}`,
              `config differences (${cfgDiffs.length}):\n${formatConfigDiffs(cfgDiffs)}`,
            ]
              .filter(Boolean)
              .join('\n');
          await writeFile(join(logDir, file), report(Infinity) + '\n');
          process.stderr.write(`${report(25)}\n\n`);
          const at = what === 'cold builds' ? '' : ` (${what})`;
          if (badFs.length) problems.push(`filesystem differs${at}:\n${formatFsDiffs(fsDiffs, false)}`);
          if (badCfg.length) problems.push(`image config differs${at}:\n${formatConfigDiffs(badCfg)}`);
          return { fsDiffs, cfgDiffs, equivalent: badFs.length === 0 && badCfg.length === 0 };
        };
        const coldEq = await equivalence('cold builds', 'comparison.txt', orig, rewr);

        // (d) After the cache-mount prune: the rewritten file must still build, the layer
        // cache must have survived the prune, and the two images must still be equivalent.
        let mountLossEquivalent: boolean | undefined;
        for (const [variant, v] of [['original', orig], ['rewritten', rewr]] as const) {
          if (v.mountLoss.failure) {
            problems.push(
              `after the cache mounts were pruned (layer cache kept) and a source file edited, the ${variant} Dockerfile failed to build:\n${v.mountLoss.failure}`,
            );
          }
          const kept = layerCacheKeptProblem(variant, v.phases.source!, v.phases.mountloss!);
          if (kept) problems.push(kept);
        }
        if (orig.mountLoss.fsEntries && rewr.mountLoss.fsEntries) {
          const d = await equivalence(
            'built after the cache-mount prune',
            'comparison-mountloss.txt',
            { fsEntries: orig.mountLoss.fsEntries, config: orig.mountLoss.config! },
            { fsEntries: rewr.mountLoss.fsEntries, config: rewr.mountLoss.config! },
          );
          mountLossEquivalent = d.equivalent;
        }

        // 5. Structural claims, wherever dockerfix changed the file.
        const a0 = orig.phases.source!;
        const a1 = rewr.phases.source!;
        // What the engine builds changed: the syntax directive alone is stripped for the lab
        // build (no registry), so it does not count as a change here.
        const buildChanged = o.text !== w.text;
        if (buildChanged && !orderChanged(o.text, w.text)) {
          // Only cache mounts (and the purges they replace): the same steps re-run, never more.
          if (a1.executed > a0.executed) {
            problems.push(
              `after a source-only edit the rewritten Dockerfile, which only adds cache mounts, re-ran ${a1.executed} steps, the original ${a0.executed} (expected no more):\n` +
                `  original:\n${a0.executedSteps.map((s) => `    ${s}`).join('\n')}\n  rewritten:\n${a1.executedSteps.map((s) => `    ${s}`).join('\n')}`,
            );
          }
        } else if (buildChanged) {
          if (!(a1.executed < a0.executed)) {
            problems.push(
              `after a source-only edit the rewritten Dockerfile re-ran ${a1.executed} steps, the original ${a0.executed} (expected strictly fewer):\n` +
                `  original:\n${orig.phases.source ? a0.executedSteps.map((s) => `    ${s}`).join('\n') : ''}\n` +
                `  rewritten:\n${a1.executedSteps.map((s) => `    ${s}`).join('\n')}`,
            );
          }
          if (a1.installsRerun.length) {
            problems.push(`after a source-only edit the rewritten Dockerfile re-ran dependency installs:\n${a1.installsRerun.map((s) => `    ${s}`).join('\n')}`);
          }
        }
        // 6. The cache-impact estimate (src/model/impact.ts) of each file, as built, against
        //    what BuildKit re-ran in phases (a)-(c).
        const estimates: Partial<Record<Phase, { original?: Estimate; rewritten?: Estimate }>> = {};
        for (const [variant, text, ctx, df, v] of [
          ['original', o.text, origCtx, origDf, orig],
          ['rewritten', w.text, rewrCtx, rewrDf, rewr],
        ] as const) {
          const est = estimatePhases(app, text, ctx, df);
          for (const p of ['source', 'arg', 'manifest'] as const) {
            if (!est[p]) continue;
            (estimates[p] ??= {})[variant] = est[p];
            const bad = estimateProblem(app.name, variant, p, est[p], v.phases[p]);
            if (bad) problems.push(bad);
          }
        }

        if (app.buildArg?.bust) {
          const bust = bustArgProblem(app.buildArg.name, orig.phases.arg!, rewr.phases.arg!);
          if (bust) problems.push(bust);
        }

        // 6. `dockerfix --verify` on a fresh copy of the app, after the suite's own phases (the
        //    layer cache is warm): every changed file must come back `proven` and be written.
        const verifyCtx = join(tmp, 'verify');
        await cp(src, verifyCtx, { recursive: true });
        const ver = await runVerify(join(verifyCtx, 'Dockerfile'), DOCKER);
        await writeFile(join(logDir, 'verify.txt'), `exit ${ver.code}, ${ver.seconds.toFixed(1)} s\n${JSON.stringify(ver.verify ?? null, null, 2)}\n${ver.stderr}`);
        process.stderr.write(`${app.name}: dockerfix --verify: ${ver.status}, ${ver.verify ? `${ver.verify.verdict}: ${ver.verify.reason}` : 'no rewrite to verify'} (${ver.seconds.toFixed(1)} s)\n`);
        if (ver.code !== 0 || (ver.status !== 'changed' && ver.status !== 'unchanged') || (ver.status === 'changed' && ver.verify?.verdict !== 'proven')) {
          problems.push(`dockerfix --verify exited ${ver.code}, status ${ver.status}: ${ver.verify ? `${ver.verify.verdict}: ${ver.verify.reason}` : tail(ver.stderr, 10)}`);
        }

        results.push({
          app: app.name,
          about: app.about,
          changed: dfx.changed,
          otherChanges,
          equivalent: coldEq.equivalent,
          allowedDiffs: coldEq.fsDiffs.filter((d) => d.allowedBy).map((d) => `${d.kind} ${d.path}`),
          configNotes: coldEq.cfgDiffs.filter((d) => d.benign).map((d) => `${d.field} order`),
          cold: { original: orig.cold.seconds, rewritten: rewr.cold.seconds },
          phases: {
            source: { original: orig.phases.source, rewritten: rewr.phases.source },
            arg: { original: orig.phases.arg, rewritten: rewr.phases.arg },
            manifest: { original: orig.phases.manifest, rewritten: rewr.phases.manifest },
            mountloss: { original: orig.phases.mountloss, rewritten: rewr.phases.mountloss },
          },
          mountLossEquivalent,
          estimates,
          argAbout: app.buildArg
            ? `--build-arg ${app.buildArg.name}=${app.buildArg.value}${app.buildArg.bust ? ' (a cache-busting ARG: the rewrite must re-run as many steps)' : ''}`
            : undefined,
          manifestAbout: app.manifestEdit?.about,
          handmade,
          problems,
        });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        problems.push(msg);
        results.push({ app: app.name, about: app.about, error: msg.split('\n')[0]!, problems });
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
      if (problems.length) throw new Error(`${app.name}:\n${problems.join('\n')}`);
    },
    12 * 60_000,
  );

  // A rewrite that is deliberately not equivalent: `--unsafe` lets cache-mounts remove the
  // base image's /etc/apt/apt.conf.d/docker-clean (and add keep-cache), and says the image
  // then differs. `--verify` must find that, name the file, and not write that rewrite
  // (it keeps the safe one, which it proves instead).
  (SELECTED.some((a) => a.name === 'apt-app') ? test : test.skip)(
    'apt-app with --unsafe: --verify finds the difference, names the path, and does not write that rewrite',
    async () => {
      const tmp = await mkdtemp(join(tmpdir(), 'dockerfix-e2e-unsafe-'));
      try {
        await cp(join(REPO, 'e2e/apps/apt-app'), tmp, { recursive: true });
        const ver = await runVerify(join(tmp, 'Dockerfile'), DOCKER, ['--unsafe', '-t', 'cache-mounts']);
        const first = ver.verify?.attempts?.[0];
        expect(first).toMatchObject({ unsafe: true, verdict: 'differs' });
        expect(first!.reason).toContain('/etc/apt/apt.conf.d/docker-clean');
        const written = await readFile(join(tmp, 'Dockerfile'), 'utf8');
        expect(written).not.toContain('docker-clean');
        expect(ver.verify?.verdict).toBe('proven');
        expect(ver.code).toBe(0);
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    },
    20 * 60_000,
  );
});
