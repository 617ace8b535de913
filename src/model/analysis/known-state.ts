/**
 * What the analysis knows for sure at an instruction ({@link KnownState}): constant
 * variables, WORKDIR, SHELL, PATH folders, links, the user and home folder, where apt's
 * packages come from; and how each instruction changes that.
 */
import type { Instruction } from '../dockerfile.js';
import { imageFacts, unknownDefaultUser } from '../../ecosystems/images.js';
import { parseArgDecls, unquote } from '../state.js';
import { expandVariables, parseEnvPairs, referencedVariables } from '../vars.js';
import { normalizePath } from './paths.js';

/** Default PATH of BuildKit when the image sets none. */
export const DEFAULT_PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

// ───────────────────────────── constant state ─────────────────────────────

/**
 * What the analysis knows for sure at an instruction: variables whose value is a constant
 * of the Dockerfile (ENV of literals; an ARG can always be overridden, so it is unknown),
 * the WORKDIR when it is constant, and whether the image's own environment is unknown.
 */
/**
 * Where apt's packages come from: Debian's archive (the table applies), Ubuntu's (the base
 * image is Ubuntu: not in the table), or unknown sources (an apt source, dpkg or linker
 * configuration was changed, or a local package installed, earlier in the stage chain).
 */
export type Archive = 'debian' | 'ubuntu' | 'other';

export interface KnownState {
  archive: Archive;
  /** Why the archive is `other`: `line 2 writes /etc/apt/sources.list.d/x.list`. */
  archiveWhy: string;
  /** name → constant value, or null when the variable exists but its value is unknown. */
  vars: Map<string, string | null>;
  workdir: string | null;
  shell: string[] | null;
  /** Directories on PATH, or null when PATH has an unknown part. */
  pathDirs: string[] | null;
  /** Links earlier RUNs of the stage chain created (`ln -s T L`): link path → target (null = unknown). */
  links: Map<string, string | null>;
  /** The image the stage chain starts from (`node:22`), for {@link IMAGE_TOOLS} and its users. */
  image: string;
  /** The USER in effect: undefined = the image's default, null = not known (a variable). */
  user: string | null | undefined;
}

export function expandKnown(text: string, st: KnownState): string | null {
  for (const name of referencedVariables(text)) {
    if (st.vars.get(name) === undefined || st.vars.get(name) === null) return null;
  }
  return expandVariables(text, st.vars);
}

export function cloneKnown(s: KnownState): KnownState {
  return { archive: s.archive, archiveWhy: s.archiveWhy, vars: new Map(s.vars), workdir: s.workdir, shell: s.shell ? [...s.shell] : null, pathDirs: s.pathDirs ? [...s.pathDirs] : null, links: new Map(s.links), image: s.image, user: s.user };
}

export function applyKnown(st: KnownState, i: Instruction, windows: boolean): void {
  switch (i.keyword) {
    case 'ENV':
      for (const { name, value } of parseEnvPairs(i.body)) {
        if (name === 'PATH') st.pathDirs = pathDirsOf(value, st);
        st.vars.set(name, expandKnown(value, st));
      }
      break;
    case 'ARG':
      for (const { name } of parseArgDecls(i)) st.vars.set(name, null);
      break;
    case 'WORKDIR': {
      const p = expandKnown(i.body.trim(), st);
      st.workdir = p === null ? null : normalizePath(unquote(p), st.workdir, windows);
      break;
    }
    case 'SHELL':
      st.shell = i.json;
      break;
    case 'USER': {
      const u = expandKnown(i.body.trim(), st);
      st.user = u === null ? null : unquote(u);
      break;
    }
  }
}

/**
 * The home folder of the user a RUN runs as ($HOME: BuildKit's runner sets it from the
 * user's passwd entry unless ENV sets it), or null when it is not known: an `ENV HOME` from a
 * variable, a user the Dockerfile creates (useradd may give any home), an image whose users
 * dockerfix does not know (src/ecosystems/images.ts).
 */
export function homeOf(st: KnownState): string | null {
  if (st.vars.has('HOME')) {
    const v = st.vars.get('HOME');
    return v === null || v === undefined || !v.startsWith('/') ? null : normalizePath(v, null, false);
  }
  const facts = imageFacts(st.image);
  if (st.user === undefined) {
    if (st.image.includes('$')) return null; // an image named by a variable may have any default user
    if (facts.defaultUser) return facts.users[facts.defaultUser]?.home ?? null;
    return unknownDefaultUser(st.image) ? null : '/root';
  }
  if (st.user === null) return null;
  const name = st.user.split(':')[0];
  if (name === 'root' || name === '0') return '/root';
  for (const [n, u] of Object.entries(facts.users)) if (n === name || String(u.uid) === name) return u.home;
  return null;
}

function pathDirsOf(value: string, st: KnownState): string[] | null {
  const out: string[] = [];
  for (const part of value.split(':')) {
    if (part === '$PATH' || part === '${PATH}') {
      if (st.pathDirs === null) return null;
      out.push(...st.pathDirs);
      continue;
    }
    const v = expandKnown(part, st);
    if (v === null || !v.startsWith('/')) return null;
    out.push(normalizePath(v, null, false)!);
  }
  return out;
}
