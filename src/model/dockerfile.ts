/**
 * The Dockerfile model every transform reads: dockerfile-ast's scanner finds where each
 * instruction is (`scan.ts`); the rest is derived from the text as plain data with offsets
 * into the working text (see `core/source.ts`).
 */
import { LineIndex } from '../core/source.js';
import { idsTurnedOff, readIgnoreComment, type IgnoreComment } from './ignore-comments.js';
import { scanSpans, type Span } from './scan.js';

/** Keywords BuildKit accepts. Anything else is an unknown instruction. */
export const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** Parser directives BuildKit knows; any other `# k=v` line ends the directive block. */
export const DIRECTIVE_KEYS = new Set(['syntax', 'escape', 'check']);

export interface Directive {
  /** Lower-cased key: syntax, escape or check. */
  name: string;
  value: string;
  /** Zero-based line. */
  line: number;
  start: number;
  end: number;
}

export interface Flag {
  /** Name without dashes, lower-cased (`mount`, `from`, `chown`). */
  name: string;
  /** Value after `=`, or null for a bare flag (`--link`). */
  value: string | null;
  start: number;
  end: number;
}

export interface Instruction {
  /** Position in the whole file, zero-based. */
  index: number;
  /** Upper-cased keyword. */
  keyword: string;
  /** Stage index, or -1 for an ARG before the first FROM. */
  stage: number;
  /** Offsets of the instruction itself (keyword to last character). */
  start: number;
  end: number;
  /** Zero-based first and last line. */
  startLine: number;
  endLine: number;
  /** Exactly the source text of the instruction, `text.slice(start, end)`. */
  text: string;
  /** The raw arguments after the keyword (with flags), continuation lines included. */
  rawArgs: string;
  /** Offset where `rawArgs` begins. */
  argsStart: number;
  /** Flags written before the arguments (`--from=`, `--mount=`, `--chown=`...). */
  flags: Flag[];
  /** The arguments after the flags: raw text and its offset. */
  body: string;
  bodyStart: number;
  /** `RUN/CMD/ENTRYPOINT/SHELL ["a", "b"]` form, parsed; null when shell form. */
  json: string[] | null;
  /** The instruction has here-documents (`RUN <<EOF`). */
  heredoc: boolean;
  /** Comment lines directly above the instruction (no blank line between): they move with it. */
  comments: string[];
  /** Offset of the first line that belongs to the instruction (its attached comments, or its own line start). */
  blockStart: number;
  /** Offset just past the instruction's last line terminator. */
  blockEnd: number;
  /**
   * Transform ids disabled for this instruction by `# dockerfix ignore=<id>[,<id>]` (or `all`),
   * or by a peer tool's comment that means the same (`ignore-comments.ts`).
   */
  ignore: Set<string>;
}

export interface Stage {
  index: number;
  /** Lower-cased `AS` name, if any. */
  name: string | null;
  /** The base as written after flags: image reference, stage name or `scratch`. */
  base: string;
  /** Index of an earlier stage this one is `FROM`, if any. */
  baseStage: number | null;
  from: Instruction;
  /** Instructions of the stage after its FROM. */
  instructions: Instruction[];
}

export interface DockerfileModel {
  text: string;
  lines: LineIndex;
  escape: string;
  directives: Directive[];
  /** Offset just past the directive block (0 when there is none). */
  directivesEnd: number;
  /** ARGs (and anything else) before the first FROM. */
  globals: Instruction[];
  stages: Stage[];
  instructions: Instruction[];
  /** Transform ids disabled for the whole file by `# dockerfix global ignore=<id>` (or a peer's global comment). */
  globalIgnore: Set<string>;
  /** Every ignore comment read, with its zero-based line (for warnings about unknown ids). */
  ignoreComments: (IgnoreComment & { line: number })[];
}

