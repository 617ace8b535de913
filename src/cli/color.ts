/**
 * When to colour. Rules, in order: `--color always|never` wins; else `FORCE_COLOR` turns
 * colour on (`0` or `false` turn it off), as in Node and chalk; else `NO_COLOR` (any
 * non-empty value) turns it off; else colour only when the stream is a terminal and
 * `TERM` is not `dumb`. A report written to a file (`-o`) is coloured only with
 * `--color always`.
 */
export type ColorChoice = 'auto' | 'always' | 'never';

export interface MaybeTTY {
  isTTY?: boolean;
}

/** `stream` null: the output goes to a file. */
export function useColor(choice: ColorChoice, stream: MaybeTTY | null, env: Record<string, string | undefined>): boolean {
  if (choice === 'always') return true;
  if (choice === 'never') return false;
  if (!stream) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR) return false;
  return !!stream.isTTY && env.TERM !== 'dumb';
}
