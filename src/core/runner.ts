/**
 * The pass runner: every enabled transform proposes fixes on the same text; fixes that
 * do not conflict are applied together, the rest wait for the next pass; repeat until a
 * pass proposes nothing. Each pass's output is verified before it is accepted.
 */
import { KEYWORDS, parseDockerfile, type DockerfileModel } from '../model/dockerfile.js';
import { parseSyntax } from '../model/frontend.js';
import { DockerfixError } from './errors.js';
import { applyFixes, conflicts, hull, mergeCompanions, type Advice, type CompanionEdit, type Fix } from './fix.js';
import { rerunGuard } from './guard.js';
import { decodeSource, encodeSource } from './source.js';
import type { BuildContextInfo, Transform } from './transform.js';
import { verifyPass } from './verify.js';
import { keptLines, LineMapper, mapMessageLines, passMap, type PassMap } from './lines.js';
import { didYouMean } from './suggest.js';
import { TRANSFORMS } from '../../transforms/index.js';

export interface FixOptions {
  transforms: readonly Transform[];
  unsafe?: boolean;
  /** Options per transform id. */
  options?: Record<string, Record<string, unknown>>;
  buildContext?: BuildContextInfo;
  path?: string;
  /** Default 25. */
  maxPasses?: number;
  /** Every transform id a `# dockerfix ignore=` comment may name; default: the registry's. */
  knownTransforms?: readonly string[];
}

/** Something wrong in the file that changes nothing by itself: an ignore comment naming an unknown transform. */
export interface Warning {
  /** One-based line of the input. */
  line: number;
  message: string;
}

/**
 * A change that was applied. Lines are one-based and inclusive: `line`–`endLine` in the
 * original file (the instruction the change is about, or where something was added),
 * `newLine`–`newEndLine` in the rewritten one. Line numbers inside `message` and `summary`
 * refer to the original file too.
 */
export interface Change {
  transform: string;
  line: number;
  endLine: number;
  newLine: number;
  newEndLine: number;
  /** The full explanation. */
  message: string;
  /** One sentence (the message when the transform gave none). */
  summary: string;
  /** The pass that made it (transforms run in passes until nothing is left to do). */
  pass: number;
}

/** Advice: lines in the original file, like {@link Change}. */
export interface AdviceItem {
  transform: string;
  line: number;
  endLine: number;
  message: string;
  summary: string;
}

export interface FixResult {
  input: string;
  /** The text to write: equals `input` when nothing changed or on error. */
  output: string;
  changed: boolean;
  changes: Change[];
  advice: AdviceItem[];
  warnings: Warning[];
  passes: number;
  /**
   * Edits of other files of the build context that the changes need (see `Fix.companions`),
   * one per path. Empty when nothing changed or on error: they belong to the output.
   */
  companions: CompanionEdit[];
  /** Why the file was left alone without an error (e.g. a custom frontend's own instructions). */
  skipped?: string;
  error?: DockerfixError;
}

/** A carriage return neither before a newline nor at the very end. */
const LONE_CR = /\r(?!\n|$)/;

/** Does the model look like a Dockerfile at all? Files with no instructions are fine (nothing to do). */
function notADockerfile(model: DockerfileModel): string | null {
  if (model.instructions.length === 0) return null;
  if (model.stages.length === 0) return 'no FROM instruction';
  const first = model.instructions[0].keyword;
  if (first !== 'FROM' && first !== 'ARG') return `first instruction is ${first}, not FROM or ARG`;
  return null;
}

/** A file for another frontend (`# syntax=` naming a non-Docker image) that uses instructions Docker's frontend lacks. */
function customFrontend(model: DockerfileModel): string | null {
  const syntax = model.directives.find((d) => d.name === 'syntax');
  if (!syntax || parseSyntax(syntax.value).kind !== 'other') return null;
  const unknown = model.instructions.find((i) => !KEYWORDS.has(i.keyword));
  return unknown ? `written for the frontend ${syntax.value} (uses ${unknown.keyword}); left alone` : null;
}

/** `# dockerfix ignore=` comments that name no transform, or one that does not exist (with the closest id). */
function ignoreWarnings(model: DockerfileModel, known: readonly string[]): Warning[] {
  const out: Warning[] = [];
  const ids = new Set(known);
  for (const c of model.ignoreComments) {
    if (c.tool !== 'dockerfix') continue;
    const comment = `\`# dockerfix ${c.global ? 'global ' : ''}ignore=\``;
    if (c.ids.length === 0) out.push({ line: c.line + 1, message: `${comment} names no transform, so it turns nothing off` });
    for (const id of c.ids) {
      if (id === 'all' || ids.has(id)) continue;
      out.push({ line: c.line + 1, message: `${comment} names an unknown transform "${id}"${didYouMean(id, known)}; it turns nothing off` });
    }
  }
  return out;
}

