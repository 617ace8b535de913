/**
 * TEMPORARY development stand-in until `src/shell` (branch `shell`) lands: accepts only a
 * flat `a && b && c` list of plain words and refuses everything else. Replaced by an adapter
 * over `parseShell` before this transform is registered.
 */
import type { Instruction } from '../src/model/dockerfile.js';
import type { CommandView } from '../src/ecosystems/types.js';
import { splitWords, unquote } from '../src/model/state.js';

export interface RunCommand {
  view: CommandView;
  /** Source text of the command, for messages. */
  text: string;
  /** Part of the top-level `&&` list (not conditional, piped, backgrounded, looped or in a subshell). */
  plain: boolean;
  redirects: { op: string; target: string | null }[];
}

export type RunCommands = { ok: true; commands: RunCommand[]; opaque: boolean } | { ok: false; why: string };

export function runCommands(run: Instruction, escape: string): RunCommands {
  const body = run.body.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n').replace(new RegExp(`\\${escape}[ \\t]*\\n`, 'g'), ' ');
  if (/[;|&<>`$()'"{}]/.test(body.replace(/&&/g, ''))) return { ok: false, why: 'stand-in parser' };
  const commands: RunCommand[] = [];
  for (const part of body.split('&&')) {
    const words = splitWords(part.trim()).map(unquote);
    const assignments: { name: string; value: string | null }[] = [];
    while (words.length && /^[A-Za-z_]\w*=/.test(words[0])) {
      const w = words.shift()!;
      assignments.push({ name: w.slice(0, w.indexOf('=')), value: w.slice(w.indexOf('=') + 1) });
    }
    if (!words.length) continue;
    commands.push({ view: { name: words[0], args: words.slice(1), assignments }, text: part.trim(), plain: true, redirects: [] });
  }
  return { ok: true, commands, opaque: false };
}
