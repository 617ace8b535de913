/**
 * The public view of a parsed RUN body: simple commands, words, operators, variable
 * references and the places the analysis cannot see into, all with offsets into the raw
 * body text.
 *
 * @module
 */

import type { AndOr, Assign as AstAssign, Command, List, Op, Part, Redirect as AstRedirect, SimpleCmd, Word } from './ast.js';
import { ShellSyntaxError } from './ast.js';
import { type LogicalText, logicalize, scriptText } from './logical.js';
import { parseScript, remap } from './parser.js';

/** A range of the raw body text, `[start, end)`. */
export interface RawRange {
  /** Offset into the raw body text (inclusive). */
  readonly start: number;
  /** Offset into the raw body text (exclusive). */
  readonly end: number;
}

/** A shell word (command name, argument, assignment value, redirect target). */
export interface ShellWord extends RawRange {
  /** The raw source of the word, continuations and quotes included. */
  readonly text: string;
  /**
   * The word after quote removal, when it contains no parameter, command, arithmetic or
   * process expansion (and no `$'…'` escape); otherwise `null`. Pathname (glob), brace
   * and tilde expansion are not performed: `/var/lib/apt/lists/*` stays as written (see
   * {@link ShellWord.glob}).
   */
  readonly value: string | null;
  /** The word has unquoted glob (`*`, `?`, `[`) or brace (`{a,b}`) characters. */
  readonly glob: boolean;
  /** Some part of the word is quoted or escaped. */
  readonly quoted: boolean;
}

/** An assignment before a command name, `FOO=bar cmd`, or on its own. */
export interface ShellAssignment extends RawRange {
  readonly text: string;
  readonly name: string;
  /** `FOO+=bar` */
  readonly append: boolean;
  /** The value word; `null` for `FOO=` and for arrays. */
  readonly value: ShellWord | null;
}

/** A redirection, `2>&1`, `> /dev/null`, `<<< "x"`. */
export interface ShellRedirect extends RawRange {
  readonly text: string;
  /** The operator, e.g. `>`, `>>`, `2>&1` has op `>&`. */
  readonly op: string;
  /** The file descriptor written before the operator, if any. */
  readonly fd: string | null;
  readonly target: ShellWord | null;
}

/** An operator joining two commands. */
export interface ShellOperator extends RawRange {
  readonly op: '&&' | '||' | ';' | '|' | '|&' | '&' | '\n';
}

/** One simple command (name, arguments, assignments, redirects) and where it runs. */
export interface SimpleCommand extends RawRange {
  /** Position among {@link ShellScript.commands}. */
  readonly index: number;
  /** Raw source of the whole command (assignments, words and redirects). */
  readonly text: string;
  /** The command name; `null` for a command of only assignments/redirects (`X=1`). */
  readonly name: ShellWord | null;
  /** The arguments after the name. */
  readonly args: readonly ShellWord[];
  readonly assignments: readonly ShellAssignment[];
  readonly redirects: readonly ShellRedirect[];
  /** Inside `( )`, `$( )`, backquotes, `<( )` or an `sh -c '…'` string. */
  readonly inSubshell: boolean;
  /** Part of a pipeline of two or more commands. */
  readonly inPipeline: boolean;
  /**
   * Runs only on some paths: right after `||`, in an `if` branch (or `elif` condition),
   * a loop body, a `case` branch or a function body.
   */
  readonly conditional: boolean;
  /** Its pipeline is negated with `!`. */
  readonly negated: boolean;
  /** Its list is run in the background (`&`). */
  readonly background: boolean;
  /** Where a nested command comes from, or `null` for a command of the body itself. */
  readonly nested: null | 'command-substitution' | 'process-substitution' | 'shell-c';
  /**
   * Directly in the body's top-level list (not inside a compound command, a
   * substitution or an `sh -c` string).
   */
  readonly topLevel: boolean;
  /** The operator joining it to the previous command of its list, if any. */
  readonly before: ShellOperator | null;
  /**
   * The operator after it: joining it to the next command, or terminating it (`a;`),
   * if any.
   */
  readonly after: ShellOperator | null;
}

/** A parameter (variable) reference: `$X`, `${X}`, `${X:-y}`, `$1`, or a name in `$(( ))`. */
export interface VariableRef extends RawRange {
  readonly name: string;
}

