/**
 * One instruction's effects ({@link computeEffects}): what each Dockerfile instruction
 * (FROM, ARG, ENV, COPY/ADD, RUN, the image-config ones, ONBUILD…) reads and writes.
 */
import type { BuildContextInfo } from '../../core/transform.js';
import type { DockerfileModel, Instruction } from '../dockerfile.js';
import { parseArgDecls, splitWords, unquote } from '../state.js';
import { parseEnvPairs, referencedVariables } from '../vars.js';
import type { AnalyzeOptions } from '../analysis.js';
import { type Effects, Volatility } from './types.js';
import { type KnownState, expandKnown } from './known-state.js';
import { MANIFEST_RE } from './tools.js';
import { addPath, addPaths, allPaths, noPaths, noVars, normalizePath } from './paths.js';
import { runEffect } from './run.js';

// ───────────────────────────── per instruction ─────────────────────────────

function emptyEffects(i: Instruction): Effects {
  return {
    instruction: i,
    step: false,
    reads: { vars: noVars(), named: new Set(), workdir: false, user: false, shell: false, paths: noPaths(), stages: [], config: new Set() },
    writes: { vars: new Set(), workdir: false, user: false, shell: false, paths: noPaths(), config: new Set() },
    opaque: false,
    envOrderSensitive: false,
    volatility: Volatility.Constant,
    role: `\`${i.keyword}\``,
    links: [],
  };
}

/** Last word of a COPY/ADD: its destination (JSON form too). Null when it cannot be read. */
export function copyParts(i: Instruction): { sources: string[]; dest: string } | null {
  let words: string[];
  const body = i.heredoc ? i.body.slice(0, i.body.indexOf('\n') === -1 ? undefined : i.body.indexOf('\n')) : i.body;
  const t = body.trim();
  if (t.startsWith('[')) {
    try {
      const v = JSON.parse(t.replace(/\\\r?\n/g, ''));
      if (!Array.isArray(v) || v.length < 2) return null;
      words = v.map(String);
    } catch {
      return null;
    }
  } else words = splitWords(body).map(unquote);
  if (i.heredoc) words = words.filter((w) => !/^<<-?/.test(w));
  if (words.length < (i.heredoc ? 1 : 2)) return null;
  return { sources: words.slice(0, -1), dest: words[words.length - 1] };
}

function stageRef(model: DockerfileModel, ref: string, before: number): number | null {
  const r = ref.toLowerCase();
  if (/^\d+$/.test(r)) return Number(r) < before ? Number(r) : null;
  const s = model.stages.findIndex((x, k) => k < before && x.name === r);
  return s === -1 ? null : s;
}

/** Variables named anywhere in an instruction's text: flags, body (ONBUILD bodies included). */
/** Variables the instruction's text names: expanded by the frontend, or (RUN, CMD…) read by the shell or program. */
function namedVariables(i: Instruction): Set<string> {
  return new Set(referencedVariables(i.rawArgs));
}

