/**
 * The cache-impact estimate (issue 12 §2): for each everyday edit, how many of the build steps
 * BuildKit runs re-run, before and after a rewrite. From the model alone, no engine; the e2e
 * suite checks every figure it can measure against BuildKit's own `CACHED` lines.
 *
 * What a step is (what BuildKit prints as a vertex of its own in `--progress=plain`, and what
 * the e2e suite counts): every RUN, COPY and ADD, and every WORKDIR other than `WORKDIR /` (a
 * FileOp mkdir; BuildKit makes none for `/`), in the stages built for the target (by default
 * the last stage, and every stage it is built FROM, copies from or mounts from; a stage the
 * target does not need is not built). Two steps with the same parent chain and the same text are
 * one vertex in BuildKit (it merges equal operations), so they count once. FROM is not a step.
 *
 * When a step re-runs (buildkit-semantics.md §1.2–1.5, §1.12): after a step above it in its
 * chain re-ran (an effective `COPY --link`, i.e. without `--chmod`, depends only on its own
 * sources); a context COPY/ADD, or a RUN's bind mount from the context, when an edited file is
 * among its sources (`.dockerignore`d files are not in the context); a RUN after `ARG k` in scope
 * (declared in its stage or one it is built FROM) when k gets a new value, and any step whose
 * own text expands k (or an ENV set from k); every step of a stage whose FROM line expands k, or
 * built FROM an image that was updated, or FROM a stage whose last step re-ran.
 *
 * What the model cannot know: BuildKit checks the *content* a `COPY --from=<stage>` (or a
 * read-only `RUN --mount=from=<stage>`) selects, so when the source stage re-ran but produced the
 * same bytes at the copied paths, the copy stays CACHED (and so does what follows it). Such steps
 * are counted as re-running (`after`, an upper bound) and also reported as a lower bound
 * (`afterMin`: all of them cached), so the measured number always lies in [afterMin, after].
 *
 * The edits (`ImpactEntry.edit`):
 * - `source`: editing one source file, the worst case: of every non-manifest COPY source a
 *   file of the context can fall under (each narrower source such as `src`, and a file only a
 *   broad `COPY . .` takes), the one that re-runs most steps in the rewritten file (ties: in the
 *   original, then the first). `impactOfPaths` gives the figure for one given file.
 * - `manifest:<path>`: editing one dependency manifest (rerun.ts's `MANIFEST_RE` names a COPY
 *   source names or the context's top level lists).
 * - `arg:<NAME>`: a new value for one build arg (every ARG the file declares).
 * - `base:<stage>`: a new version of the image a stage is built FROM (named by the stage's name,
 *   or its index when it has none), which every stage FROM the same reference gets too; listed
 *   once per distinct reference, under the first stage that names it. `scratch` has no update.
 *
 * Pure: models (and the context's listing) in, numbers out. Deterministic.
 */
import type { BuildContextInfo } from '../core/transform.js';
import type { DockerfileModel, Instruction, Stage } from './dockerfile.js';
import { parseMount } from './mounts.js';
import { argNames, baseStages, contextSources, covers, editKinds, imageStages, norm, stageRefs, boundSources, type EditKind } from './rerun.js';
import { unquote } from './state.js';
import { referencedVariables } from './vars.js';

/** One edit to estimate: an edit kind of rerun.ts, a base-image update, or given context paths. */
export type ImpactEdit = EditKind | { kind: 'base'; stage: number } | { kind: 'paths'; paths: string[] };

/** A row of the estimate, as the reports show it. */
export interface ImpactEntry {
  /** `source`, `manifest:<path>`, `arg:<NAME>` or `base:<stage>`. */
  edit: string;
  /** Steps that re-run with the original file, and with the rewritten one. */
  before: number;
  after: number;
  /** Steps of the rewritten image (what BuildKit runs from a cold cache). */
  steps: number;
  /** Steps of the original image, when that differs from `steps`. */
  stepsBefore?: number;
  /** Lower bounds, when a `COPY --from` re-runs only if the bytes it copies changed (see above). */
  beforeMin?: number;
  afterMin?: number;
}

/** Which steps re-run: `certain` ones, and those that re-run only if the bytes they read from another stage changed. */
export interface Reruns {
  certain: number[];
  maybe: number[];
  /** Every step BuildKit runs for the target (instruction indexes, one per vertex). */
  steps: number[];
}

export interface ImpactOptions {
  buildContext?: BuildContextInfo;
  /** The stage built (`--target`): its name or index. Default: the last stage. */
  target?: string | number;
}