/** A construct whose effect the analysis cannot see. */
export interface OpaqueConstruct extends RawRange {
  readonly reason:
    | 'eval'
    | 'source'
    | 'dynamic-command-name'
    | 'function-call'
    | 'dynamic-shell-c'
    | 'complex-shell-c';
}

/** A parsed shell-form RUN body. */
export interface ShellScript {
  /** The raw body text that was parsed. */
  readonly raw: string;
  readonly escapeChar: string;
  /** The logical command line and its map back to `raw`. */
  readonly logical: LogicalText;
  /** Every simple command, in source order, nested ones included. */
  readonly commands: readonly SimpleCommand[];
  /** Every parameter reference, in source order. */
  readonly variables: readonly VariableRef[];
  /** Names of the functions the body defines. */
  readonly functions: readonly string[];
  /** Something runs that the analysis cannot see into (see {@link ShellScript.opaqueConstructs}). */
  readonly opaque: boolean;
  readonly opaqueConstructs: readonly OpaqueConstruct[];
}

/** Why a body could not be parsed. */
export interface ShellParseError {
  readonly message: string;
  /** Raw offset where the parser stopped. */
  readonly offset: number;
}

/** Result of {@link parseShell}. */
export type ParseShellResult = { ok: true; script: ShellScript } | { ok: false; error: ShellParseError };

/** What the edit helpers need to know about a command (kept out of the public objects). */
export interface CommandInternals {
  script: ShellScript;
  node: SimpleCmd;
  /** logical end of the previous element of its list/pipeline, or null */
  prevEnd: number | null;
  /** logical start of the next element, or null */
  nextStart: number | null;
}

export const internals = new WeakMap<SimpleCommand, CommandInternals>();

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

interface Ctx {
  inSubshell: boolean;
  conditional: boolean;
  nested: SimpleCommand['nested'];
  top: boolean;
}

/**
 * Parses a shell-form RUN body.
 *
 * `raw` is the text after `RUN` and its `--flags`, exactly as written in the Dockerfile
 * (line continuations, comment lines and indentation included; LF line ends, since the
 * engine normalizes CRLF first). Exec-form bodies (`RUN ["a", "b"]`) and RUNs with
 * here-documents are not shell-form bodies: the caller (which has the Dockerfile model)
 * must not pass them. Whether the stage's `SHELL` is a POSIX shell is also the caller's
 * business: see {@link isPosixShell}.
 *
 * Never throws on bad input: a body the parser cannot read gives `{ ok: false }`, and a
 * transform should then decline to edit it.
 *
 * @param raw the raw RUN body
 * @param escapeChar the Dockerfile's escape character (`\` or `` ` ``)
 */
export function parseShell(raw: string, escapeChar = '\\'): ParseShellResult {
  // Every transform reads the same RUN bodies on every pass: parse each body once.
  const key = escapeChar + raw;
  const hit = memo.get(key);
  if (hit) return hit;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const result = parseShellUncached(raw, escapeChar);
  memo.set(key, result);
  return result;
}

/** Results are shared between callers: treat them as read-only. */
const memo = new Map<string, ParseShellResult>();
const MEMO_LIMIT = 4096;

/** Where a command stands in its list: pipeline, negation, joining operators, neighbours. */
interface CommandPosition {
  inPipeline: boolean;
  negated: boolean;
  background: boolean;
  before: Op | null;
  after: Op | null;
  prevEnd: number | null;
  nextStart: number | null;
}

/**
 * Parses shell script text: the part `[from, to)` of `raw` is what a shell reads as a script
 * (a here-document RUN's body), so newlines separate commands and backslash-newline is the
 * shell's own line continuation (the Dockerfile's escape character plays no part). Offsets in
 * the result are offsets into `raw`, so the edit helpers edit `raw` in place. Here-documents
 * inside the script are rejected, as in {@link parseShell}.
 */
export function parseShellScript(raw: string, from = 0, to = raw.length): ParseShellResult {
  const key = `\u0000${from}:${to}:${raw}`;
  const hit = memo.get(key);
  if (hit) return hit;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const result = parseLogical(raw, '\\', scriptText(raw, from, to));
  memo.set(key, result);
  return result;
}

