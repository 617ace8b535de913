/**
 * A recursive-descent parser for the POSIX shell command language plus the bash
 * extensions seen in Dockerfiles (`[[ ]]`, `(( ))`, `$'..'`, `<(..)`, `function`,
 * `|&`, `&>`, arrays in assignments). Written for this project: see
 * docs/shell-parser.md for why no package was used.
 *
 * It parses one logical command line (no here-documents: a RUN with a here-document is
 * not a shell-form body). Offsets in the tree are into the given text.
 *
 * @module
 */

import {
  type AndOr,
  type Assign,
  type Command,
  type List,
  type Op,
  type Part,
  type Pipeline,
  type Redirect,
  type SimpleCmd,
  type Word,
  ShellSyntaxError,
} from './ast.js';

const BLANK = new Set([' ', '\t', '\r']);
/** characters that end an unquoted word */
const META = new Set([' ', '\t', '\r', '\n', '|', '&', ';', '(', ')', '<', '>']);
const RESERVED = /(?:[a-z]+|[{}!]|\[\[|\]\])(?=[ \t\r\n;&|()<>]|$)/y;
/** reserved words that close a list */
const LIST_END = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
const REDIRECT = /(\d+)?(<<<|<<-|<<|&>>|&>|>>|>&|<&|<>|>\||<|>)/y;
const ASSIGN = /([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)=/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const GLOB = /[*?[]|\{[^}]*(?:,|\.\.)[^}]*\}/;

/** Parses a whole command line. Throws {@link ShellSyntaxError}. */
export function parseScript(src: string): List {
  return new Parser(src).script();
}

class Parser {
  pos = 0;

  constructor(private readonly src: string) {}

  script(): List {
    const list = this.list();
    this.skipSpace(true);
    if (this.pos < this.src.length) this.fail(`unexpected ${this.describe()}`);
    return list;
  }

  // ---- low-level helpers ------------------------------------------------------------

  fail(message: string, at = this.pos): never {
    throw new ShellSyntaxError(message, at);
  }

  describe(): string {
    if (this.pos >= this.src.length) return 'end of command';
    const rw = this.peekReserved();
    return JSON.stringify(rw ?? this.src.slice(this.pos, this.pos + 2).trimEnd());
  }

