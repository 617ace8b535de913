/**
 * Where each instruction is: dockerfile-ast's own scanner, without its syntax tree.
 *
 * `DockerfileParser.parse` finds the instructions (directives, escape character, line
 * continuations, comments inside continuations, here-documents) and then builds a node per
 * instruction. The nodes' constructors split the arguments again and again; that is about
 * 95 % of a parse, and the model needs none of it: it derives flags, body and comments from
 * the text (see `assemble` in `dockerfile.ts`). So the model runs dockerfile-ast's `Parser`
 * with three of its steps replaced:
 *
 * - `createInstruction` records the span (keyword, start, keyword end, end) instead of
 *   building a node;
 * - `processHeredocs` builds the real node, and runs the real step, only when the
 *   instruction's text has a `<` followed by `<` or by the escape character: a here-document
 *   needs an argument starting with `<<`, and arguments are made of the instruction's
 *   characters, joined across line continuations;
 * - `processComment` only finds the comment's end (the model reads comments from lines).
 *
 * Every decision about where an instruction starts and ends is still dockerfile-ast's.
 * These are internal methods of dockerfile-ast 0.7.1 (the version is pinned); if they are
 * missing, {@link scanSpans} parses with the public API instead. The tests compare the two
 * on every fixture, every corpus file and randomly edited corpus files (`astSpans`).
 */
import { DockerfileParser } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser.js';
import { LineIndex } from '../core/source.js';

/** One instruction's place in the text. */
export interface Span {
  /** Upper-cased keyword. */
  keyword: string;
  start: number;
  end: number;
  /** Offset just after the keyword. */
  argsStart: number;
}

export interface Scan {
  spans: Span[];
  escape: string;
}

/** The parts of dockerfile-ast's `Parser` (private in its typings) that the scanner replaces. */
interface ParserSteps {
  buffer: string;
  escapeChar: string;
  parse(text: string): { getInstructions(): unknown[]; getEscapeCharacter(): string };
  createInstruction(dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number): unknown;
  processHeredocs(instruction: unknown, offset: number): number;
  processComment(dockerfile: unknown, start: number): number;
}

/** A span as the scanner records it, with a way to build dockerfile-ast's node when needed. */
interface Recorded {
  getKeyword(): string;
  start: number;
  keywordEnd: number;
  end: number;
  node(): unknown;
}

const Base = Parser as unknown as new () => ParserSteps;
const steps = Base.prototype as Partial<ParserSteps>;
const SUPPORTED =
  typeof steps.createInstruction === 'function' && typeof steps.processHeredocs === 'function' && typeof steps.processComment === 'function';

class SpanScanner extends Base {
  override createInstruction(dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number): Recorded {
    const create = Base.prototype.createInstruction;
    return {
      getKeyword: () => instruction.toUpperCase(),
      start,
      keywordEnd: instructionEnd,
      end,
      node: () => create.call(this, dockerfile, instruction, start, instructionEnd, end),
    };
  }

  override processHeredocs(instruction: unknown, offset: number): number {
    const r = instruction as Recorded;
    const b = this.buffer;
    // An argument starting with `<<` needs a `<` followed by `<`, or by the escape character
    // of a line continuation that joins it to the next `<`.
    for (let lt = b.indexOf('<', r.start); lt !== -1 && lt < offset; lt = b.indexOf('<', lt + 1)) {
      const next = b[lt + 1];
      if (next === '<' || next === this.escapeChar) return super.processHeredocs(r.node(), offset);
    }
    return offset;
  }

  override processComment(_dockerfile: unknown, start: number): number {
    const b = this.buffer;
    for (let i = start + 1; i < b.length; i++) {
      const c = b.charCodeAt(i);
      if (c === 10 || c === 13) return i;
    }
    return b.length;
  }
}

/** The instructions of `text` as spans, found by dockerfile-ast's scanner. */
export function scanSpans(text: string): Scan {
  if (!SUPPORTED) return astSpans(text);
  const dockerfile = new SpanScanner().parse(text);
  const spans: Span[] = [];
  for (const i of dockerfile.getInstructions() as Recorded[]) {
    spans.push({ keyword: i.getKeyword(), start: i.start, end: i.end, argsStart: Math.min(i.keywordEnd, i.end) });
  }
  return { spans, escape: dockerfile.getEscapeCharacter() };
}

/** The same from a whole dockerfile-ast parse through its public API: the reference for tests. */
export function astSpans(text: string, lines: LineIndex = new LineIndex(text)): Scan {
  const ast = DockerfileParser.parse(text);
  const spans: Span[] = [];
  for (const node of ast.getInstructions()) {
    const range = node.getRange();
    const start = lines.offset(range.start.line, range.start.character);
    const end = lines.offset(range.end.line, range.end.character);
    // After the keyword: dockerfile-ast's arguments range leaves flags out, we keep them.
    const kw = node.getInstructionRange();
    spans.push({ keyword: node.getKeyword().toUpperCase(), start, end, argsStart: Math.min(lines.offset(kw.end.line, kw.end.character), end) });
  }
  return { spans, escape: ast.getEscapeCharacter() };
}

/** Whether {@link scanSpans} uses the scanner (false: this dockerfile-ast lacks the steps it replaces). */
export const SCANNER_SUPPORTED = SUPPORTED;
