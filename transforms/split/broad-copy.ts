/**
 * The broad copy (`COPY . .`): recognising it and the flags it may carry, whether an
 * instruction between it and the install can move above it (`crossable`: ENV, WORKDIR, COPY,
 * VOLUME…), whether its destination folder existed before it, no WORKDIR included
 * (`destinationExists`, `NEW_DEST_UNVERIFIED`; docs/split-manifest-copy.md "The destination
 * folder"), and whether a RUN above it already uses an ecosystem (`usesEcosystemBefore`).
 */
import type { TransformContext } from '../../src/core/transform.js';
import type { DockerfileModel, Instruction, Stage } from '../../src/model/dockerfile.js';
import { joinPath, splitWords, unquote, type StateView, parseArgDecls } from '../../src/model/state.js';
import { expandVariables, parseEnvPairs, referencedVariables } from '../../src/model/vars.js';
import { ecosystemOf } from '../../src/ecosystems/index.js';
import { UNKNOWN_WD } from './shared.js';
import { runCommands } from './run-analysis.js';
import { relUnder } from './paths.js';

/** Flags a broad copy may carry; the manifest copy repeats them. */
export const KEPT_FLAGS = new Set(['chown', 'chmod', 'link']);

/**
 * Flags with which the folder a COPY creates was not shown to be the same whether a manifest
 * copy or the broad copy creates it (docs/split-manifest-copy.md "The destination folder").
 */
export const NEW_DEST_UNVERIFIED: { flag: string; why: string }[] = [
  { flag: 'chmod', why: 'the folders a `COPY --chmod` creates get the --chmod mode on some builders and 0755 on others (moby/buildkit#6801), so the manifest copy may create it with another mode than the broad copy' },
  { flag: 'link', why: 'a `COPY --link` builds its own layer, whose folder metadata was not measured for a destination the manifest copy creates first' },
];

export interface BroadCopy {
  instr: Instruction;
  /** Destination as written (`.`, `./`, `/app`). */
  dest: string;
  /** Absolute destination folder (under {@link UNKNOWN_WD} when relative to an unknown WORKDIR). */
  abs: string;
  /** Flag texts to repeat on the manifest copy. */
  flagText: string[];
  /** Variables the COPY line expands. */
  vars: readonly string[];
  /** The destination word as written in the instruction (quotes included). */
  destWord: string;
  /** The destination as an absolute spelling, when it is known (for a move past a WORKDIR). */
  absSpelled: string | null;
}

// ---------------------------------------------------------------------------------------------
// Recognising the broad copy

export function broadCopy(instr: Instruction, st: StateView, model: DockerfileModel): BroadCopy | null {
  if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') return null;
  if (instr.heredoc || instr.flags.some((f) => !KEPT_FLAGS.has(f.name))) return null;
  const body = instr.body.trim();
  if (body.startsWith('[')) return null; // JSON form: rare, left alone
  const words = splitWords(body);
  if (words.length !== 2) return null;
  const src = unquote(words[0]);
  if (src !== '.' && src !== './') return null;
  const rawDest = unquote(words[1]);
  const vars = referencedVariables(instr.rawArgs);
  const destExpanded = expandVariables(rawDest, st.env);
  if (!destExpanded || /^[A-Za-z]:[\\/]/.test(destExpanded) || destExpanded.includes('\\')) return null;
  const abs = destExpanded.startsWith('/') ? joinPath('/', destExpanded) : joinPath(st.workdir ?? UNKNOWN_WD, destExpanded);
  const absSpelled = abs.startsWith(UNKNOWN_WD) ? null : abs === '/' ? '/' : `${abs}/`;
  return { instr, dest: rawDest, abs, flagText: instr.flags.map((f) => model.text.slice(f.start, f.end)), vars, destWord: words[1], absSpelled: destExpanded.startsWith('/') ? rawDest : absSpelled };
}

