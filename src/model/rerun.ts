/**
 * How many build steps re-run after each everyday edit: the guard that keeps a move from
 * making another edit worse (buildkit-semantics.md §1.2, §1.3, §1.5, §1.12).
 *
 * Steps are RUN, COPY and ADD (a WORKDIR's mkdir re-runs in no time). Edit kinds:
 * - `manifest`: editing one dependency manifest (package.json, a lock file, requirements.txt…,
 *   `MANIFEST_RE`) named by a COPY source or listed at the top of the build context;
 * - `source`: editing a file inside one non-manifest COPY/ADD source (`lib`, `src/app.py`), or
 *   a file no narrower source names (kind `.`, copied only by a broad copy);
 * - `arg`: a new value for one build arg (any ARG name).
 *
 * Within a stage a step re-runs when a step above it re-ran (its key holds its parent's key),
 * except an effective `COPY --link` (no `--chmod`), which depends on its own sources only. A
 * context COPY/ADD re-runs when the edited file is among its sources; `COPY --from` and
 * `RUN --mount=from=` when their stage changed; a RUN after `ARG k` (in the stage or one it is
 * built FROM) when k changes, and any step whose own text expands `$k`; every step of a stage
 * whose FROM line expands a changed global arg, or built FROM a changed stage. Counts cover
 * the stages the image is made of: the last stage and those it depends on.
 *
 * Pure: a model (and the context's top-level names) in, numbers out.
 */
import type { BuildContextInfo } from '../core/transform.js';
import { MANIFEST_RE } from './analysis.js';
import type { DockerfileModel, Instruction } from './dockerfile.js';
import { parseMount } from './mounts.js';
import { splitWords, unquote } from './state.js';
import { referencedVariables } from './vars.js';

export interface EditKind {
  kind: 'manifest' | 'source' | 'arg';
  /** Context path (manifest, source; `.` = a file only a broad copy takes) or ARG name. */
  name: string;
}

/** A file that no narrower COPY names: copied only by a copy of the whole context. */
export const OTHER = '.';

export function describeEdit(k: EditKind): string {
  if (k.kind === 'arg') return `a new value for build arg ${k.name}`;
  if (k.kind === 'manifest') return `editing ${k.name}`;
  return k.name === OTHER ? 'editing a source file' : `editing ${k.name}`;
}

const STEP = new Set(['RUN', 'COPY', 'ADD']);
const isStep = (i: Instruction) => STEP.has(i.keyword);