/** Instructions that change nothing but the image config: no vertex, no effect on a later key. */
const METADATA = new Set(['LABEL', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME', 'MAINTAINER', 'ONBUILD']);

/** Is this instruction a vertex of its own in BuildKit? */
export function isStep(i: Instruction): boolean {
  if (i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD') return true;
  return i.keyword === 'WORKDIR' && !/^\/+$/.test(unquote(i.body.trim()));
}

const CACHED = 0;
const MAYBE = 1;
const CERTAIN = 2;
type State = 0 | 1 | 2;
const max = (a: State, b: State): State => (a > b ? a : b);

function targetStage(model: DockerfileModel, target: string | number | undefined): number {
  if (target === undefined) return model.stages.length - 1;
  if (typeof target === 'number') return target;
  const s = model.stages.findIndex((x) => x.name === target.toLowerCase());
  if (s === -1) throw new Error(`no stage named ${target}`);
  return s;
}

/** The reference an external base is pulled by (with its platform), or null for a stage or `scratch`. */
function imageKey(model: DockerfileModel, st: Stage): string | null {
  if (baseStages(model, st.index).length || st.base.toLowerCase() === 'scratch') return null;
  const platform = st.from.flags.find((f) => f.name === 'platform')?.value ?? '';
  return `${st.base}\0${platform}`;
}

/**
 * One id per vertex: steps with the same parent and the same text are the same operation, and
 * BuildKit runs (and prints) them once. Instructions that only set config do not enter the chain.
 */
function vertexIds(model: DockerfileModel): Map<number, number> {
  const ids = new Map<string, number>();
  const intern = (k: string) => ids.get(k) ?? (ids.set(k, ids.size), ids.size - 1);
  const stageEnd: number[] = [];
  const out = new Map<number, number>();
  for (const st of model.stages) {
    const bases = baseStages(model, st.index);
    let chain = bases.length === 1 ? stageEnd[bases[0]] : intern(`from\0${bases.length ? `?${st.index}` : imageKey(model, st) ?? st.base}`);
    for (const i of st.instructions) {
      if (METADATA.has(i.keyword)) continue;
      chain = intern(`${chain}\0${i.text.trim()}`);
      if (isStep(i)) out.set(i.index, chain);
    }
    stageEnd[st.index] = chain;
  }
  return out;
}

/** `COPY --from` and `RUN --mount=from=` inputs of a step: the stage, and whether BuildKit checks the bytes (read-only). */
function stageReads(model: DockerfileModel, i: Instruction): { stage: number; checked: boolean }[] {
  const out: { stage: number; checked: boolean }[] = [];
  for (const f of i.flags) {
    if (f.name === 'from' && f.value) for (const s of stageRefs(model, f.value, i.stage)) out.push({ stage: s, checked: true });
    if (f.name === 'mount' && f.value) {
      const m = parseMount(f.value);
      const from = m.options.get('from');
      const rw = m.options.has('rw') || m.options.has('readwrite');
      if (from) for (const s of stageRefs(model, from, i.stage)) out.push({ stage: s, checked: !rw });
    }
  }
  return out;
}

/** Names the ENV line sets whose value expands one of `names`. */
function envFrom(i: Instruction, names: Set<string>): string[] {
  const out: string[] = [];
  for (const m of i.body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    if (referencedVariables(m[2]).some((n) => names.has(n))) out.push(m[1]);
  }
  if (!out.length && !i.body.includes('=')) {
    const [k, ...v] = i.body.trim().split(/\s+/);
    if (k && referencedVariables(v.join(' ')).some((n) => names.has(n))) out.push(k);
  }
  return out;
}

/** Which steps re-run after `edit`, over the stages built for the target. */
export function rerunsAfter(model: DockerfileModel, edit: ImpactEdit, opts: ImpactOptions = {}): Reruns {
  if (!model.stages.length) return { certain: [], maybe: [], steps: [] };
  const image = imageStages(model, [targetStage(model, opts.target)]);
  const ids = vertexIds(model);
  const ctx = opts.buildContext;
  const paths = edit.kind === 'paths' ? edit.paths.map(norm).filter((p) => !ctx?.ignored(p)) : [];
  const touches = (srcs: string[]): boolean => {
    if (edit.kind === 'paths') return paths.some((p) => srcs.some((s) => covers(s, p)));
    if (edit.kind === 'source' || edit.kind === 'manifest') return srcs.some((s) => covers(s, edit.name));
    return false;
  };
  const updated = edit.kind === 'base' ? imageKey(model, model.stages[edit.stage]) : null;
  const end: State[] = [];
  const scope: Set<string>[] = [];
  const state = new Map<number, State>();
  /** The first instruction of each vertex. */
  const rep = new Map<number, number>();
  for (const st of model.stages) {
    const bases = baseStages(model, st.index);
    let chain: State = bases.reduce<State>((a, b) => max(a, end[b] ?? CACHED), CACHED);
    // The names whose value changed, in scope: the arg (once declared) and ENV set from it.
    const vars = new Set<string>(bases.flatMap((b) => [...(scope[b] ?? [])]));
    let user = false;
    if (edit.kind === 'arg' && referencedVariables(st.from.rawArgs).includes(edit.name)) chain = CERTAIN;
    if (updated !== null && imageKey(model, st) === updated) chain = CERTAIN;
    const mentions = (i: Instruction) => referencedVariables(i.rawArgs).some((n) => vars.has(n));
    for (const i of st.instructions) {
      if (i.keyword === 'ARG') {
        if (edit.kind === 'arg' && argNames(i).includes(edit.name)) vars.add(edit.name);
        continue;
      }
      if (i.keyword === 'ENV' && vars.size) for (const k of envFrom(i, vars)) vars.add(k);
      if (i.keyword === 'USER' && mentions(i)) user = true;
      if (!isStep(i)) continue;
      let own: State = CACHED;
      if (i.keyword === 'WORKDIR') {
        if (mentions(i) || user) own = CERTAIN;
      } else {
        if (edit.kind === 'arg' && vars.size && (i.keyword === 'RUN' || mentions(i))) own = CERTAIN;
        if (touches(i.keyword === 'RUN' ? boundSources(i) : contextSources(i) ?? [])) own = CERTAIN;
        for (const r of stageReads(model, i)) if (end[r.stage]) own = max(own, r.checked ? MAYBE : end[r.stage]);
        const from = i.flags.find((f) => f.name === 'from')?.value;
        if (updated !== null && from && !stageRefs(model, from, i.stage).length && `${unquote(from)}\0` === updated) own = max(own, MAYBE);
      }
      const link = i.keyword !== 'RUN' && i.flags.some((f) => f.name === 'link' && f.value !== 'false') && !i.flags.some((f) => f.name === 'chmod');
      const s = max(own, link ? CACHED : chain);
      chain = max(chain, s);
      if (image.has(st.index)) {
        const v = ids.get(i.index)!;
        state.set(v, max(state.get(v) ?? CACHED, s));
        if (!rep.has(v)) rep.set(v, i.index);
      }
    }
    end[st.index] = chain;
    scope[st.index] = vars;
  }
  const pick = (x: State) => [...state].filter(([, s]) => s === x).map(([v]) => rep.get(v)!).sort((a, b) => a - b);
  return { certain: pick(CERTAIN), maybe: pick(MAYBE), steps: [...rep.values()].sort((a, b) => a - b) };
}

/** The steps BuildKit runs for the target from a cold cache (one per vertex). */
export function countSteps(model: DockerfileModel, opts: ImpactOptions = {}): number {
  return rerunsAfter(model, { kind: 'paths', paths: [] }, opts).steps.length;
}

/** The figures for editing the given context paths (files, `/`-separated, relative to the context root). */
export function impactOfPaths(model: DockerfileModel, paths: readonly string[], opts: ImpactOptions = {}): { reruns: number; min: number; steps: number } {
  const r = rerunsAfter(model, { kind: 'paths', paths: [...paths] }, opts);
  return { reruns: r.certain.length + r.maybe.length, min: r.certain.length, steps: r.steps.length };
}

/** Base-image edits of a file: one per distinct external reference, named after the first stage that uses it. */
function baseEdits(model: DockerfileModel): { name: string; stage: number; key: string }[] {
  const seen = new Set<string>();
  const out: { name: string; stage: number; key: string }[] = [];
  for (const st of model.stages) {
    const key = imageKey(model, st);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    out.push({ name: st.name ?? String(st.index), stage: st.index, key });
  }
  return out;
}

/**
 * The estimate for one changed file: every edit kind of either file, with the steps each
 * re-runs in the original and in the rewrite. Base edits are matched by the image reference.
 */
export function estimateImpact(before: DockerfileModel, after: DockerfileModel, opts: ImpactOptions = {}): ImpactEntry[] {
  const out: ImpactEntry[] = [];
  const stepsB = countSteps(before, opts);
  const stepsA = countSteps(after, opts);
  const row = (edit: string, eb: ImpactEdit | null, ea: ImpactEdit | null): ImpactEntry => {
    const rb = eb ? rerunsAfter(before, eb, opts) : { certain: [], maybe: [] };
    const ra = ea ? rerunsAfter(after, ea, opts) : { certain: [], maybe: [] };
    const e: ImpactEntry = { edit, before: rb.certain.length + rb.maybe.length, after: ra.certain.length + ra.maybe.length, steps: stepsA };
    if (stepsB !== stepsA) e.stepsBefore = stepsB;
    if (rb.maybe.length || ra.maybe.length) {
      e.beforeMin = rb.certain.length;
      e.afterMin = ra.certain.length;
    }
    return e;
  };
  const kinds = editKinds([before, after], opts.buildContext);
  const sources = kinds.filter((k) => k.kind === 'source');
  if (sources.length) {
    const rows = sources.map((k) => row('source', k, k));
    let worst = rows[0];
    for (const r of rows) if (r.after > worst.after || (r.after === worst.after && r.before > worst.before)) worst = r;
    out.push(worst);
  }
  for (const k of kinds) if (k.kind === 'manifest' && !opts.buildContext?.ignored(k.name)) out.push(row(`manifest:${k.name}`, k, k));
  for (const k of kinds) if (k.kind === 'arg') out.push(row(`arg:${k.name}`, k, k));
  const bb = baseEdits(before);
  const ba = baseEdits(after);
  for (const b of bb) {
    const a = ba.find((x) => x.key === b.key);
    out.push(row(`base:${b.name}`, { kind: 'base', stage: b.stage }, a ? { kind: 'base', stage: a.stage } : null));
  }
  for (const a of ba) if (!bb.some((x) => x.key === a.key)) out.push(row(`base:${a.name}`, null, { kind: 'base', stage: a.stage }));
  return out;
}