function parseShellUncached(raw: string, escapeChar: string): ParseShellResult {
  return parseLogical(raw, escapeChar, logicalize(raw, escapeChar));
}

function parseLogical(raw: string, escapeChar: string, logical: LogicalText): ParseShellResult {
  let list: List;
  try {
    list = parseScript(logical.text);
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      return { ok: false, error: { message: e.message, offset: logical.toRaw(e.offset) } };
    }
    if (e instanceof RangeError) {
      return { ok: false, error: { message: 'command too deeply nested', offset: 0 } };
    }
    throw e;
  }
  return { ok: true, script: new Builder(raw, escapeChar, logical).build(list) };
}

class Builder {
  commands: SimpleCommand[] = [];
  variables: VariableRef[] = [];
  functions: string[] = [];
  opaqueConstructs: OpaqueConstruct[] = [];
  pending: { cmd: SimpleCommand; node: SimpleCmd; prevEnd: number | null; nextStart: number | null }[] = [];
  script!: ShellScript;

  constructor(
    readonly raw: string,
    readonly escapeChar: string,
    readonly logical: LogicalText,
  ) {}

  build(list: List): ShellScript {
    this.list(list, { inSubshell: false, conditional: false, nested: null, top: true });
    // calls of functions defined in the body
    if (this.functions.length) {
      for (const c of this.commands) {
        if (c.name?.value != null && this.functions.includes(c.name.value)) this.opaque('function-call', c.name);
      }
    }
    const commands = this.commands.sort((a, b) => a.start - b.start);
    commands.forEach((c, i) => ((c as { index: number }).index = i));
    const opaqueConstructs = this.opaqueConstructs.sort((a, b) => a.start - b.start);
    this.script = {
      raw: this.raw,
      escapeChar: this.escapeChar,
      logical: this.logical,
      commands,
      variables: this.variables.sort((a, b) => a.start - b.start),
      functions: this.functions,
      opaque: opaqueConstructs.length > 0,
      opaqueConstructs,
    };
    for (const p of this.pending) internals.set(p.cmd, { script: this.script, node: p.node, prevEnd: p.prevEnd, nextStart: p.nextStart });
    return this.script;
  }

  range(start: number, end: number): RawRange {
    return { start: this.logical.toRaw(start), end: this.logical.toRawEnd(end) };
  }

  text(r: RawRange): string {
    return this.raw.slice(r.start, r.end);
  }

  opaque(reason: OpaqueConstruct['reason'], r: RawRange): void {
    this.opaqueConstructs.push({ reason, start: r.start, end: r.end });
  }

  operator(op: Op | null | undefined): ShellOperator | null {
    if (!op) return null;
    return { op: op.op as ShellOperator['op'], start: this.logical.toRaw(op.start), end: this.logical.toRawEnd(op.end) };
  }

  // ---- walking ----------------------------------------------------------------------

  list(list: List, ctx: Ctx): void {
    list.items.forEach((ao, i) => this.andOr(list, ao, i, ctx));
  }

  andOr(list: List, ao: AndOr, i: number, ctx: Ctx): void {
    const background = list.seps[i]?.op === '&';
    ao.pipelines.forEach((p, j) => {
      const conditional = ctx.conditional || (j > 0 && ao.ops[j - 1]!.op === '||');
      p.cmds.forEach((cmd, k) => {
        const lastK = k === p.cmds.length - 1;
        const lastJ = j === ao.pipelines.length - 1;
        const before = k > 0 ? p.ops[k - 1] : j > 0 ? ao.ops[j - 1] : i > 0 ? list.seps[i - 1] : null;
        const after = !lastK ? p.ops[k] : !lastJ ? ao.ops[j] : list.seps[i];
        const prevEnd = k > 0 ? p.cmds[k - 1]!.end : j > 0 ? ao.pipelines[j - 1]!.end : i > 0 ? list.items[i - 1]!.end : null;
        const nextStart = !lastK
          ? p.cmds[k + 1]!.start
          : !lastJ
            ? ao.pipelines[j + 1]!.start
            : i < list.items.length - 1
              ? list.items[i + 1]!.start
              : null;
        this.command(cmd, ctxWith(ctx, { conditional }), {
          inPipeline: p.cmds.length > 1,
          negated: p.negated,
          background,
          before: before ?? null,
          after: after ?? null,
          prevEnd,
          nextStart,
        });
      });
    });
  }

