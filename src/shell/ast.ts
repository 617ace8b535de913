/**
 * Syntax tree of the shell parser (internal). Offsets are into the text given to the
 * parser (the logical command line), [start, end).
 *
 * @module
 */

export interface Span {
  start: number;
  end: number;
}

export type Part =
  | (Span & { type: 'Lit'; value: string }) // unquoted literal, escapes removed
  | (Span & { type: 'SglQuoted'; value: string; dollar: boolean }) // '...' or $'...'
  | (Span & { type: 'DblQuoted'; parts: Part[]; dollar: boolean }) // "..." or $"..."
  | (Span & { type: 'ParamExp'; name: string; short: boolean; parts: Part[] }) // $X / ${X...}
  | (Span & { type: 'CmdSubst'; body: List; backquote: boolean })
  | (Span & { type: 'ArithExp'; parts: Part[] })
  | (Span & { type: 'ProcSubst'; op: '<(' | '>('; body: List });

export interface Word extends Span {
  parts: Part[];
  /** unquoted glob or brace characters (`*`, `?`, `[`, `{a,b}`) in a literal part */
  glob: boolean;
}

export interface Op extends Span {
  op: string;
}

export interface Assign extends Span {
  name: string;
  append: boolean;
  /** the value (null for `X=`); for arrays (`X=(a b)`) the elements */
  value: Word | null;
  array: Word[] | null;
}

export interface Redirect extends Span {
  op: string;
  opStart: number;
  fd: string | null;
  target: Word | null;
}

export interface SimpleCmd extends Span {
  type: 'Simple';
  assigns: Assign[];
  words: Word[];
  redirs: Redirect[];
}

export type Command =
  | SimpleCmd
  | (Span & { type: 'Subshell'; body: List; redirs: Redirect[] })
  | (Span & { type: 'Group'; body: List; redirs: Redirect[] })
  | (Span & {
      type: 'If';
      clauses: { cond: List; body: List }[];
      elseBody: List | null;
      redirs: Redirect[];
    })
  | (Span & { type: 'While'; until: boolean; cond: List; body: List; redirs: Redirect[] })
  | (Span & { type: 'For'; name: string; items: Word[] | null; body: List; redirs: Redirect[] })
  | (Span & { type: 'ArithFor'; parts: Part[]; body: List; redirs: Redirect[] })
  | (Span & { type: 'Case'; word: Word; items: { patterns: Word[]; body: List }[]; redirs: Redirect[] })
  | (Span & { type: 'Function'; name: string; body: Command })
  | (Span & { type: 'Arith'; parts: Part[]; redirs: Redirect[] })
  | (Span & { type: 'Test'; words: Word[]; redirs: Redirect[] });

export interface Pipeline extends Span {
  negated: boolean;
  cmds: Command[];
  /** `|` or `|&` between cmds[i] and cmds[i + 1] */
  ops: Op[];
}

export interface AndOr extends Span {
  pipelines: Pipeline[];
  /** `&&` or `||` between pipelines[i] and pipelines[i + 1] */
  ops: Op[];
}

export interface List extends Span {
  items: AndOr[];
  /** separator after items[i] (`;`, `&`, newline), or null */
  seps: (Op | null)[];
}

export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}
