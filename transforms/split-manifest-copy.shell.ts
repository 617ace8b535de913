/**
 * The commands of a shell-form RUN, as split-manifest-copy needs them: each simple command
 * as a {@link CommandView} for the ecosystem modules, with its redirects and whether it runs
 * unconditionally in the body's top-level list. A thin view over `parseShell` (src/shell).
 */
import type { Instruction } from '../src/model/dockerfile.js';
import type { CommandView } from '../src/ecosystems/types.js';
import { parseShell } from '../src/shell/index.js';

export interface RunCommand {
  view: CommandView;
  /** Source text of the command on one line, for messages. */
  text: string;
  /** Runs unconditionally in the top-level list: not after `||`, piped, backgrounded, negated, looped or nested. */
  plain: boolean;
  redirects: { op: string; target: string | null }[];
  /** A `.`/`source`, `eval`, function call or dynamic command name: the analysis cannot see what runs. */
  opaque: boolean;
}

export type RunCommands = { ok: true; commands: RunCommand[] } | { ok: false; why: string };

export function runCommands(run: Instruction, escape: string): RunCommands {
  const r = parseShell(run.body, escape);
  if (!r.ok) return { ok: false, why: r.error.message };
  const opaqueAt = r.script.opaqueConstructs;
  const commands = r.script.commands.map((c): RunCommand => {
    const oneLine = c.text
      .split('\n')
      .map((l) => l.trim())
      .join(' ')
      .replace(new RegExp(`\\s*\\${escape}\\s+`, 'g'), ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      view: {
        name: c.name?.value ?? '$dynamic',
        args: c.args.map((a) => a.value),
        assignments: c.assignments.map((a) => ({ name: a.name, value: a.value === null ? '' : a.value.value })),
      },
      text: oneLine,
      plain: c.topLevel && !c.inSubshell && !c.inPipeline && !c.conditional && !c.negated && !c.background && c.nested === null,
      redirects: c.redirects.map((d) => ({ op: d.op, target: d.target?.value ?? null })),
      opaque: c.name === null ? false : c.name.value === null || opaqueAt.some((o) => o.start >= c.start && o.end <= c.end && o.reason !== 'complex-shell-c'),
    };
  });
  return { ok: true, commands };
}
