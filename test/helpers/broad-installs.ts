/**
 * Broad copies followed by a dependency install: the copies `split-manifest-copy` is
 * responsible for. A broad copy is a COPY/ADD from the build context (no `--from`) with a
 * source that is the context root (`.`, `./`, `*`, `./*`); a dependency install is a command
 * of a RUN after it in the same stage that a project ecosystem of `src/ecosystems/` (not a
 * system package manager) calls an install. Used by the corpus check (category `silentCopy`:
 * such a copy stays with no advice) and by `scripts/reach.ts`.
 */
import type { AdviceItem } from '../../src/core/runner.js';
import { ecosystemOf } from '../../src/ecosystems/index.js';
import type { DockerfileModel, Instruction } from '../../src/model/dockerfile.js';
import { unquote } from '../../src/model/state.js';
import { parseShell } from '../../src/shell/index.js';

const SYSTEM = new Set(['apt', 'apk', 'dnf', 'yum', 'zypper']);
const ROOT = new Set(['.', './', '*', './*']);

export interface BroadInstall {
  copy: Instruction;
  run: Instruction;
  /** Ecosystem id of the install. */
  ecosystem: string;
  command: string;
  /** A RUN above the copy in the stage already runs an install of the same ecosystem (the manifest-first layout is there). */
  alreadySplit: boolean;
}

function sources(i: Instruction): string[] {
  const t = i.body.trim();
  if (t.startsWith('[')) {
    try {
      return (JSON.parse(t.replace(/\\\r?\n/g, '')) as unknown[]).map(String).slice(0, -1);
    } catch {
      return [];
    }
  }
  return t.split(/\s+/).map(unquote).slice(0, -1);
}

export function isBroadCopy(i: Instruction): boolean {
  return (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.heredoc && !i.flags.some((f) => f.name === 'from') && sources(i).some((s) => ROOT.has(s));
}

/** The first dependency install of a RUN, or null. */
export function installIn(run: Instruction, escape: string): { ecosystem: string; command: string } | null {
  if (run.keyword !== 'RUN' || run.json) return null;
  const r = parseShell(run.body, escape);
  if (!r.ok) return null;
  for (const c of r.script.commands) {
    const name = c.name?.value;
    if (!name) continue;
    const view = { name, args: c.args.map((a) => a.value), assignments: c.assignments.map((a) => ({ name: a.name, value: a.value === null ? '' : a.value.value })) };
    const eco = ecosystemOf(view as never);
    if (eco && !SYSTEM.has(eco.id) && eco.isInstall(view as never)) return { ecosystem: eco.id, command: c.text.replace(/\s+/g, ' ').trim() };
  }
  return null;
}

/** Every broad copy of the model that a dependency install follows in its stage. */
export function broadInstalls(model: DockerfileModel): BroadInstall[] {
  const out: BroadInstall[] = [];
  for (const st of model.stages) {
    const list = st.instructions;
    for (let k = 0; k < list.length; k++) {
      if (!isBroadCopy(list[k])) continue;
      for (const run of list.slice(k + 1)) {
        const inst = installIn(run, model.escape);
        if (inst) {
          const alreadySplit = list.slice(0, k).some((i) => installIn(i, model.escape)?.ecosystem === inst.ecosystem);
          out.push({ copy: list[k], run, ...inst, alreadySplit });
          break;
        }
      }
    }
  }
  return out;
}

/** The advice lines about a broad copy: split-manifest-copy's, at the copy's line or its install's. */
export function adviceFor(b: BroadInstall, advice: readonly AdviceItem[]): AdviceItem[] {
  const lines = new Set([b.copy.startLine + 1, b.run.startLine + 1]);
  return advice.filter((a) => a.transform === 'split-manifest-copy' && lines.has(a.line));
}