  command(
    cmd: Command,
    ctx: Ctx,
    pos: CommandPosition,
  ): void {
    const inner = ctxWith(ctx, { top: false });
    const cond = ctxWith(inner, { conditional: true });
    switch (cmd.type) {
      case 'Simple':
        this.simple(cmd, ctx, pos);
        return;
      case 'Subshell':
        this.list(cmd.body, ctxWith(inner, { inSubshell: true }));
        break;
      case 'Group':
        this.list(cmd.body, inner);
        break;
      case 'If':
        cmd.clauses.forEach((c, n) => {
          this.list(c.cond, n === 0 ? inner : cond);
          this.list(c.body, cond);
        });
        if (cmd.elseBody) this.list(cmd.elseBody, cond);
        break;
      case 'While':
        this.list(cmd.cond, inner);
        this.list(cmd.body, cond);
        break;
      case 'For':
        for (const w of cmd.items ?? []) this.word(w, inner);
        this.list(cmd.body, cond);
        break;
      case 'ArithFor':
        this.parts(cmd.parts, inner);
        this.list(cmd.body, cond);
        break;
      case 'Case':
        this.word(cmd.word, inner);
        for (const item of cmd.items) {
          for (const w of item.patterns) this.word(w, cond);
          this.list(item.body, cond);
        }
        break;
      case 'Function':
        this.functions.push(cmd.name);
        this.command(cmd.body, cond, { ...pos, before: null, after: null, prevEnd: null, nextStart: null });
        return;
      case 'Arith':
        this.parts(cmd.parts, inner);
        break;
      case 'Test':
        for (const w of cmd.words) this.word(w, inner);
        break;
    }
    for (const r of cmd.redirs) if (r.target) this.word(r.target, inner);
  }

  simple(
    node: SimpleCmd,
    ctx: Ctx,
    pos: CommandPosition,
  ): void {
    const inner = ctxWith(ctx, { top: false });
    // Words first (their substitutions run before the command).
    const words = node.words.map((w) => this.word(w, inner));
    const assignments = node.assigns.map((a) => this.assignment(a, inner));
    const redirects = node.redirs.map((r) => this.redirect(r, inner));
    const r = this.range(node.start, node.end);
    const cmd: SimpleCommand = {
      index: -1,
      start: r.start,
      end: r.end,
      text: this.text(r),
      name: words[0] ?? null,
      args: words.slice(1),
      assignments,
      redirects,
      inSubshell: ctx.inSubshell,
      inPipeline: pos.inPipeline,
      conditional: ctx.conditional,
      negated: pos.negated,
      background: pos.background,
      nested: ctx.nested,
      topLevel: ctx.top,
      before: this.operator(pos.before),
      after: this.operator(pos.after),
    };
    this.commands.push(cmd);
    this.pending.push({ cmd, node, prevEnd: pos.prevEnd, nextStart: pos.nextStart });
    this.special(cmd, node, ctx);
  }

  /** eval, source, dynamic names, `sh -c`. */
  special(cmd: SimpleCommand, node: SimpleCmd, ctx: Ctx): void {
    const name = cmd.name;
    if (!name) return;
    if (name.value === null) {
      this.opaque('dynamic-command-name', name);
      return;
    }
    if (name.value === 'eval') this.opaque('eval', cmd);
    else if (name.value === '.' || name.value === 'source') this.opaque('source', cmd);
    const base = name.value.slice(name.value.lastIndexOf('/') + 1);
    if (!SHELLS.has(base)) return;
    // sh [options] -c 'command string' [name [args…]]
    let sawC = false;
    for (let i = 1; i < node.words.length; i++) {
      const w = node.words[i]!;
      const v = cmd.args[i - 1]!.value;
      if (!sawC) {
        if (v === null) return;
        if (v === '-o' || v === '+o') {
          i++;
          continue;
        }
        if (/^[-+][A-Za-z]+$/.test(v)) {
          if (v[0] === '-' && v.includes('c')) sawC = true;
          continue;
        }
        if (v === '--') continue;
        return; // a script file: not a command string
      }
      this.shellC(w, cmd.args[i - 1]!, ctx);
      return;
    }
  }

