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

/** A change that was applied. `line` is one-based, in the text of the pass that made it. */
export interface Change {
  transform: string;
  line: number;
  message: string;
  pass: number;
}

export interface AdviceItem {
  transform: string;
  line: number;
  message: string;
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
  for (let pass = 1; ; pass++) {
    result.passes = pass;
    const proposed: { transform: string; fix: Fix }[] = [];
    const advice: AdviceItem[] = [];
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
          advice.push({ transform: t.id, line: fix.line, message: refused });
          continue;
        }
        if (fix.edits.length) proposed.push({ transform: t.id, fix });
      }
      for (const a of out.advice ?? []) advice.push({ transform: t.id, line: a.line, message: a.message });
    }
    if (proposed.length === 0) {
      result.advice = advice;
      break;
    }
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
    for (const a of accepted) result.changes.push({ transform: a.transform, line: a.fix.line, message: a.fix.message, pass });
    for (const a of accepted) companions.push(...(a.fix.companions ?? []));
    model = checked.model;
  }

  result.output = encodeSource(model.text, info);
  result.changed = result.output !== input;
  if (result.changed) result.companions = mergeCompanions(companions);
  return result;
}
