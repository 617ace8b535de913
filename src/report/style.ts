/** The few ANSI styles reporters use; `PLAIN` when colour is off. */
export interface Styles {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export const ANSI: Styles = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  underline: wrap(4, 24),
};

const id = (s: string) => s;
export const PLAIN: Styles = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id, underline: id };

export function styles(color: boolean): Styles {
  return color ? ANSI : PLAIN;
}