  shellC(w: Word, word: ShellWord, ctx: Ctx): void {
    if (word.value === null) {
      this.opaque('dynamic-shell-c', word);
      return;
    }
    // Only strings whose content maps 1:1 onto the logical text: one quoted part with
    // no escapes, or a plain literal.
    const p = w.parts.length === 1 ? w.parts[0]! : null;
    let start: number;
    let end: number;
    if (p?.type === 'SglQuoted' && !p.dollar) [start, end] = [p.start + 1, p.end - 1];
    else if (p?.type === 'DblQuoted' && !p.dollar && p.parts.every((q) => q.type === 'Lit' && q.end - q.start === q.value.length))
      [start, end] = [p.start + 1, p.end - 1];
    else if (p?.type === 'Lit' && p.end - p.start === p.value.length) [start, end] = [p.start, p.end];
    else {
      this.opaque('complex-shell-c', word);
      return;
    }
    let list: List;
    try {
      list = parseScript(this.logical.text.slice(start, end));
    } catch (e) {
      if (!(e instanceof ShellSyntaxError) && !(e instanceof RangeError)) throw e;
      this.opaque('complex-shell-c', word);
      return;
    }
    remap(list, (o) => o + start);
    this.list(list, { inSubshell: true, conditional: ctx.conditional, nested: 'shell-c', top: false });
  }

  assignment(a: AstAssign, ctx: Ctx): ShellAssignment {
    const r = this.range(a.start, a.end);
    const value = a.value ? this.word(a.value, ctx) : null;
    for (const w of a.array ?? []) this.word(w, ctx);
    return { start: r.start, end: r.end, text: this.text(r), name: a.name, append: a.append, value };
  }

  redirect(red: AstRedirect, ctx: Ctx): ShellRedirect {
    const r = this.range(red.start, red.end);
    const target = red.target ? this.word(red.target, ctx) : null;
    return { start: r.start, end: r.end, text: this.text(r), op: red.op, fd: red.fd, target };
  }

  word(w: Word, ctx: Ctx): ShellWord {
    this.parts(w.parts, ctx);
    const r = this.range(w.start, w.end);
    return { start: r.start, end: r.end, text: this.text(r), value: wordValue(w.parts), glob: w.glob, quoted: w.parts.some(isQuoted) };
  }

  parts(parts: Part[], ctx: Ctx): void {
    for (const p of parts) {
      switch (p.type) {
        case 'DblQuoted':
          this.parts(p.parts, ctx);
          break;
        case 'ParamExp':
          this.variables.push({ name: p.name, start: this.logical.toRaw(p.start), end: this.logical.toRawEnd(p.end) });
          this.parts(p.parts, ctx);
          break;
        case 'ArithExp':
          this.parts(p.parts, ctx);
          break;
        case 'CmdSubst':
          this.list(p.body, ctxWith(ctx, { inSubshell: true, top: false, nested: ctx.nested ?? 'command-substitution' }));
          break;
        case 'ProcSubst':
          this.list(p.body, ctxWith(ctx, { inSubshell: true, top: false, nested: ctx.nested ?? 'process-substitution' }));
          break;
      }
    }
  }
}

/** A copy of `ctx` with some fields changed (explicit: object spread is slow here). */
function ctxWith(ctx: Ctx, c: Partial<Ctx>): Ctx {
  return {
    inSubshell: c.inSubshell ?? ctx.inSubshell,
    conditional: c.conditional ?? ctx.conditional,
    nested: c.nested !== undefined ? c.nested : ctx.nested,
    top: c.top ?? ctx.top,
  };
}

function isQuoted(p: Part): boolean {
  return p.type === 'SglQuoted' || p.type === 'DblQuoted' || (p.type === 'Lit' && p.end - p.start !== p.value.length);
}

function wordValue(parts: Part[]): string | null {
  let v = '';
  for (const p of parts) {
    switch (p.type) {
      case 'Lit':
        v += p.value;
        break;
      case 'SglQuoted':
        if (p.dollar && p.value.includes('\\')) return null;
        v += p.value;
        break;
      case 'DblQuoted': {
        if (p.dollar) return null;
        const inner = wordValue(p.parts);
        if (inner === null) return null;
        v += inner;
        break;
      }
      default:
        return null;
    }
  }
  return v;
}