/** Runs the transforms over one file's text. Pure: no I/O, never throws for bad input. */
export function fixSource(input: string, opts: FixOptions): FixResult {
  const result: FixResult = { input, output: input, changed: false, changes: [], advice: [], warnings: [], passes: 0, companions: [] };
  const fail = (code: ConstructorParameters<typeof DockerfixError>[0], message: string, transform?: string) => {
    result.error = new DockerfixError(code, message, { path: opts.path, transform });
    result.output = input;
    result.changed = false;
    result.companions = [];
    return result;
  };

  const { text: start, info } = decodeSource(input);
  let model = parseDockerfile(start);
  result.warnings = ignoreWarnings(model, opts.knownTransforms ?? TRANSFORMS.map((t) => t.id));
  const custom = customFrontend(model);
  if (custom) {
    result.skipped = custom;
    return result;
  }
  const why = notADockerfile(model);
  if (why) return fail('E_NOT_DOCKERFILE', `not a Dockerfile: ${why}`);
  // dockerfile-ast ends a line at a lone \r; Docker's parser splits lines at \n only (and
  // drops a \r just before it). Where the two disagree on the lines, no change is safe.
  const cr = LONE_CR.exec(start);
  if (cr) {
    const line = start.slice(0, cr.index).split('\n').length;
    return fail('E_PARSE', `line ${line} has a carriage return that does not end the line (old Mac line endings?): Docker and dockerfile-ast read such lines differently, so the file is left alone; convert it to LF or CRLF line endings`);
  }

  const maxPasses = opts.maxPasses ?? 25;
  const seen = new Set<string>([model.text]);
  const companions: CompanionEdit[] = [];
  const texts = [model.text];
  const maps: PassMap[] = [];
  const applied: Applied[] = [];
  let advice: RawAdvice[] = [];
  for (let pass = 1; ; pass++) {
    result.passes = pass;
    const proposed: { transform: string; fix: Fix }[] = [];
    advice = [];
    const running = opts.transforms.filter((t) => !model.globalIgnore.has(t.id) && !model.globalIgnore.has('all'));
    const enabled = new Map(running.map((t) => [t.id, opts.options?.[t.id] ?? {}]));
    for (const t of running) {
      let out;
      try {
        out = t.run({ model, path: opts.path, unsafe: !!opts.unsafe, options: enabled.get(t.id)!, buildContext: opts.buildContext, enabled });
      } catch (e) {
        return fail('E_TRANSFORM', `transform ${t.id} failed: ${(e as Error).message}`, t.id);
      }
      for (const fix of out.fixes) {
        const target = fix.instruction === undefined ? undefined : model.instructions[fix.instruction];
        if (target && (target.ignore.has(t.id) || target.ignore.has('all'))) continue;
        const refused = t.moves && fix.edits.length ? rerunGuard(model, fix, opts.buildContext) : null;
        if (refused) {
          advice.push({ transform: t.id, line: fix.line, instruction: fix.instruction, message: refused });
          continue;
        }
        if (fix.edits.length) proposed.push({ transform: t.id, fix });
      }
      for (const a of out.advice ?? []) advice.push({ transform: t.id, line: a.line, instruction: a.instruction, message: a.message, summary: a.summary });
    }
    if (proposed.length === 0) break;
    if (pass > maxPasses) return fail('E_CYCLE', `transforms did not settle after ${maxPasses} passes`);

    const accepted: typeof proposed = [];
    for (const p of proposed) {
      const h = hull(p.fix);
      if (!accepted.some((a) => conflicts(hull(a.fix), h))) accepted.push(p);
    }
    let next: string;
    try {
      next = applyFixes(model.text, accepted.map((a) => a.fix));
    } catch (e) {
      return fail('E_VERIFY', `could not apply fixes: ${(e as Error).message}`, accepted[0]?.transform);
    }
    const after = parseDockerfile(next);
    const checked = verifyPass(model, after, accepted.map((a) => a.fix));
    if ('error' in checked) {
      const ids = [...new Set(accepted.map((a) => a.transform))].join(', ');
      return fail('E_VERIFY', `rejected the change by ${ids}: ${checked.error}`, accepted[0]?.transform);
    }
    if (seen.has(next)) return fail('E_CYCLE', `transforms undo each other (${[...new Set(accepted.map((a) => a.transform))].join(', ')})`);
    seen.add(next);
    maps.push(passMap(model.text, next, accepted.map((a) => a.fix)));
    texts.push(next);
    for (const [slot, a] of accepted.entries()) applied.push({ transform: a.transform, fix: a.fix, pass, slot, model });
    for (const a of accepted) companions.push(...(a.fix.companions ?? []));
    model = checked.model;
  }

  const lines = new LineMapper(texts, maps);
  const reported = applied.map((a) => ({ a, c: reportChange(a, lines) }));
  wordMoves(reported, lines);
  result.changes = reported.map((r) => r.c).sort(byLine);
  result.advice = advice.map((a) => reportAdvice(a, model, lines)).sort(byLine);

  result.output = encodeSource(model.text, info);
  result.changed = result.output !== input;
  if (result.changed) result.companions = mergeCompanions(companions);
  return result;
}