const DIRECTIVE_RE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** Reads the directive block at the top of the text, with BuildKit's rules (§2.1). */
export function parseDirectives(text: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  const seen = new Set<string>();
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    const m = DIRECTIVE_RE.exec(content.trimStart());
    if (!m) break;
    const name = m[1].toLowerCase();
    if (!DIRECTIVE_KEYS.has(name) || seen.has(name)) break;
    seen.add(name);
    out.push({ name, value: m[2], line, start: lines.starts[line], end: lines.lineEnd(line) });
  }
  return out;
}

/** Parses the working text into the model. Never throws on odd input: dockerfile-ast is tolerant. */
export function parseDockerfile(text: string): DockerfileModel {
  const lines = new LineIndex(text);
  const { spans, escape } = scanSpans(text);
  return assemble(text, lines, escape, spans);
}

/** The model of `text` from its instruction spans. */
function assemble(text: string, lines: LineIndex, escape: string, spans: Span[]): DockerfileModel {
  const directives = parseDirectives(text, lines);
  const directivesEnd = directives.length ? lines.lineEndWithTerminator(directives[directives.length - 1].line) : 0;

  const globalIgnore = new Set<string>();
  const ignoreComments: DockerfileModel['ignoreComments'] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    const t = lines.lineText(l);
    if (!/^\s*#\s*(dockerfix|tally)/i.test(t)) continue;
    const c = readIgnoreComment(t);
    if (!c) continue;
    ignoreComments.push({ ...c, line: l });
    if (c.global) for (const id of idsTurnedOff(c)) globalIgnore.add(id);
  }

  const instructions: Instruction[] = [];
  const globals: Instruction[] = [];
  const stages: Stage[] = [];
  const stageByName = new Map<string, number>();
  let prevEndLine = directives.length ? directives[directives.length - 1].line : -1;

  for (const { keyword, start, end, argsStart } of spans) {
    const startLine = lines.lineOf(start);
    const endLine = lines.lineOf(end);
    const rawArgs = text.slice(argsStart, end);

    // Comment lines directly above belong to the instruction.
    const comments: string[] = [];
    const ignore = new Set<string>();
    let firstLine = startLine;
    for (let l = startLine - 1; l > prevEndLine; l--) {
      const t = lines.lineText(l).trim();
      if (!t.startsWith('#')) break;
      comments.unshift(lines.lineText(l));
      firstLine = l;
      const c = readIgnoreComment(t);
      if (c && !c.global) for (const id of idsTurnedOff(c)) ignore.add(id);
    }

    const { flags, bodyOffset } = parseFlags(rawArgs, escape);
    const body = rawArgs.slice(bodyOffset);
    const stageIndex = keyword === 'FROM' ? stages.length : stages.length - 1;
    const instr: Instruction = {
      index: instructions.length,
      keyword,
      stage: stageIndex,
      start,
      end,
      startLine,
      endLine,
      text: text.slice(start, end),
      rawArgs,
      argsStart,
      flags: flags.map((f) => ({ ...f, start: f.start + argsStart, end: f.end + argsStart })),
      body,
      bodyStart: argsStart + bodyOffset,
      json: parseJsonForm(keyword, body),
      heredoc: /<<-?\s*["']?[A-Za-z_]/.test(firstLogicalLine(body, escape)),
      comments,
      blockStart: lines.starts[firstLine],
      blockEnd: lines.lineEndWithTerminator(endLine),
      ignore,
    };
    instructions.push(instr);
    prevEndLine = endLine;

    if (keyword === 'FROM') {
      const words = body.trim().split(/\s+/);
      const base = words[0] ?? '';
      const asIdx = words.findIndex((w) => w.toLowerCase() === 'as');
      const name = asIdx > 0 && words[asIdx + 1] ? words[asIdx + 1].toLowerCase() : null;
      const baseStage = stageByName.get(base.toLowerCase()) ?? null;
      stages.push({ index: stages.length, name, base, baseStage, from: instr, instructions: [] });
      if (name) stageByName.set(name, stages.length - 1);
    } else if (stages.length === 0) {
      globals.push(instr);
    } else {
      stages[stages.length - 1].instructions.push(instr);
    }
  }

  return { text, lines, escape, directives, directivesEnd, globals, stages, instructions, globalIgnore, ignoreComments };
}

/** Leading `--name[=value]` flags of an instruction's arguments (continuations allowed between). */
export function parseFlags(rawArgs: string, escape = '\\'): { flags: Flag[]; bodyOffset: number } {
  const flags: Flag[] = [];
  const n = rawArgs.length;
  let i = 0;
  const continuation = continuationRe(escape);
  const skipSpace = () => {
    let continued = false;
    while (i < n) {
      const ch = rawArgs[i];
      if (ch === ' ' || ch === '\t') {
        i++;
        continue;
      }
      if (ch === escape) {
        const m = continuation.exec(rawArgs.slice(i, i + 64));
        if (!m) return;
        i += m[0].length;
        continued = true;
        continue;
      }
      if (continued && ch === '\n') {
        i++; // empty continuation line
        continue;
      }
      if (continued && ch === '#' && /^\s*$/.test(rawArgs.slice(rawArgs.lastIndexOf('\n', i - 1) + 1, i))) {
        const nl = rawArgs.indexOf('\n', i);
        if (nl === -1) return;
        i = nl + 1; // comment line inside a continuation
        continue;
      }
      return;
    }
  };
  skipSpace();
  while (rawArgs.startsWith('--', i)) {
    const start = i;
    let j = i;
    let quote: string | null = null;
    while (j < n) {
      const ch = rawArgs[j];
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === ' ' || ch === '\t' || ch === '\n') break;
      else if (ch === escape && continuation.test(rawArgs.slice(j, j + 64))) break;
      j++;
    }
    const word = rawArgs.slice(start + 2, j);
    const eq = word.indexOf('=');
    flags.push({
      name: (eq === -1 ? word : word.slice(0, eq)).toLowerCase(),
      value: eq === -1 ? null : word.slice(eq + 1),
      start,
      end: j,
    });
    i = j;
    skipSpace();
  }
  return { flags, bodyOffset: i };
}