export function computeEffects(
  model: DockerfileModel,
  i: Instruction,
  st: KnownState,
  windows: boolean,
  readRun: NonNullable<AnalyzeOptions['runScript']>,
  stageVolatility: Volatility[],
  buildContext?: BuildContextInfo,
): Effects {
  const e = emptyEffects(i);
  e.reads.named = namedVariables(i);
  for (const n of e.reads.named) e.reads.vars.names.add(n);
  const stageIdx = i.stage;
  switch (i.keyword) {
    case 'FROM':
      e.step = true;
      e.reads.paths = allPaths();
      e.writes.paths = allPaths();
      e.reads.vars.all = true;
      return e;
    case 'ARG':
      for (const { name } of parseArgDecls(i)) e.writes.vars.add(name);
      return e;
    case 'ENV':
      for (const { name } of parseEnvPairs(i.body)) e.writes.vars.add(name);
      e.writes.config.add('Env');
      return e;
    case 'WORKDIR': {
      const raw = expandKnown(i.body.trim(), st);
      const p = raw === null ? null : normalizePath(unquote(raw), st.workdir, windows);
      e.step = p !== '/';
      if (raw === null || !unquote(raw).startsWith('/')) e.reads.workdir = true;
      e.reads.user = true; // mkdir owner
      e.writes.workdir = true;
      e.writes.config.add('WorkingDir');
      addPath(e.writes.paths, p);
      e.role = `\`WORKDIR\``;
      return e;
    }
    case 'USER':
      e.writes.user = true;
      e.writes.config.add('User');
      return e;
    case 'SHELL':
      e.writes.shell = true;
      e.writes.config.add('Shell');
      return e;
    case 'LABEL': {
      for (const w of splitWords(i.body)) {
        const k = unquote(w.split('=', 1)[0]);
        e.writes.config.add(referencedVariables(k).length ? 'Labels:*' : `Labels:${k}`);
      }
      if (!i.body.includes('=')) e.writes.config.add('Labels:*');
      return e;
    }
    case 'MAINTAINER':
      e.writes.config.add('Author');
      return e;
    case 'EXPOSE':
      for (const w of splitWords(i.body)) e.writes.config.add(referencedVariables(w).length ? 'ExposedPorts:*' : `ExposedPorts:${w.includes('/') ? w : w + '/tcp'}`);
      return e;
    case 'STOPSIGNAL':
      e.writes.config.add('StopSignal');
      return e;
    case 'HEALTHCHECK':
      e.writes.config.add('Healthcheck');
      e.reads.shell = !/^\s*(NONE|CMD\s*\[)/i.test(i.body);
      return e;
    case 'CMD':
      e.writes.config.add('Cmd');
      e.reads.shell = i.json === null;
      return e;
    case 'ENTRYPOINT':
      e.writes.config.add('Entrypoint');
      e.reads.config.add('Cmd'); // ENTRYPOINT resets an inherited CMD unless the stage sets one
      e.reads.shell = i.json === null;
      return e;
    case 'ONBUILD':
      e.writes.config.add('OnBuild');
      return e;
    case 'VOLUME': {
      // The classic builder discards RUN writes under a volume: treat the volume as a path claim.
      let words: string[];
      const t = i.body.trim();
      try {
        words = t.startsWith('[') ? (JSON.parse(t) as string[]) : splitWords(i.body).map(unquote);
      } catch {
        words = [];
      }
      if (words.length === 0) addPath(e.writes.paths, null);
      for (const w of words) {
        const v = expandKnown(w, st);
        addPath(e.writes.paths, v === null ? null : normalizePath(v, st.workdir, windows));
        e.writes.config.add(v === null ? 'Volumes:*' : `Volumes:${v}`);
      }
      return e;
    }
    case 'COPY':
    case 'ADD': {
      e.step = true;
      const parts = copyParts(i);
      const from = i.flags.find((f) => f.name === 'from');
      const chown = i.flags.find((f) => f.name === 'chown');
      if (chown && chown.value !== null && !/^\d+(:\d+)?$/.test(unquote(chown.value))) {
        addPath(e.reads.paths, '/etc/passwd');
        addPath(e.reads.paths, '/etc/group');
      }
      if (!parts) {
        e.writes.paths = allPaths();
        e.reads.workdir = true;
        e.volatility = Volatility.Source;
        e.role = 'the copy';
        return e;
      }
      const destRaw = expandKnown(parts.dest, st);
      const relative = destRaw === null || !(destRaw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(destRaw) || (windows && destRaw.startsWith('\\')));
      if (relative) e.reads.workdir = true;
      const dest = destRaw === null ? null : normalizePath(destRaw, st.workdir, windows);
      // Manifest files copied into a folder land at folder/name: claim just those, so a
      // manifest copy and a copy of another folder into the same WORKDIR do not collide.
      const intoFolder = destRaw !== null && (/[/\\]$/.test(destRaw) || destRaw === '.' || parts.sources.length > 1);
      const fileNames = parts.sources.map((src) => src.replace(/^\.\//, ''));
      const plainManifests =
        !from && !i.heredoc && !i.flags.some((f) => f.name === 'parents') &&
        fileNames.every((n) => !/[*?[\]$\\]/.test(n) && MANIFEST_RE.test(n.split('/').pop()!) && !/^(gradle|\.mvn)$/.test(n.split('/').pop()!));
      if (dest !== null && intoFolder && plainManifests) for (const n of fileNames) addPath(e.writes.paths, dest === '/' ? '/' + n.split('/').pop()! : dest + '/' + n.split('/').pop()!);
      else addPath(e.writes.paths, dest);
      if (from && from.value !== null) {
        const s = stageRef(model, unquote(from.value), stageIdx);
        if (s !== null) {
          e.reads.stages.push(s);
          // As volatile as what that stage builds from: an image alias is a tool, a build is source.
          e.volatility = stageVolatility[s] ?? Volatility.Source;
          e.role = e.volatility >= Volatility.Source ? 'the copy from a build stage' : `the copy from stage \`${unquote(from.value)}\``;
        } else {
          e.volatility = Volatility.Toolchain;
          e.role = `the copy from image \`${unquote(from.value)}\``;
        }
        return e;
      }
      if (parts.sources.length && parts.sources.every((s) => /^(https?|git):\/\/|^git@/.test(s))) {
        e.volatility = Volatility.Toolchain;
        e.role = 'the download';
        return e;
      }
      const manifests = !i.heredoc && parts.sources.length > 0 && parts.sources.every((s) => MANIFEST_RE.test(s.replace(/\/+$/, '').split('/').pop()!.replace(/\*$/, '')));
      e.volatility = i.heredoc ? Volatility.Constant : manifests ? Volatility.Dependencies : Volatility.Source;
      e.role = i.heredoc ? 'the inline file' : manifests ? 'the manifest copy' : 'the source copy';
      return e;
    }
    case 'RUN': {
      e.step = true;
      e.reads.user = true;
      e.reads.shell = i.json === null;
      const mountTargets: (string | null)[] = [];
      for (const f of i.flags) {
        if (f.name !== 'mount' || f.value === null) continue;
        const opts = new Map<string, string>();
        for (const kv of unquote(f.value).split(',')) {
          const eq = kv.indexOf('=');
          opts.set(eq === -1 ? kv : kv.slice(0, eq), eq === -1 ? '' : kv.slice(eq + 1));
        }
        const from = opts.get('from');
        if (from) {
          const s = stageRef(model, from, stageIdx);
          if (s !== null) e.reads.stages.push(s);
        }
        const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
        if (target !== undefined) {
          const v = expandKnown(target, st);
          const p = v === null ? null : normalizePath(v, st.workdir, windows);
          if (v === null || !v.startsWith('/')) e.reads.workdir = true;
          addPath(e.reads.paths, p);
          addPath(e.writes.paths, p);
          mountTargets.push(p);
        }
      }
      const script = readRun(i, model.escape, st.shell, windows);
      const r = runEffect(script, st, windows, buildContext);
      e.opaque = r.opaque;
      e.envOrderSensitive = r.envDump;
      if (r.reads.vars.all) e.reads.vars.all = true;
      for (const n of r.reads.vars.names) e.reads.vars.names.add(n);
      e.reads.vars.patterns.push(...r.reads.vars.patterns);
      if (script) for (const n of script.variables) {
        e.reads.named.add(n);
        e.reads.vars.names.add(n);
      }
      if (r.reads.workdir) e.reads.workdir = true;
      addPaths(e.reads.paths, r.reads.paths.paths);
      if (r.reads.paths.all) addPath(e.reads.paths, null);
      addPaths(e.writes.paths, r.writes.paths);
      if (r.writes.all) addPath(e.writes.paths, null);
      e.volatility = r.volatility;
      e.role = r.role;
      e.links = r.links;
      if (r.guess) {
        for (const p of mountTargets) {
          addPath(r.guess.reads, p);
          addPath(r.guess.writes, p);
        }
        e.guess = r.guess;
      }
      if (st.archive === 'debian' && r.archive === 'other') st.archiveWhy = r.archiveWhy.replace(/^the RUN/, `the RUN at line ${i.startLine + 1}`);
      st.archive = r.archive;
      return e;
    }
    default:
      // An unknown instruction: everything.
      e.step = true;
      e.reads.vars.all = true;
      e.reads.paths = allPaths();
      e.writes.paths = allPaths();
      e.reads.workdir = e.reads.user = e.reads.shell = true;
      e.writes.workdir = e.writes.user = e.writes.shell = true;
      e.writes.config.add('*');
      e.volatility = Volatility.Source;
      return e;
  }
}