/** A fix as it was applied: the pass and the model it was proposed against. */
interface Applied {
  transform: string;
  fix: Fix;
  pass: number;
  /** Its place among the fixes of its pass. */
  slot: number;
  model: DockerfileModel;
}

interface RawAdvice {
  transform: string;
  line: number;
  instruction?: number;
  message: string;
  summary?: string;
}

const byLine = (a: { line: number; endLine: number }, b: { line: number; endLine: number }) => a.line - b.line || a.endLine - b.endLine;

/** The lines a fix is about, in its pass's text: its instruction, else the line it names. */
function subject(fix: { line: number; instruction?: number }, model: DockerfileModel): { line: number; endLine: number } {
  const i = fix.instruction === undefined ? undefined : model.instructions[fix.instruction];
  return i ? { line: i.startLine + 1, endLine: i.endLine + 1 } : { line: fix.line, endLine: fix.line };
}

function reportChange(a: Applied, lines: LineMapper): Change {
  const own = subject(a.fix, a.model);
  const orig = lines.rangeToOriginal(a.pass, own);
  let now = lines.rangeToFinal(a.pass, own);
  if (a.fix.instruction === undefined) {
    // Text added where no instruction was (the syntax directive): the lines it wrote.
    const span = lines.maps[a.pass - 1].spans[a.slot];
    if (span) now = lines.outputRangeToFinal(a.pass, span[0], span[1]);
  }
  const map = (n: number) => lines.lineToOriginal(a.pass, n);
  const message = mapMessageLines(a.fix.message, map);
  return {
    transform: a.transform,
    line: orig.line,
    endLine: orig.endLine,
    newLine: now.line,
    newEndLine: now.endLine,
    message,
    summary: a.fix.summary ? mapMessageLines(a.fix.summary, map) : message,
    pass: a.pass,
  };
}

function reportAdvice(a: RawAdvice, model: DockerfileModel, lines: LineMapper): AdviceItem {
  const pass = lines.finalPass;
  const orig = lines.rangeToOriginal(pass, subject(a, model));
  const map = (n: number) => lines.lineToOriginal(pass, n);
  const message = mapMessageLines(a.message, map);
  return { transform: a.transform, line: orig.line, endLine: orig.endLine, message, summary: a.summary ? mapMessageLines(a.summary, map) : message };
}

/**
 * Words each move after what the unified diff shows: when the diff keeps the moved
 * instructions in place and shows the crossed ones removed and added, the change says the
 * crossed ones moved (see `MoveView`).
 */
function wordMoves(reported: { a: Applied; c: Change }[], lines: LineMapper): void {
  if (!reported.some((r) => r.a.fix.move)) return;
  const kept = keptLines(lines.texts[0], lines.texts[lines.texts.length - 1]);
  const original = (a: Applied, r: [number, number]) => lines.rangeToOriginal(a.pass, { line: r[0] + 1, endLine: r[1] + 1 });
  const anyKept = (r: { line: number; endLine: number }) => {
    for (let l = r.line; l <= r.endLine; l++) if (kept.has(l - 1)) return true;
    return false;
  };
  for (const { a, c } of reported) {
    const v = a.fix.move;
    if (!v) continue;
    const movedKept = v.moved.map((r) => anyKept(original(a, r)));
    const crossedKept = v.crossed.map((r) => anyKept(original(a, r)));
    if (!v.crossed.length || !movedKept.every(Boolean) || crossedKept.some(Boolean)) continue;
    const map = (n: number) => lines.lineToOriginal(a.pass, n);
    c.message = mapMessageLines(v.message, map);
    c.summary = mapMessageLines(v.summary, map);
  }
}
