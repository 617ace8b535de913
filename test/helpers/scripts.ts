/**
 * Test data standing in for the shell parser: the commands of each RUN body, written out
 * by hand and keyed by the body text. Not a parser: a body missing from the table is
 * opaque, exactly as an unparsed body is.
 */
import { analyze, type Analysis } from '../../src/model/analysis.js';
import { applyFixes, conflicts, hull, type Advice, type Fix } from '../../src/core/fix.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import type { RunCommand, RunScript } from '../../src/model/run-script.js';

export type Scripts = Record<string, Cmd[] | 'opaque'>;

export type Cmd = string[] | { argv: (string | null)[]; redirects?: (string | null)[]; inSubshell?: boolean; conditional?: boolean };

/** Commands of each RUN body, keyed by the body text: what the shell parser would report. */
export function withScripts(text: string, scripts: Record<string, Cmd[] | 'opaque'>): Analysis {
  return analyze(parseDockerfile(text), {
    runScript: (instr) => {
      if (instr.json) {
        const [name, ...args] = instr.json;
        return { commands: [cmd({ argv: [name, ...args] })], variables: [], opaque: false };
      }
      const s = scripts[instr.body.trim()];
      if (s === undefined || s === 'opaque') return null;
      const vars = [...instr.body.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]);
      return { commands: s.map((c) => cmd(Array.isArray(c) ? { argv: c } : c)), variables: vars, opaque: false } satisfies RunScript;
    },
  });
}

export function cmd(c: Exclude<Cmd, string[]>): RunCommand {
  const [name, ...args] = c.argv;
  return { name, args, assigns: [], inSubshell: !!c.inSubshell, inPipeline: false, conditional: !!c.conditional, redirects: c.redirects ?? [] };
}


/** Runs a proposer to a fixpoint like the engine does (non-overlapping fixes per pass). */
export function settle(text: string, scripts: Scripts, propose: (a: Analysis) => { fixes: Fix[]; advice?: Advice[] }): { text: string; messages: string[]; advice: string[] } {
  const messages: string[] = [];
  let advice: string[] = [];
  for (let pass = 0; pass < 25; pass++) {
    const out = propose(withScripts(text, scripts));
    advice = (out.advice ?? []).map((a) => a.message);
    if (out.fixes.length === 0) return { text, messages, advice };
    const accepted: Fix[] = [];
    for (const f of out.fixes) if (!accepted.some((x) => conflicts(hull(x), hull(f)))) accepted.push(f);
    text = applyFixes(text, accepted);
    messages.push(...accepted.map((f) => f.message));
  }
  throw new Error('did not settle');
}