/** Can instruction `i` (between the broad copy and the install) run before the broad copy? */
export function crossable(i: Instruction, st: StateView, broad: BroadCopy): true | string {
  const line = i.startLine + 1;
  switch (i.keyword) {
    case 'LABEL':
    case 'EXPOSE':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'HEALTHCHECK':
    case 'STOPSIGNAL':
    case 'MAINTAINER':
    case 'ONBUILD':
    case 'USER':
    case 'SHELL':
    case 'VOLUME':
      if (i.keyword === 'VOLUME' && volumeOverlaps(i, st, broad)) return `the VOLUME at line ${line} covers the copied folder`;
      return true;
    case 'ENV':
    case 'ARG': {
      const names = i.keyword === 'ENV' ? parseEnvPairs(i.body).map((p) => p.name) : parseArgDecls(i).map((a) => a.name);
      const hit = names.filter((n) => broad.vars.includes(n));
      return hit.length ? `${i.keyword} at line ${line} changes ${hit.map((h) => `$${h}`).join(', ')}, which the COPY uses` : true;
    }
    case 'WORKDIR': {
      // Creating a folder inside the destination first is fine: a COPY gives every folder it
      // copies its source's owner and mode, existing or not (fsutil copy: nested folders get
      // their metadata overwritten). A relative destination is re-spelled absolute (buildFix).
      if (broad.dest !== broad.absSpelled && (broad.vars.length || broad.absSpelled === null)) {
        return `the WORKDIR at line ${line} would change where the COPY destination \`${broad.dest}\` points`;
      }
      if (resolveWorkdir(i, st) === null) return `the WORKDIR at line ${line} is dynamic`;
      return true;
    }
    case 'COPY':
    case 'ADD': {
      const dest = copyDest(i, st);
      if (dest !== null && relUnder(broad.abs, dest) === null && relUnder(dest, broad.abs) === null) return true;
      return `the ${i.keyword} at line ${line} writes into the copied folder (the order of the two copies matters)`;
    }
    default:
      return `the ${i.keyword} at line ${line} cannot be moved across`;
  }
}

export function resolveWorkdir(i: Instruction, st: StateView): string | null {
  const p = expandVariables(i.body.trim(), st.env);
  if (!p) return null;
  return p.startsWith('/') ? joinPath('/', p) : joinPath(st.workdir ?? UNKNOWN_WD, p);
}

export function copyDest(i: Instruction, st: StateView): string | null {
  if (i.heredoc || i.body.trim().startsWith('[')) return null;
  const words = splitWords(i.body.trim());
  if (words.length < 2) return null;
  const d = expandVariables(unquote(words[words.length - 1]), st.env);
  if (!d) return null;
  return d.startsWith('/') ? joinPath('/', d) : joinPath(st.workdir ?? UNKNOWN_WD, d);
}

export function volumeOverlaps(i: Instruction, st: StateView, broad: BroadCopy): boolean {
  let paths: string[];
  try {
    const t = i.body.trim();
    paths = t.startsWith('[') ? (JSON.parse(t) as string[]) : splitWords(t).map(unquote);
  } catch {
    return true;
  }
  return paths.some((p) => {
    const abs = p.startsWith('/') ? joinPath('/', p) : joinPath(st.workdir ?? UNKNOWN_WD, p);
    return relUnder(broad.abs, abs) !== null || relUnder(abs, broad.abs) !== null;
  });
}

/** The destination existed before the broad copy: it is the WORKDIR (made by WORKDIR or the image), or `/`. */
export function destinationExists(broad: BroadCopy, st: StateView, stage: Stage, model: DockerfileModel, states: ReadonlyMap<number, StateView>): boolean {
  if (broad.abs === '/') return true;
  if (st.workdir === null) return broad.abs === UNKNOWN_WD;
  // Any WORKDIR at or below the destination, earlier in this stage or its parents, created it.
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.baseStage !== null ? model.stages[s.baseStage] : undefined) chain.push(s);
  for (const s of chain) {
    for (const i of s.instructions) {
      if (s === stage && i.index >= broad.instr.index) break;
      if (i.keyword !== 'WORKDIR') continue;
      const wd = resolveWorkdir(i, states.get(i.index)!);
      if (wd !== null && relUnder(broad.abs, wd) !== null) return true;
    }
  }
  return false;
}

/** Does a RUN before the broad copy, in this stage, run a command of ecosystem `id`? */
export function usesEcosystemBefore(ctx: TransformContext, stage: Stage, broad: BroadCopy, id: string): boolean {
  for (const i of stage.instructions) {
    if (i.index >= broad.instr.index) break;
    if (i.keyword !== 'RUN' || i.json) continue;
    const parsed = runCommands(i, ctx.model.escape);
    if (parsed.ok && parsed.commands.some((c) => ecosystemOf(c.view)?.id === id)) return true;
  }
  return false;
}
