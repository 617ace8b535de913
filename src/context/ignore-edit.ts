/**
 * Can install output (`node_modules`, `.venv`, `vendor`, `obj`…) be added to the context's
 * `.dockerignore` without changing what any other build of that context gets?
 *
 * The edit changes every build of the context, so it is planned only when every Dockerfile
 * that can use the context is known and none of them takes the folder from it:
 *
 * - `.dockerignore` excludes itself (a new one is created listing itself), so no image gains
 *   or changes a copy of it;
 * - the ignore files are known: `.dockerignore` is readable (or absent), the Dockerfile has no
 *   `<name>.dockerignore` of its own (BuildKit would read that one, the classic builder
 *   `.dockerignore`), and there is no `.containerignore` (podman and buildah read it instead);
 * - every Dockerfile-like file in the context was listed and read (`IgnoreFacts`), plus the
 *   Dockerfile being fixed;
 * - no COPY/ADD from the context names the folder or a path inside it, by name or by a
 *   pattern that could match it, or uses a variable in a source;
 * - a COPY/ADD that copies a folder above it (`COPY . .`) is followed in its stage, before
 *   anything else runs, by a RUN whose first command is an install that writes the folder
 *   again (`WRITERS`), in the folder the copy landed in.
 *
 * Pure: reads only the {@link BuildContextInfo} it is given.
 */
import type { CompanionEdit } from '../core/fix.js';
import type { BuildContextInfo } from '../core/transform.js';
import { parseDockerfile, type DockerfileModel, type Instruction } from '../model/dockerfile.js';
import { computeStates, joinPath, splitWords, unquote } from '../model/state.js';
import { expandVariables } from '../model/vars.js';
import { ecosystemOf } from '../ecosystems/index.js';
import { parseShell } from '../shell/index.js';

/** Which ecosystems' installs write each install-output folder (by its last path segment). */
export const WRITERS: Readonly<Record<string, readonly string[]>> = {
  node_modules: ['npm', 'yarn', 'yarn-berry', 'pnpm', 'bun'],
  '.pnp.cjs': ['yarn-berry'],
  '.pnp.loader.mjs': ['yarn-berry'],
  unplugged: ['yarn-berry'],
  '.venv': ['uv', 'poetry', 'pipenv'],
  vendor: ['composer'],
  bundle: ['bundler'],
  '.bundle': ['bundler'],
  obj: ['dotnet'],
};

/** Instructions that run nothing and read nothing from the copied tree. */
const INERT = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'SHELL', 'MAINTAINER', 'ONBUILD']);

/** Shell built-ins that may precede the install without reading the tree. */
const HARMLESS = new Set(['set', 'export', 'true', ':']);

export type IgnoreEditPlan = { edit: CompanionEdit; checked: string[] } | { why: string };

/**
 * Plans appending `outputs` (context-relative paths) to `.dockerignore`, or says which fact
 * blocks it. `self` is the Dockerfile being fixed (its text before the fix), `selfPath` how
 * it is shown; `moved` is the index of its broad copy that the fix moves below the install
 * (the caller has shown that what it crosses reads nothing from the tree and that the
 * install writes the outputs), which is not checked again.
 */
export function planIgnoreEdit(bc: BuildContextInfo | undefined, outputs: readonly string[], self: DockerfileModel, selfPath = 'Dockerfile', moved?: number): IgnoreEditPlan {
  const facts = bc?.ignoreFacts?.();
  if (!bc || !facts) return { why: 'the build context cannot be listed, so the other Dockerfiles that use it cannot be checked' };
  if (facts.dockerignore.unreadable) return { why: '.dockerignore cannot be read' };
  if (facts.perDockerfile) return { why: `${selfPath} has its own \`${selfPath.split('/').pop()}.dockerignore\`, which BuildKit reads instead of .dockerignore (the classic builder still reads .dockerignore)` };
  if (facts.others.length) return { why: `${facts.others.map((o) => `\`${o}\``).join(', ')} exists: podman and buildah read it instead of .dockerignore` };
  if (!facts.complete) return { why: 'the build context is too large or too deep to list every Dockerfile in it' };
  if (!outputs.every((o) => /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/.test(o))) return { why: 'an output path needs escaping in .dockerignore' };

  const files: { path: string; model: DockerfileModel; skip?: number }[] = [{ path: selfPath, model: self, skip: moved }];
  for (const d of facts.dockerfiles) {
    if (d.text === null) return { why: `${d.path} in the build context cannot be read, so whether it copies ${list(outputs)} is unknown` };
    const model = parseDockerfile(d.text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
    if (model.stages.length === 0) continue; // not a Dockerfile (a template, notes)
    files.push({ path: d.path, model });
  }
  for (const f of files) {
    for (const o of outputs) {
      const why = usesFromContext(f.model, o, f.skip);
      if (why) return { why: `in ${f.path}, ${why}, so ignoring \`${o}\` would change that build` };
    }
  }
  // The file itself is in the context: a broad copy puts it in the image unless it excludes
  // itself. A new one lists itself, so images gain no file; an existing one must already.
  const created = facts.dockerignore.text === null;
  if (!created && !bc.ignored('.dockerignore')) return { why: '.dockerignore does not exclude itself, so the broad copy puts it in the image and editing it would change that file' };
  return { edit: { path: '.dockerignore', append: created ? [...outputs, '.dockerignore'] : [...outputs] }, checked: [...new Set(files.map((f) => f.path))] };
}