export const norm = (p: string) => p.replace(/\\/g, '/').replace(/^\/+/, '').replace(/^(\.\/+)+/, '').replace(/\/+$/, '') || '.';
const isGlob = (p: string) => /[*?[]/.test(p);
const hasVar = (p: string) => p.includes('$');

function globRe(p: string): RegExp {
  const s = p.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${s}$`);
}

/** Could editing a file at (or inside) `path` change what the source pattern `src` selects? */
export function covers(src: string, path: string): boolean {
  if (src === '.' || hasVar(src)) return true;
  if (path === OTHER) return false;
  if (src === path || path.startsWith(src + '/') || src.startsWith(path + '/')) return true;
  const prefixes = path.split('/').map((_, k, a) => a.slice(0, k + 1).join('/'));
  if (isGlob(src)) return prefixes.some((p) => globRe(src).test(p));
  if (isGlob(path)) return globRe(path).test(src);
  return false;
}

/** Context sources of a COPY/ADD, normalized; null when it copies from a stage, an image or a URL. */
export function contextSources(i: Instruction): string[] | null {
  if (i.flags.some((f) => f.name === 'from')) return null;
  let words: string[];
  const t = i.heredoc ? i.body.split('\n')[0] : i.body;
  if (t.trim().startsWith('[')) {
    try {
      words = (JSON.parse(t.trim().replace(/\\\r?\n/g, '')) as unknown[]).map(String);
    } catch {
      return ['.'];
    }
  } else words = splitWords(t).map(unquote); // continuation lines (`\` + newline) are not words
  words = words.filter((w) => !/^<<-?/.test(w)).slice(0, -1);
  if (i.heredoc && words.length === 0) return [];
  return words.filter((w) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(w) && !/^git@/.test(w)).map(norm);
}

function stageRef(model: DockerfileModel, ref: string, before: number): number | null {
  const r = unquote(ref).toLowerCase();
  if (/^\d+$/.test(r)) return Number(r) < before ? Number(r) : null;
  const s = model.stages.findIndex((x, k) => k < before && x.name === r);
  return s === -1 ? null : s;
}

/** Stages a reference may name: one, or every earlier stage whose name fits a reference with variables. */
export function stageRefs(model: DockerfileModel, ref: string, before: number): number[] {
  const s = stageRef(model, ref, before);
  if (s !== null) return [s];
  if (!hasVar(ref)) return [];
  const re = new RegExp('^' + unquote(ref).toLowerCase().split(/\$\{[^}]*\}|\$\w+/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return model.stages.filter((x, k) => k < before && x.name !== null && re.test(x.name)).map((x) => x.index);
}

/** Stages a step reads: `COPY --from`, `RUN --mount=from=`. */
function stageInputs(model: DockerfileModel, i: Instruction): number[] {
  const out: number[] = [];
  for (const f of i.flags) {
    if (f.name === 'from' && f.value) out.push(...stageRefs(model, f.value, i.stage));
    if (f.name === 'mount' && f.value) {
      const from = parseMount(f.value).options.get('from');
      if (from) out.push(...stageRefs(model, from, i.stage));
    }
  }
  return out;
}

/** Stages a stage is built FROM (several when the FROM line names a stage through a variable). */
export function baseStages(model: DockerfileModel, s: number): number[] {
  const st = model.stages[s];
  return st.baseStage !== null ? [st.baseStage] : stageRefs(model, st.base, s);
}

/** Context paths a RUN bind-mounts (no `from=`). */
export function boundSources(i: Instruction): string[] {
  const out: string[] = [];
  for (const f of i.flags) {
    if (f.name !== 'mount' || !f.value) continue;
    const m = parseMount(f.value);
    if (m.type !== 'bind' || m.options.get('from')) continue;
    out.push(norm(m.options.get('source') ?? m.options.get('src') ?? '.'));
  }
  return out;
}

/** Names an ARG line declares. */
export function argNames(i: Instruction): string[] {
  return i.body
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => unquote(w.split('=')[0]));
}

/** The given stages (default: the last one) and every stage they depend on (FROM, COPY --from, RUN --mount=from=). */
export function imageStages(model: DockerfileModel, roots: Iterable<number> = model.stages.length ? [model.stages.length - 1] : []): Set<number> {
  const out = new Set<number>();
  const visit = (s: number) => {
    if (out.has(s)) return;
    out.add(s);
    for (const b of baseStages(model, s)) visit(b);
    for (const i of model.stages[s].instructions) for (const d of stageInputs(model, i)) visit(d);
  };
  for (const r of roots) visit(r);
  return out;
}

/** Every edit kind the model (and the context's top level) gives rise to. */
export function editKinds(models: readonly DockerfileModel[], buildContext?: BuildContextInfo): EditKind[] {
  const seen = new Map<string, EditKind>();
  const add = (k: EditKind) => seen.has(`${k.kind}:${k.name}`) || seen.set(`${k.kind}:${k.name}`, k);
  const manifest = (p: string) => MANIFEST_RE.test(p.split('/').pop()!);
  for (const name of buildContext?.list('') ?? []) if (manifest(name)) add({ kind: 'manifest', name });
  for (const model of models) {
    for (const i of [...model.globals, ...model.instructions]) {
      if (i.keyword === 'ARG') for (const n of argNames(i)) add({ kind: 'arg', name: n });
      if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
      for (const s of contextSources(i) ?? []) {
        if (hasVar(s)) continue;
        if (s === '.') add({ kind: 'source', name: OTHER });
        else if (manifest(s)) add({ kind: 'manifest', name: s });
        else add({ kind: 'source', name: s });
      }
    }
  }
  return [...seen.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'manifest' ? -1 : b.kind === 'manifest' ? 1 : a.kind === 'source' ? -1 : 1));
}

/** Which instructions (by index) re-run after edit `k`, over the image's stages. */
export function rerunSteps(model: DockerfileModel, k: EditKind, image: Set<number> = imageStages(model)): Set<number> {
  const out = new Set<number>();
  const changed: boolean[] = [];
  const argIn: boolean[] = [];
  const mentions = (i: Instruction) => k.kind === 'arg' && referencedVariables(i.rawArgs).includes(k.name);
  for (const st of model.stages) {
    const bases = baseStages(model, st.index);
    let dirty = bases.some((b) => changed[b]);
    let arg = bases.some((b) => argIn[b]);
    if (mentions(st.from)) dirty = true;
    for (const i of st.instructions) {
      if (i.keyword === 'ARG' && k.kind === 'arg' && argNames(i).includes(k.name)) {
        arg = true;
        continue;
      }
      if (i.keyword === 'WORKDIR' && arg && mentions(i)) dirty = true;
      if (!isStep(i)) continue;
      let own = stageInputs(model, i).some((s) => changed[s]) || (arg && (i.keyword === 'RUN' || mentions(i)));
      if (k.kind !== 'arg') {
        const srcs = i.keyword === 'RUN' ? boundSources(i) : contextSources(i) ?? [];
        if (srcs.some((s) => covers(s, k.name))) own = true;
      }
      const link = i.keyword !== 'RUN' && i.flags.some((f) => f.name === 'link' && f.value !== 'false') && !i.flags.some((f) => f.name === 'chmod');
      if (own || (dirty && !link)) {
        dirty = true;
        if (image.has(st.index)) out.add(i.index);
      }
    }
    changed[st.index] = dirty;
    argIn[st.index] = arg;
  }
  return out;
}

/**
 * Why every step of a stage re-runs after edit `k` wherever the stage's own ARG stands: its FROM
 * line expands the arg, its base stage changes, or the first step re-runs for another input
 * (a stage it copies from). Null when the stage's first step does not re-run.
 */
export function alwaysReruns(model: DockerfileModel, k: EditKind, stage: number): string | null {
  const st = model.stages[stage];
  if (k.kind === 'arg' && referencedVariables(st.from.rawArgs).includes(k.name)) return `its FROM line (line ${st.from.startLine + 1}) uses $${k.name}`;
  const base = baseStages(model, stage).find((b) => rerunSteps(model, k, new Set([b])).size > 0 || (k.kind === 'arg' && referencedVariables(model.stages[b].from.rawArgs).includes(k.name)));
  if (base !== undefined) return `the stage it is built FROM (\`${model.stages[base].name ?? base}\`) changes with it`;
  const first = st.instructions.find(isStep);
  if (!first || !rerunSteps(model, k, new Set([stage])).has(first.index)) return null;
  const from = stageInputs(model, first).find((s) => rerunSteps(model, k, imageStages(model, [s])).size > 0);
  const what = first.text.split('\n')[0].slice(0, 40);
  return from !== undefined ? `the first step, \`${what}\` (line ${first.startLine + 1}), copies from stage \`${model.stages[from].name ?? from}\`, which changes with it` : `the first step (line ${first.startLine + 1}) re-runs anyway`;
}

export interface EditCount {
  edit: EditKind;
  before: number;
  after: number;
}

export interface RerunVerdict {
  /** `gain`: no edit re-runs more and one re-runs less; `worse`: an edit re-runs more; `none`: nothing re-runs less. */
  verdict: 'gain' | 'worse' | 'none';
  counts: EditCount[];
  /** Steps of the image in the original (all counted). */
  total: number;
  /** The edit that got worst (verdict `worse`). */
  worst?: EditCount;
}

/** Step texts present in both models (a multiset): a step a fix adds or rewrites is not compared. */
function common(a: DockerfileModel, b: DockerfileModel): [Set<number>, Set<number>] {
  const pick = (x: DockerfileModel, y: DockerfileModel) => {
    const pool = new Map<string, number>();
    for (const i of y.instructions) if (isStep(i)) pool.set(i.text, (pool.get(i.text) ?? 0) + 1);
    const keep = new Set<number>();
    for (const i of x.instructions) {
      const n = pool.get(i.text) ?? 0;
      if (isStep(i) && n > 0) {
        keep.add(i.index);
        pool.set(i.text, n - 1);
      }
    }
    return keep;
  };
  return [pick(a, b), pick(b, a)];
}

/**
 * Compares the original and the rewritten file: for every edit kind, how many of the steps
 * both have re-run. Steps only the rewrite has (a manifest COPY, `go mod download`) are
 * not counted: they take over work a counted step did (copying those files, downloading
 * those modules). Such an added RUN is itself a gain when an edit that re-runs the counted
 * step after it leaves it cached.
 */
export function compareReruns(before: DockerfileModel, after: DockerfileModel, buildContext?: BuildContextInfo): RerunVerdict {
  const [keepB, keepA] = common(before, after);
  // The image's stages, and any other stage the change touches (it may be built with --target).
  const touched = before.stages.filter((st, k) => after.stages[k] && st.instructions.map((i) => i.text).join('\0') !== after.stages[k].instructions.map((i) => i.text).join('\0')).map((st) => st.index);
  const roots = [...(before.stages.length ? [before.stages.length - 1] : []), ...touched];
  const imageB = imageStages(before, roots);
  const imageA = imageStages(after, roots);
  const total = before.instructions.filter((i) => isStep(i) && imageB.has(i.stage)).length;
  const counts: EditCount[] = [];
  let gain = false;
  const added = after.instructions.filter((i) => i.keyword === 'RUN' && !keepA.has(i.index));
  for (const edit of editKinds([before, after], buildContext)) {
    const rb = rerunSteps(before, edit, imageB);
    const ra = rerunSteps(after, edit, imageA);
    const c = { edit, before: [...rb].filter((x) => keepB.has(x)).length, after: [...ra].filter((x) => keepA.has(x)).length };
    counts.push(c);
    if (c.after < c.before) gain = true;
    for (const r of added) {
      const next = after.stages[r.stage].instructions.find((i) => i.index > r.index && keepA.has(i.index));
      if (!ra.has(r.index) && next && ra.has(next.index)) gain = true;
    }
  }
  const worse = counts.filter((c) => c.after > c.before).sort((x, y) => y.after - y.before - (x.after - x.before));
  if (worse.length) return { verdict: 'worse', counts, total, worst: worse[0] };
  return { verdict: gain ? 'gain' : 'none', counts, total };
}