  /** Skips blanks and a comment; with `newlines`, also newlines. */
  skipSpace(newlines = false): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) return;
      if (BLANK.has(c) || (newlines && c === '\n')) this.pos++;
      else if (c === '#') {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl === -1 ? s.length : nl;
      } else return;
    }
  }

  peekReserved(): string | null {
    RESERVED.lastIndex = this.pos;
    const m = RESERVED.exec(this.src);
    return m ? m[0] : null;
  }

  isReserved(word: string): boolean {
    return this.peekReserved() === word;
  }

  expectReserved(word: string): void {
    this.skipSpace(true);
    if (!this.isReserved(word)) this.fail(`expected "${word}", found ${this.describe()}`);
    this.pos += word.length;
  }

  expectChar(c: string): void {
    if (this.src[this.pos] !== c) this.fail(`expected "${c}", found ${this.describe()}`);
    this.pos++;
  }

  op(op: string): Op {
    const o = { op, start: this.pos, end: this.pos + op.length };
    this.pos += op.length;
    return o;
  }

  atListEnd(): boolean {
    const s = this.src;
    const c = s[this.pos];
    if (c === undefined || c === ')') return true;
    if (c === ';' && (s[this.pos + 1] === ';' || s[this.pos + 1] === '&')) return true;
    const rw = this.peekReserved();
    return rw !== null && LIST_END.has(rw);
  }

  // ---- lists ------------------------------------------------------------------------

  list(): List {
    const items: AndOr[] = [];
    const seps: (Op | null)[] = [];
    this.skipSpace(true);
    const start = this.pos;
    for (;;) {
      this.skipSpace(true);
      if (this.atListEnd()) break;
      items.push(this.andOr());
      this.skipSpace();
      const s = this.src;
      const c = s[this.pos];
      const n = s[this.pos + 1];
      if (c === ';' && n !== ';' && n !== '&') seps.push(this.op(';'));
      else if (c === '&' && n !== '&' && n !== '>') seps.push(this.op('&'));
      else if (c === '\n') seps.push(this.op('\n'));
      else {
        seps.push(null);
        break;
      }
    }
    const last = seps.length ? (seps[seps.length - 1] ?? items[items.length - 1]!) : null;
    return { items, seps, start: items.length ? items[0]!.start : start, end: last ? last.end : start };
  }

  andOr(): AndOr {
    const pipelines = [this.pipeline()];
    const ops: Op[] = [];
    for (;;) {
      this.skipSpace();
      const two = this.src.slice(this.pos, this.pos + 2);
      if (two !== '&&' && two !== '||') break;
      ops.push(this.op(two));
      this.skipSpace(true);
      pipelines.push(this.pipeline());
    }
    return { pipelines, ops, start: pipelines[0]!.start, end: pipelines[pipelines.length - 1]!.end };
  }

  pipeline(): Pipeline {
    this.skipSpace();
    const start = this.pos;
    let negated = false;
    while (this.isReserved('!')) {
      negated = !negated;
      this.pos++;
      this.skipSpace();
    }
    const cmds = [this.command()];
    const ops: Op[] = [];
    for (;;) {
      this.skipSpace();
      const s = this.src;
      if (s[this.pos] !== '|' || s[this.pos + 1] === '|') break;
      ops.push(this.op(s[this.pos + 1] === '&' ? '|&' : '|'));
      this.skipSpace(true);
      cmds.push(this.command());
    }
    return { negated, cmds, ops, start, end: cmds[cmds.length - 1]!.end };
  }

  // ---- commands ---------------------------------------------------------------------

  command(): Command {
    this.skipSpace();
    const start = this.pos;
    const s = this.src;
    const rw = this.peekReserved();
    let cmd: Command;
    switch (rw) {
      case '{': {
        this.pos++;
        const body = this.list();
        this.expectReserved('}');
        cmd = { type: 'Group', body, redirs: [], start, end: this.pos };
        break;
      }
      case 'if':
        cmd = this.ifClause(start);
        break;
      case 'while':
      case 'until': {
        this.pos += rw.length;
        const cond = this.list();
        this.expectReserved('do');
        const body = this.list();
        this.expectReserved('done');
        cmd = { type: 'While', until: rw === 'until', cond, body, redirs: [], start, end: this.pos };
        break;
      }
      case 'for':
      case 'select':
        cmd = this.forClause(start, rw.length);
        break;
      case 'case':
        cmd = this.caseClause(start);
        break;
      case 'function': {
        this.pos += rw.length;
        this.skipSpace();
        const m = /[^ \t\r\n|&;()<>]+/y;
        m.lastIndex = this.pos;
        const name = m.exec(s)?.[0];
        if (!name) this.fail('expected a function name');
        this.pos += name.length;
        this.skipSpace();
        if (s[this.pos] === '(') {
          this.pos++;
          this.skipSpace();
          this.expectChar(')');
        }
        this.skipSpace(true);
        const body = this.command();
        return { type: 'Function', name, body, start, end: body.end };
      }
      case '[[':
        cmd = this.testClause(start);
        break;
      case null:
        break;
      default:
        // `in` and `]]` are reserved only inside for/case and [[ ]]: elsewhere plain words
        if (LIST_END.has(rw)) this.fail(`unexpected "${rw}"`);
    }
    if (!cmd!) {
      if (s[this.pos] === '(') {
        cmd = (s[this.pos + 1] === '(' && this.tryArithCommand(start)) || this.subshell(start);
      } else {
        return this.simple();
      }
    }
    this.redirectsAfter(cmd);
    return cmd;
  }

  redirectsAfter(cmd: Command & { redirs?: Redirect[] }): void {
    if (!('redirs' in cmd) || !cmd.redirs) return;
    for (;;) {
      this.skipSpace();
      const r = this.redirect();
      if (!r) break;
      cmd.redirs.push(r);
      cmd.end = r.end;
    }
  }

  subshell(start: number): Command {
    this.pos++;
    const body = this.list();
    this.skipSpace(true);
    this.expectChar(')');
    return { type: 'Subshell', body, redirs: [], start, end: this.pos };
  }

  tryArithCommand(start: number): Command | null {
    const save = this.pos;
    try {
      this.pos += 2;
      const parts = this.arith();
      this.pos += 2;
      return { type: 'Arith', parts, redirs: [], start, end: this.pos };
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      this.pos = save;
      return null;
    }
  }

  ifClause(start: number): Command {
    this.pos += 2;
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | null = null;
    for (;;) {
      const cond = this.list();
      this.expectReserved('then');
      const body = this.list();
      clauses.push({ cond, body });
      this.skipSpace(true);
      if (this.isReserved('elif')) {
        this.pos += 4;
        continue;
      }
      if (this.isReserved('else')) {
        this.pos += 4;
        elseBody = this.list();
      }
      this.expectReserved('fi');
      return { type: 'If', clauses, elseBody, redirs: [], start, end: this.pos };
    }
  }

  forClause(start: number, kwLength: number): Command {
    const s = this.src;
    this.pos += kwLength;
    this.skipSpace();
    if (s.startsWith('((', this.pos)) {
      this.pos += 2;
      const parts = this.arith();
      this.pos += 2;
      this.skipSpace();
      if (s[this.pos] === ';') this.pos++;
      this.expectReserved('do');
      const body = this.list();
      this.expectReserved('done');
      return { type: 'ArithFor', parts, body, redirs: [], start, end: this.pos };
    }
    NAME.lastIndex = this.pos;
    const name = NAME.exec(s)?.[0];
    if (!name) this.fail('expected a variable name after "for"');
    this.pos += name.length;
    this.skipSpace(true);
    let items: Word[] | null = null;
    if (this.isReserved('in')) {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipSpace();
        const c = s[this.pos];
        if (c === undefined || c === ';' || c === '\n') break;
        if (META.has(c)) this.fail(`unexpected ${this.describe()} in "for" word list`);
        items.push(this.word());
      }
    }
    this.skipSpace();
    if (s[this.pos] === ';') this.pos++;
    this.expectReserved('do');
    const body = this.list();
    this.expectReserved('done');
    return { type: 'For', name, items, body, redirs: [], start, end: this.pos };
  }

  caseClause(start: number): Command {
    const s = this.src;
    this.pos += 4;
    this.skipSpace();
    const word = this.word();
    this.expectReserved('in');
    const items: { patterns: Word[]; body: List }[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.isReserved('esac')) break;
      if (s[this.pos] === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipSpace();
        patterns.push(this.word());
        this.skipSpace();
        if (s[this.pos] === '|') {
          this.pos++;
          continue;
        }
        this.expectChar(')');
        break;
      }
      const body = this.list();
      items.push({ patterns, body });
      this.skipSpace(true);
      if (s.startsWith(';;&', this.pos)) this.pos += 3;
      else if (s.startsWith(';;', this.pos) || s.startsWith(';&', this.pos)) this.pos += 2;
      else if (!this.isReserved('esac')) this.fail(`expected ";;" or "esac", found ${this.describe()}`);
    }
    this.pos += 4;
    return { type: 'Case', word, items, redirs: [], start, end: this.pos };
  }

  testClause(start: number): Command {
    const s = this.src;
    this.pos += 2;
    const words: Word[] = [];
    for (;;) {
      this.skipSpace(true);
      const c = s[this.pos];
      if (c === undefined) this.fail('expected "]]"');
      if (this.isReserved(']]')) {
        this.pos += 2;
        return { type: 'Test', words, redirs: [], start, end: this.pos };
      }
      if (META.has(c)) this.pos++; // && || ! ( ) < > | inside [[ ]] are its own operators
      else words.push(this.word());
    }
  }

  simple(): Command {
    const s = this.src;
    const start = this.pos;
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    let end = start;
    for (;;) {
      this.skipSpace();
      const c = s[this.pos];
      if (c === undefined) break;
      const r = this.redirect();
      if (r) {
        redirs.push(r);
        end = r.end;
        continue;
      }
      if (META.has(c) && !this.atProcSubst()) break;
      if (words.length === 0) {
        const a = this.assignment();
        if (a) {
          assigns.push(a);
          end = a.end;
          continue;
        }
      }
      const w = this.word();
      words.push(w);
      end = w.end;
      if (words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        const fn = this.maybeFunction(w);
        if (fn) return fn;
      }
    }
    if (!assigns.length && !words.length && !redirs.length) this.fail(`expected a command, found ${this.describe()}`);
    const cmd: SimpleCmd = { type: 'Simple', assigns, words, redirs, start, end };
    return cmd;
  }

  maybeFunction(name: Word): Command | null {
    const s = this.src;
    const save = this.pos;
    this.skipSpace();
    if (s[this.pos] !== '(' || name.parts.length !== 1 || name.parts[0]!.type !== 'Lit') {
      this.pos = save;
      return null;
    }
    this.pos++;
    this.skipSpace();
    this.expectChar(')');
    this.skipSpace(true);
    const body = this.command();
    return { type: 'Function', name: s.slice(name.start, name.end), body, start: name.start, end: body.end };
  }

  assignment(): Assign | null {
    const s = this.src;
    ASSIGN.lastIndex = this.pos;
    const m = ASSIGN.exec(s);
    if (!m) return null;
    const start = this.pos;
    this.pos += m[0].length;
    const name = m[1]!;
    const append = m[3] === '+';
    if (s[this.pos] === '(') {
      this.pos++;
      const array: Word[] = [];
      for (;;) {
        this.skipSpace(true);
        const c = s[this.pos];
        if (c === undefined) this.fail('expected ")" to close the array');
        if (c === ')') break;
        if (META.has(c)) this.fail(`unexpected ${this.describe()} in array`);
        array.push(this.word());
      }
      this.pos++;
      return { name, append, start, value: null, array, end: this.pos };
    }
    const c = s[this.pos];
    if (c === undefined || META.has(c)) return { name, append, start, value: null, array: null, end: this.pos };
    const value = this.word();
    return { name, append, start, value, array: null, end: value.end };
  }

  atProcSubst(): boolean {
    const s = this.src;
    return (s[this.pos] === '<' || s[this.pos] === '>') && s[this.pos + 1] === '(';
  }

  redirect(): Redirect | null {
    if (this.atProcSubst()) return null;
    const s = this.src;
    REDIRECT.lastIndex = this.pos;
    const m = REDIRECT.exec(s);
    if (!m) return null;
    const start = this.pos;
    const op = m[2]!;
    if (op === '<<' || op === '<<-') this.fail('here-document in a shell-form RUN body');
    const opStart = start + (m[1]?.length ?? 0);
    this.pos += m[0].length;
    this.skipSpace();
    const c = s[this.pos];
    if (c === undefined || (META.has(c) && !this.atProcSubst())) this.fail(`expected a word after "${op}"`);
    const target = this.word();
    return { op, opStart, fd: m[1] ?? null, target, start, end: target.end };
  }

  // ---- words ------------------------------------------------------------------------

  /** An unquoted word at the current position (must not be empty). */
  word(): Word {
    const start = this.pos;
    const parts = this.parts('word');
    if (this.pos === start) this.fail(`expected a word, found ${this.describe()}`);
    let glob = false;
    for (const p of parts) if (p.type === 'Lit' && this.src[p.start] !== '\\' && GLOB.test(p.value)) glob = true;
    return { parts, glob, start, end: this.pos };
  }

  /**
   * Word parts until the end of the word (`word`), a closing `}` (`param`) or a closing
   * `"` (`dq`, not consumed).
   */
  parts(ctx: 'word' | 'param' | 'dq'): Part[] {
    const s = this.src;
    const parts: Part[] = [];
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) {
        if (ctx === 'word') return parts;
        this.fail(ctx === 'dq' ? 'unterminated double quote' : 'unterminated ${');
      }
      if (ctx === 'word') {
        if (this.atProcSubst()) {
          parts.push(this.procSubst());
          continue;
        }
        if (META.has(c)) return parts;
      } else if (ctx === 'param' && c === '}') return parts;
      else if (ctx === 'dq' && c === '"') return parts;
      const start = this.pos;
      if (c === "'" && ctx !== 'dq') {
        const close = s.indexOf("'", start + 1);
        if (close === -1) this.fail('unterminated single quote', start);
        this.pos = close + 1;
        parts.push({ type: 'SglQuoted', value: s.slice(start + 1, close), dollar: false, start, end: this.pos });
      } else if (c === '"' && ctx !== 'dq') {
        parts.push(this.dblQuoted(start, false));
      } else if (c === '\\') {
        const n = s[start + 1];
        if (n === undefined) {
          this.pos++;
          parts.push({ type: 'Lit', value: '\\', start, end: this.pos });
        } else if (ctx === 'dq' && !'$`"\\\n'.includes(n)) {
          this.pos++;
          parts.push({ type: 'Lit', value: '\\', start, end: this.pos });
        } else {
          this.pos += 2;
          parts.push({ type: 'Lit', value: n === '\n' ? '' : n, start, end: this.pos });
        }
      } else if (c === '$') {
        parts.push(this.dollar(ctx === 'dq'));
      } else if (c === '`') {
        parts.push(this.backquote());
      } else {
        let i = start + 1;
        for (; i < s.length; i++) {
          const d = s[i]!;
          if (d === '\\' || d === '$' || d === '`' || d === '"') break;
          if (ctx === 'dq') continue;
          if (d === "'" || (ctx === 'param' && d === '}')) break;
          if (ctx === 'word' && META.has(d)) break;
        }
        this.pos = i;
        parts.push({ type: 'Lit', value: s.slice(start, i), start, end: i });
      }
    }
  }

  dblQuoted(start: number, dollar: boolean): Part {
    this.pos = start + (dollar ? 2 : 1);
    const parts = this.parts('dq');
    this.pos++;
    return { type: 'DblQuoted', parts, dollar, start, end: this.pos };
  }

  procSubst(): Part {
    const start = this.pos;
    const op = this.src.slice(start, start + 2) as '<(' | '>(';
    this.pos += 2;
    const body = this.list();
    this.skipSpace(true);
    this.expectChar(')');
    return { type: 'ProcSubst', op, body, start, end: this.pos };
  }

  /** An expansion at `$`; inside double quotes `$'` and `$"` are a literal `$`. */
  dollar(inDq = false): Part {
    const s = this.src;
    const start = this.pos;
    const n = s[start + 1];
    if (inDq && (n === "'" || n === '"')) {
      this.pos = start + 1;
      return { type: 'Lit', value: '$', start, end: this.pos };
    }
    if (n === "'") {
      let i = start + 2;
      for (; i < s.length && s[i] !== "'"; i++) if (s[i] === '\\') i++;
      if (i >= s.length) this.fail("unterminated $'", start);
      this.pos = i + 1;
      return { type: 'SglQuoted', value: s.slice(start + 2, i), dollar: true, start, end: this.pos };
    }
    if (n === '"') return this.dblQuoted(start, true);
    if (n === '(') {
      if (s[start + 2] === '(') {
        const save = this.pos;
        try {
          this.pos = start + 3;
          const parts = this.arith();
          this.pos += 2;
          return { type: 'ArithExp', parts, start, end: this.pos };
        } catch (e) {
          if (!(e instanceof ShellSyntaxError)) throw e;
          this.pos = save;
        }
      }
      this.pos = start + 2;
      const body = this.list();
      this.skipSpace(true);
      this.expectChar(')');
      return { type: 'CmdSubst', body, backquote: false, start, end: this.pos };
    }
    if (n === '[') {
      this.pos = start + 2;
      const parts = this.arith(']');
      this.pos += 1;
      return { type: 'ArithExp', parts, start, end: this.pos };
    }
    if (n === '{') return this.paramExp(start);
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      NAME.lastIndex = start + 1;
      const name = NAME.exec(s)![0];
      this.pos = start + 1 + name.length;
      return { type: 'ParamExp', name, short: true, parts: [], start, end: this.pos };
    }
    if (n !== undefined && /[0-9@*#?$!-]/.test(n)) {
      this.pos = start + 2;
      return { type: 'ParamExp', name: n, short: true, parts: [], start, end: this.pos };
    }
    this.pos = start + 1;
    return { type: 'Lit', value: '$', start, end: this.pos };
  }

  paramExp(start: number): Part {
    const s = this.src;
    this.pos = start + 2;
    // ${#X} (length), ${!X} (indirection), but ${#} and ${!} are parameters
    if ((s[this.pos] === '#' || s[this.pos] === '!') && s[this.pos + 1] !== '}') this.pos++;
    let name: string | undefined;
    NAME.lastIndex = this.pos;
    const m = NAME.exec(s);
    if (m) name = m[0];
    else if (/[0-9]/.test(s[this.pos] ?? '')) name = /[0-9]+/y.exec(s.slice(this.pos))![0];
    else if (/[@*#?$!-]/.test(s[this.pos] ?? '')) name = s[this.pos]!;
    if (!name) this.fail('bad substitution', start);
    this.pos += name.length;
    if (s[this.pos] === '[') {
      const close = s.indexOf(']', this.pos);
      if (close === -1) this.fail('bad substitution', start);
      this.pos = close + 1;
    }
    const parts = this.parts('param');
    this.expectChar('}');
    return { type: 'ParamExp', name, short: false, parts, start, end: this.pos };
  }

  /**
   * Arithmetic text up to (not including) the closing `))` (or `close`). Variables
   * (bare names and expansions) become ParamExp parts; the rest is not kept.
   */
  arith(close = '))'): Part[] {
    const s = this.src;
    const parts: Part[] = [];
    let depth = 0;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) this.fail('unterminated arithmetic expression');
      if (depth === 0 && s.startsWith(close, this.pos)) return parts;
      if (c === '(') {
        depth++;
        this.pos++;
      } else if (c === ')') {
        if (depth === 0) this.fail('unbalanced ")" in arithmetic');
        depth--;
        this.pos++;
      } else if (c === '$') parts.push(this.dollar());
      else if (c === '`') parts.push(this.backquote());
      else if (c === '"') parts.push(this.dblQuoted(this.pos, false));
      else if (c === "'") this.fail('quote in arithmetic expression');
      else if (/[A-Za-z_]/.test(c)) {
        NAME.lastIndex = this.pos;
        const name = NAME.exec(s)![0];
        const start = this.pos;
        this.pos += name.length;
        parts.push({ type: 'ParamExp', name, short: true, parts: [], start, end: this.pos });
      } else if (/[0-9]/.test(c)) {
        // a number, possibly in base#digits form (16#ff): not a variable
        const m = /[0-9]+(?:#[0-9A-Za-z@_]+)?/y;
        m.lastIndex = this.pos;
        this.pos += m.exec(s)![0].length;
      } else this.pos++;
    }
  }

  backquote(): Part {
    const s = this.src;
    const start = this.pos;
    // The inner text: `\$`, `` \` `` and `\\` lose their backslash; keep a map of offsets.
    let inner = '';
    const map: number[] = [];
    let i = start + 1;
    for (; i < s.length && s[i] !== '`'; i++) {
      if (s[i] === '\\' && i + 1 < s.length && '$`\\'.includes(s[i + 1]!)) i++;
      map.push(i);
      inner += s[i];
    }
    if (i >= s.length) this.fail('unterminated backquote', start);
    map.push(i);
    let body: List;
    try {
      body = new Parser(inner).script();
    } catch (e) {
      if (e instanceof ShellSyntaxError) throw new ShellSyntaxError(e.message, map[e.offset] ?? start);
      throw e;
    }
    remap(body, (o) => map[o]!);
    this.pos = i + 1;
    return { type: 'CmdSubst', body, backquote: true, start, end: this.pos };
  }
}

const POS_KEYS = new Set(['start', 'end', 'opStart']);

/** Applies `f` to every offset in a subtree (in place). */
export function remap(node: unknown, f: (offset: number) => number): void {
  if (Array.isArray(node)) {
    for (const x of node) remap(x, f);
  } else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === 'number' && POS_KEYS.has(k)) o[k] = f(v);
      else if (v !== null && typeof v === 'object') remap(v, f);
    }
  }
}