/** Why a Dockerfile takes `output` from the context, or null when it does not. */
function usesFromContext(model: DockerfileModel, output: string, skip?: number): string | null {
  const states = computeStates(model);
  const target = output.split('/');
  const writers = WRITERS[target[target.length - 1]] ?? [];
  for (const stage of model.stages) {
    for (const i of stage.instructions) {
      if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || i.heredoc || i.index === skip) continue;
      if (i.flags.some((f) => f.name === 'from')) continue; // another stage, an image or a named context
      const words = sourcesAndDest(i);
      if (!words) return `\`${first(i)}\` (line ${i.startLine + 1}) cannot be read`;
      const st = states.get(i.index)!;
      for (const raw of words.sources) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || raw.startsWith('git@')) continue; // ADD of a URL
        if (raw.includes('$')) return `\`${first(i)}\` (line ${i.startLine + 1}) copies a path with a variable`;
        const src = raw.split('/').filter((s) => s !== '' && s !== '.');
        const n = Math.min(src.length, target.length);
        let match = true;
        for (let k = 0; k < n; k++) if (!segmentMatches(src[k], target[k])) match = false;
        if (!match) continue;
        if (src.length >= target.length) return `\`${first(i)}\` (line ${i.startLine + 1}) copies \`${output}\` from the context`;
        // A folder above the output: the next thing that runs must write the output again.
        const dest = expandVariables(words.dest, st.env);
        const landed = dest && st.workdir ? joinPath(dest.startsWith('/') ? '/' : st.workdir, dest) : null;
        const under = landed === null ? null : src.length ? joinPath(landed, src.join('/')) : landed;
        const next = stage.instructions.find((j) => j.index > i.index && !INERT.has(j.keyword) && !((j.keyword === 'COPY' || j.keyword === 'ADD') && j.flags.some((f) => f.name === 'from')));
        const ok = next !== undefined && next.keyword === 'RUN' && under !== null && states.get(next.index)!.workdir === under && rewrites(next, model.escape, writers);
        if (!ok) return `\`${first(i)}\` (line ${i.startLine + 1}) copies \`${output}\` from the context when it exists, and ${next ? `\`${first(next)}\` (line ${next.startLine + 1}) follows before any install writes it again` : 'nothing in its stage writes it again'}`;
      }
    }
  }
  return null;
}

/** The RUN's first command (after `set`/`export`) is an install by one of `writers`. */
function rewrites(run: Instruction, escape: string, writers: readonly string[]): boolean {
  // `--mount`/`--network`/`--security` change what the install can reach, not that it writes the folder.
  if (run.json || run.heredoc || run.flags.some((f) => !['mount', 'network', 'security'].includes(f.name))) return false;
  const r = parseShell(run.body, escape);
  if (!r.ok) return false;
  for (const c of r.script.commands) {
    const name = c.name?.value ?? null;
    if (name === null) return false;
    if (HARMLESS.has(name)) continue;
    const view = { name, args: c.args.map((a) => a.value), assignments: c.assignments.map((a) => ({ name: a.name, value: a.value === null ? '' : a.value.value })) };
    const eco = ecosystemOf(view);
    return !!eco && writers.includes(eco.id) && eco.isInstall(view) && c.topLevel && !c.conditional && !c.inPipeline;
  }
  return false;
}

function sourcesAndDest(i: Instruction): { sources: string[]; dest: string } | null {
  const body = i.body.trim();
  let words: string[];
  if (body.startsWith('[')) {
    try {
      const arr = JSON.parse(body) as unknown;
      if (!Array.isArray(arr) || !arr.every((w) => typeof w === 'string')) return null;
      words = arr as string[];
    } catch {
      return null;
    }
  } else words = splitWords(body).map(unquote);
  if (words.length < 2) return null;
  return { sources: words.slice(0, -1), dest: words[words.length - 1] };
}

/** Go `filepath.Match` for one path segment (`*`, `?`, `[...]`, `\` escapes). */
function segmentMatches(pattern: string, name: string): boolean {
  if (!/[*?[\\]/.test(pattern)) return pattern === name;
  let re = '^';
  for (let k = 0; k < pattern.length; k++) {
    const ch = pattern[k];
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '\\' && k + 1 < pattern.length) re += escapeRe(pattern[++k]);
    else if (ch === '[') {
      const end = pattern.indexOf(']', k + 1);
      if (end === -1) return true; // malformed: assume it may match
      let cls = pattern.slice(k + 1, end);
      if (cls.startsWith('^')) cls = '!' + cls.slice(1);
      re += cls.startsWith('!') ? `[^${cls.slice(1).replace(/\\/g, '\\\\')}]` : `[${cls.replace(/\\/g, '\\\\')}]`;
      k = end;
    } else re += escapeRe(ch);
  }
  try {
    return new RegExp(re + '$').test(name);
  } catch {
    return true;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function first(i: Instruction): string {
  return i.text.split('\n')[0].trim();
}

function list(xs: readonly string[]): string {
  return xs.map((x) => `\`${x}\``).join(', ');
}