const continuations = new Map<string, RegExp>();
/** `^<escape>[ \t]*\n`: a line continuation at the start of the string (one RegExp per escape character). */
function continuationRe(escape: string): RegExp {
  let re = continuations.get(escape);
  if (!re) continuations.set(escape, (re = new RegExp('^' + escapeRe(escape) + '[ \\t]*\\n')));
  return re;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The first logical line: physical lines joined while they end in the escape character,
 * skipping comment and blank lines inside the continuation. BuildKit looks for here-documents
 * on this whole line (`RUN apt-get update \⏎ && cat <<EOF > f` has one); their bodies follow it.
 */
function firstLogicalLine(body: string, escape: string): string {
  let out = '';
  for (let from = 0, first = true; ; first = false) {
    const nl = body.indexOf('\n', from);
    const line = nl === -1 ? body.slice(from) : body.slice(from, nl);
    from = nl + 1;
    if (!first && nl !== -1 && /^\s*(#|$)/.test(line)) continue;
    // Continued when the line ends in the escape character, maybe followed by blanks.
    let end = line.length;
    while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t' || line[end - 1] === '\r')) end--;
    const continued = end > 0 && line[end - 1] === escape;
    if (!continued) return out + line;
    out += line.slice(0, end - 1);
    if (nl === -1) return out;
  }
}

function parseJsonForm(keyword: string, body: string): string[] | null {
  if (!['RUN', 'CMD', 'ENTRYPOINT', 'SHELL'].includes(keyword)) return null;
  const t = body.trim();
  if (!t.startsWith('[')) return null;
  try {
    const v = JSON.parse(t.replace(/\\\r?\n/g, ''));
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}
