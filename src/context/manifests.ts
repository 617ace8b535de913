/**
 * Reading dependency manifests in the build context, for decisions that depend on their
 * contents (does `npm ci` run a `postinstall` script? does `requirements.txt` pull in
 * `-e .`?). Pure over {@link BuildContextInfo}: no file system, no network.
 *
 * Every reader answers with one of three states, and callers must treat them differently:
 *   - `missing`: the file is not in the context (or `.dockerignore` excludes it);
 *   - `unknown`: the file exists but its text could not be read (too large, not UTF-8, a
 *     names-only context), or it uses a construct this reader does not understand;
 *   - `ok`: the facts below were read from the file.
 * A decision that needs the facts must decline on `unknown`.
 *
 * The parsers are deliberately small (no TOML/YAML dependency): they read the handful of keys
 * a split decision needs, and report `unknown` rather than guess when the file is unusual.
 */
import type { BuildContextInfo } from '../core/transform.js';

export type ManifestResult<T> = { state: 'missing' } | { state: 'unknown'; why: string } | ({ state: 'ok' } & T);

/** Joins context-relative path segments (`''` is the context root). */
export function ctxJoin(...parts: string[]): string {
  const out: string[] = [];
  for (const p of parts.join('/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0 || out[out.length - 1] === '..') out.push('..');
      else out.pop();
    } else out.push(p);
  }
  return out.join('/');
}

/** Parent folder of a context-relative path (`''` for a root file). */
export function ctxDir(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i === -1 ? '' : rel.slice(0, i);
}

/** A path that leaves the context (`../x`) or is absolute cannot be copied from it. */
export function outsideContext(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || rel.startsWith('/');
}

function readText(ctx: BuildContextInfo, rel: string): { state: 'missing' } | { state: 'unknown'; why: string } | { state: 'ok'; text: string } {
  if (!ctx.exists(rel)) return { state: 'missing' };
  const text = ctx.read(rel);
  if (text === null) return { state: 'unknown', why: `could not read ${rel}` };
  return { state: 'ok', text: text.replace(/^\uFEFF/, '') };
}

/** A JSON file of the context that must hold an object. */
function readJsonObject(ctx: BuildContextInfo, rel: string): { state: 'missing' } | { state: 'unknown'; why: string } | { state: 'ok'; value: Record<string, unknown> } {
  const r = readText(ctx, rel);
  if (r.state !== 'ok') return r;
  let j: unknown;
  try {
    j = JSON.parse(r.text);
  } catch {
    return { state: 'unknown', why: `${rel} is not valid JSON` };
  }
  if (!isObject(j)) return { state: 'unknown', why: `${rel} is not a JSON object` };
  return { state: 'ok', value: j };
}

// ---------------------------------------------------------------------------------------------
// Node: package.json, lock files, .npmrc, .yarnrc.yml, pnpm-workspace.yaml

/**
 * Scripts of the project's own package that npm, yarn, pnpm and bun run during a plain
 * install (npm-scripts: `npm ci`/`npm install` run preinstall, install, postinstall,
 * prepublish, preprepare, prepare, postprepare; npm ≥ 8 also `dependencies`).
 */
export const INSTALL_LIFECYCLE_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare', 'dependencies'];

/**
 * Dependencies whose own install scripts read the project tree, so a manifests-only install
 * gives a different result: Prisma generates its client from `prisma/schema.prisma`; husky 4,
 * yorkie, simple-git-hooks and lefthook install git hooks from project config and `.git`;
 * postinstall-postinstall runs the project's own `postinstall`; puppeteer reads a project
 * `.puppeteerrc*` that can move its browser download. Not exhaustive: `--ignore-scripts` is
 * the only proof.
 */
export const PROJECT_READING_DEPENDENCIES = ['@prisma/client', 'prisma', 'husky', 'yorkie', 'simple-git-hooks', 'lefthook', 'postinstall-postinstall', 'puppeteer'];

export interface PackageJson {
  /** Install-time lifecycle scripts of this package (name → command). */
  lifecycle: Record<string, string>;
  /** Every script of the package (name → command), for `npm run <name>`. */
  scripts: Record<string, string>;
  /** Workspace globs (`workspaces` array or `workspaces.packages`), or null. */
  workspaces: string[] | null;
  /** Dependencies on local folders: `file:`, `link:`, `portal:` specs, and relative paths. */
  localDeps: { name: string; spec: string }[];
  /** Dependencies using the `workspace:` protocol (pnpm, yarn berry). */
  workspaceDeps: string[];
  /** Every dependency name (dependencies, devDependencies, optionalDependencies, peerDependencies). */
  deps: string[];
  /** `packageManager` field, e.g. `yarn@4.1.0`. */
  packageManager: string | null;
  /** The package declares executables (`bin` or `directories.bin`): npm links them from workspace members. */
  hasBin: boolean;
  /** Paths of patch files the install applies (pnpm `patchedDependencies`, yarn `patch:` resolutions). */
  patches: string[];
}

export function readPackageJson(ctx: BuildContextInfo, dir: string): ManifestResult<PackageJson> {
  const rel = ctxJoin(dir, 'package.json');
  const r = readJsonObject(ctx, rel);
  if (r.state !== 'ok') return r;
  const j = r.value;
  const scripts = isObject(j.scripts) ? j.scripts : {};
  const lifecycle: Record<string, string> = {};
  for (const s of INSTALL_LIFECYCLE_SCRIPTS) if (typeof scripts[s] === 'string') lifecycle[s] = scripts[s] as string;
  const allScripts: Record<string, string> = {};
  for (const [k, v] of Object.entries(scripts)) if (typeof v === 'string') allScripts[k] = v;

  let workspaces: string[] | null = null;
  if (Array.isArray(j.workspaces)) workspaces = j.workspaces.filter((x): x is string => typeof x === 'string');
  else if (isObject(j.workspaces) && Array.isArray(j.workspaces.packages)) workspaces = j.workspaces.packages.filter((x): x is string => typeof x === 'string');

  const localDeps: { name: string; spec: string }[] = [];
  const workspaceDeps: string[] = [];
  const deps: string[] = [];
  for (const kind of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const d = j[kind];
    if (!isObject(d)) continue;
    for (const [name, spec] of Object.entries(d)) {
      if (!deps.includes(name)) deps.push(name);
      if (typeof spec !== 'string' || kind === 'peerDependencies') continue;
      if (/^(file|link|portal):/.test(spec) || /^(\.{1,2}\/|\/|~\/)/.test(spec)) localDeps.push({ name, spec });
      else if (spec.startsWith('workspace:')) workspaceDeps.push(name);
    }
  }

  const patches: string[] = [];
  const pnpm = isObject(j.pnpm) ? j.pnpm : {};
  if (isObject(pnpm.patchedDependencies)) for (const p of Object.values(pnpm.patchedDependencies)) if (typeof p === 'string') patches.push(p);
  for (const field of ['resolutions', 'dependencies', 'devDependencies']) {
    const d = j[field];
    if (!isObject(d)) continue;
    for (const spec of Object.values(d)) {
      if (typeof spec !== 'string' || !spec.startsWith('patch:')) continue;
      // `patch:pkg@npm%3A1.0.0#./.yarn/patches/pkg.patch` (path after `#`, may carry `::` params).
      const hash = spec.lastIndexOf('#');
      if (hash !== -1) patches.push(decodeURIComponent(spec.slice(hash + 1).split('::')[0]).replace(/^~\//, ''));
    }
  }

  return {
    state: 'ok',
    lifecycle,
    scripts: allScripts,
    workspaces,
    localDeps,
    workspaceDeps,
    deps,
    packageManager: typeof j.packageManager === 'string' ? j.packageManager : null,
    hasBin: j.bin !== undefined || (isObject(j.directories) && j.directories.bin !== undefined),
    patches,
  };
}

/**
 * The packages of an npm lock file (lockfileVersion 2 or 3) that declare install scripts
 * (`"hasInstallScript": true`). A version 1 lock does not record it: `unknown`.
 */
export function readNpmLockInstallScripts(ctx: BuildContextInfo, dir: string): ManifestResult<{ packages: string[] }> {
  const rel = ctxJoin(dir, 'package-lock.json');
  const r = readJsonObject(ctx, rel);
  if (r.state !== 'ok') return r;
  const v = r.value.lockfileVersion;
  if ((v !== 2 && v !== 3) || !isObject(r.value.packages)) return { state: 'unknown', why: `${rel} (lockfileVersion ${String(v)}) does not record which packages have install scripts` };
  const packages: string[] = [];
  for (const [k, p] of Object.entries(r.value.packages)) if (k !== '' && isObject(p) && p.hasInstallScript === true) packages.push(k.replace(/^.*node_modules\//, ''));
  return { state: 'ok', packages };
}

/** Lock and shrinkwrap files of the Node package managers, in the order they are looked for. */
export const NODE_LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'];

/** Which Node lock files exist in a folder of the context. */
export function nodeLockFiles(ctx: BuildContextInfo, dir: string): string[] {
  return NODE_LOCK_FILES.filter((f) => ctx.exists(ctxJoin(dir, f)));
}

export interface Npmrc {
  /** `ignore-scripts=true`: no lifecycle script runs on install. */
  ignoreScripts: boolean;
}

export function readNpmrc(ctx: BuildContextInfo, dir: string): ManifestResult<Npmrc> {
  const r = readText(ctx, ctxJoin(dir, '.npmrc'));
  if (r.state !== 'ok') return r;
  let ignoreScripts = false;
  for (const line of r.text.split(/\r?\n/)) {
    const m = /^\s*ignore-scripts\s*=\s*(\S+)/.exec(line);
    if (m) ignoreScripts = m[1] === 'true';
  }
  return { state: 'ok', ignoreScripts };
}

export interface YarnrcYml {
  /** `yarnPath`: the Yarn release the project runs (must be copied with the manifests). */
  yarnPath: string | null;
  /** `plugins[].path` entries. */
  plugins: string[];
  /** `nodeLinker` (`pnp` default, `node-modules`, `pnpm`). */
  nodeLinker: string | null;
  /** `enableGlobalCache: false` keeps the cache in the project (`cacheFolder`, default `.yarn/cache`). */
  enableGlobalCache: boolean | null;
  cacheFolder: string | null;
}

/** `.yarnrc.yml`: only top-level scalar keys and the `plugins` list are read. */
export function readYarnrcYml(ctx: BuildContextInfo, dir: string): ManifestResult<YarnrcYml> {
  const r = readText(ctx, ctxJoin(dir, '.yarnrc.yml'));
  if (r.state !== 'ok') return r;
  const out: YarnrcYml = { yarnPath: null, plugins: [], nodeLinker: null, enableGlobalCache: null, cacheFolder: null };
  let inPlugins = false;
  for (const raw of r.text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const top = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (top) {
      inPlugins = top[1] === 'plugins';
      const v = yamlScalar(top[2]);
      if (top[1] === 'yarnPath') out.yarnPath = v;
      else if (top[1] === 'nodeLinker') out.nodeLinker = v;
      else if (top[1] === 'cacheFolder') out.cacheFolder = v;
      else if (top[1] === 'enableGlobalCache') out.enableGlobalCache = v === 'true' ? true : v === 'false' ? false : null;
      continue;
    }
    if (!inPlugins) continue;
    const item = /^\s*-\s*(?:path\s*:\s*)?(.+)$/.exec(line) ?? /^\s+path\s*:\s*(.+)$/.exec(line);
    if (item) {
      const v = yamlScalar(item[1]);
      if (v && !/^\w+\s*:/.test(v)) out.plugins.push(v);
    }
  }
  return { state: 'ok', ...out };
}

/** `pnpm-workspace.yaml` `packages:` globs. */
export function readPnpmWorkspace(ctx: BuildContextInfo, dir: string): ManifestResult<{ packages: string[] }> {
  const r = readText(ctx, ctxJoin(dir, 'pnpm-workspace.yaml'));
  if (r.state !== 'ok') return r;
  const packages: string[] = [];
  let inPackages = false;
  for (const raw of r.text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const top = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (top) {
      inPackages = top[1] === 'packages';
      const inline = /^\[(.*)\]$/.exec(top[2].trim());
      if (inPackages && inline) for (const p of inline[1].split(',')) if (yamlScalar(p)) packages.push(yamlScalar(p)!);
      continue;
    }
    const item = /^\s*-\s*(.+)$/.exec(line);
    if (inPackages && item) packages.push(yamlScalar(item[1])!);
  }
  return { state: 'ok', packages };
}

function yamlScalar(v: string): string | null {
  const t = v.trim();
  if (!t) return null;
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

/** The member folders a workspace's patterns name, read from the context's folder listing. */
export interface WorkspaceMembers {
  /** Member folders (context-relative) that hold the manifest, in pattern order. */
  members: string[];
  /** Literal member paths whose folder holds no manifest in the context. */
  missing: string[];
  /** Glob patterns that match no folder holding the manifest. */
  unmatched: string[];
  /** Patterns that leave the build context (`../shared`). */
  outside: string[];
}

/**
 * Expands workspace member patterns (package.json `workspaces`, pnpm-workspace.yaml
 * `packages`, go.work `use`, Cargo.toml `[workspace] members`) against the context's folder
 * listing: a member is a folder that holds `manifest`. Handles literal paths and one `*`
 * segment at the end (`packages/*`, `crates/*`); anything else (`**`, `*` inside a segment,
 * braces, negations) is `unknown`. A member list is never guessed: a literal path without the
 * manifest is reported in `missing`, a glob that matches nothing in `unmatched`.
 */
export function expandMembers(ctx: BuildContextInfo, dir: string, globs: string[], manifest: string): ManifestResult<WorkspaceMembers> {
  const out: WorkspaceMembers = { members: [], missing: [], unmatched: [], outside: [] };
  for (const g0 of globs) {
    const g = g0.replace(/\/+$/, '').replace(/^\.\//, '');
    if (g.startsWith('!')) return { state: 'unknown', why: `workspace pattern \`${g0}\` (negation) is not supported` };
    if (outsideContext(ctxJoin(dir, g)) || g.startsWith('/')) {
      out.outside.push(g0);
      continue;
    }
    const segs = g.split('/');
    const starAt = segs.findIndex((s) => /[*?[\]{}]/.test(s));
    if (starAt === -1) {
      const m = ctxJoin(dir, g);
      if (ctx.exists(ctxJoin(m, manifest))) {
        if (!out.members.includes(m)) out.members.push(m);
      } else out.missing.push(m || '.');
      continue;
    }
    if (starAt !== segs.length - 1 || segs[starAt] !== '*') return { state: 'unknown', why: `workspace pattern \`${g0}\` is not supported` };
    const parent = ctxJoin(dir, ...segs.slice(0, -1));
    const names = ctx.list(parent);
    if (names === null && ctx.exists(parent)) return { state: 'unknown', why: `cannot list ${parent || '.'}` };
    let matched = 0;
    for (const n of names ?? []) {
      const m = ctxJoin(parent, n.replace(/\/$/, ''));
      if (!ctx.exists(ctxJoin(m, manifest))) continue;
      matched++;
      if (!out.members.includes(m)) out.members.push(m);
    }
    if (matched === 0) out.unmatched.push(g0);
  }
  return { state: 'ok', ...out };
}

/** {@link expandMembers} for Node workspaces (members hold a package.json). */
export function expandWorkspaces(ctx: BuildContextInfo, dir: string, globs: string[]): ManifestResult<WorkspaceMembers> {
  return expandMembers(ctx, dir, globs, 'package.json');
}

// ---------------------------------------------------------------------------------------------
// Python: requirements files, pyproject.toml, Pipfile

export interface Requirements {
  /** Every requirements/constraints file the install reads, context-relative (the first is the one named). */
  files: string[];
  /** Entries that need more than the files: `-e .`, local paths, `file:` URLs, local `--find-links`. */
  needsSource: string[];
}

/**
 * A requirements file and everything it includes with `-r`/`-c` (paths relative to the
 * including file, as pip resolves them). `unknown` when any included file cannot be read or
 * a path uses a variable.
 */
export function readRequirements(ctx: BuildContextInfo, rel: string): ManifestResult<Requirements> {
  const files: string[] = [];
  const needsSource: string[] = [];
  const visit = (file: string): ManifestResult<object> => {
    if (files.includes(file)) return { state: 'ok' };
    const r = readText(ctx, file);
    if (r.state !== 'ok') return r.state === 'missing' ? { state: 'unknown', why: `${file} is not in the build context` } : r;
    files.push(file);
    const logical = r.text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
    for (const raw of logical) {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      if (!line) continue;
      const opt = /^(-r|--requirement|-c|--constraint|-e|--editable|-f|--find-links)(?:\s*=\s*|\s+)(\S+)/.exec(line) ?? /^(-r|-c|-e|-f)(\S+)/.exec(line);
      if (opt) {
        const [, flag, value] = opt;
        if (/\$\{?\w/.test(value)) return { state: 'unknown', why: `${file}: \`${line}\` uses a variable` };
        if (flag === '-r' || flag === '--requirement' || flag === '-c' || flag === '--constraint') {
          if (/^[a-z][\w+.-]*:\/\//i.test(value)) continue; // a URL: fetched, not read from the context
          const inc = ctxJoin(ctxDir(file), value);
          if (outsideContext(inc)) return { state: 'unknown', why: `${file} includes ${value}, outside the build context` };
          const sub = visit(inc);
          if (sub.state !== 'ok') return sub;
        } else if (flag === '-e' || flag === '--editable') {
          needsSource.push(`${file}: \`${line}\` (editable install)`);
        } else if (!/^[a-z][\w+.-]*:\/\//i.test(value)) {
          needsSource.push(`${file}: \`${line}\` (local package folder)`);
        }
        continue;
      }
      if (line.startsWith('-')) continue; // other options: --index-url, --hash, --pre, --no-binary...
      if (isLocalRequirement(line)) needsSource.push(`${file}: \`${line}\` (local path)`);
    }
    return { state: 'ok' };
  };
  if (!ctx.exists(rel)) return { state: 'missing' };
  const res = visit(rel);
  if (res.state !== 'ok') return res;
  return { state: 'ok', files, needsSource };
}

/** A requirement (or pip argument) that names a local path instead of a package or a remote URL. */
export function isLocalRequirement(spec: string): boolean {
  const s = spec.trim();
  if (/(^|\s|@\s*)file:/i.test(s)) return true;
  if (/^[a-z][\w+.-]*:\/\//i.test(s) || /^[a-z]+\+[a-z]+:/i.test(s)) return false; // https://, git+https:
  if (/^(\.{1,2}($|[\\/])|\/|~)/.test(s)) return true;
  const first = s.split(/[\s;]/)[0];
  if (/\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/i.test(first) && !first.includes('://')) return true;
  return /^[^@<>=!~;\s[]*\//.test(first) && !first.includes('://');
}

export interface Pyproject {
  /** Has a `[build-system]` table (the project is a package that an install would build). */
  buildSystem: boolean;
  /** `[project].dynamic` names (metadata that needs the source to compute). */
  dynamic: string[];
  /** `[tool.poetry] package-mode = false`: `poetry install` installs dependencies only. */
  poetryPackageMode: boolean;
  /** Poetry path dependencies (`{ path = ... }`), names. */
  poetryPathDeps: string[];
  /** PEP 621 dependencies given as local files (`name @ file:...`). */
  fileDeps: string[];
  /** `[tool.uv] package = false|true`, or null when unset. */
  uvPackage: boolean | null;
  /** `[tool.uv.workspace]` exists. */
  uvWorkspace: boolean;
  /** `[tool.uv.sources]` entries with `path =` or `workspace = true`. */
  uvLocalSources: string[];
  /** `[tool.poetry]` table exists. */
  poetry: boolean;
}

/** Sections of a TOML text: header → body text (only what the readers here need). */
function tomlSections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let cur = '';
  let body: string[] = [];
  const flush = () => out.set(cur, (out.get(cur) ?? '') + body.join('\n') + '\n');
  for (const line of text.split(/\r?\n/)) {
    const h = /^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$/.exec(line);
    if (h) {
      flush();
      cur = h[1].replace(/\s*\.\s*/g, '.').replace(/"/g, '');
      body = [];
    } else body.push(line);
  }
  flush();
  return out;
}

/** Value text of `key = ...` at the start of a line in a section body (multi-line arrays joined). */
function tomlValue(body: string, key: string): string | null {
  const re = new RegExp(`^\\s*"?${key.replace(/[.-]/g, '\\$&')}"?\\s*=\\s*(.*)$`, 'm');
  const m = re.exec(body);
  if (!m) return null;
  let v = m[1];
  if (v.trim().startsWith('[') && !balanced(v)) {
    const rest = body.slice(m.index + m[0].length).split('\n');
    for (const l of rest) {
      v += '\n' + l;
      if (balanced(v)) break;
    }
  }
  return v.replace(/\s+#[^"'\n]*$/, '').trim();
}

function balanced(v: string): boolean {
  let depth = 0;
  let q: string | null = null;
  for (const c of v) {
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth <= 0;
}

function tomlStrings(v: string | null): string[] {
  if (!v) return [];
  return [...v.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
}

/** `key = { ... path = ... }` entries of a dependency table body: names whose value mentions `keyName`. */
function entriesWith(body: string, keyName: RegExp): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/^\s*"?([A-Za-z0-9_.-]+)"?\s*=\s*(\{[^\n]*\}|\[[^\n]*\])/gm)) if (keyName.test(m[2])) out.push(m[1]);
  return out;
}

export function readPyproject(ctx: BuildContextInfo, dir: string): ManifestResult<Pyproject> {
  const r = readText(ctx, ctxJoin(dir, 'pyproject.toml'));
  if (r.state !== 'ok') return r;
  const sec = tomlSections(r.text);
  const project = sec.get('project') ?? '';
  const poetry = sec.get('tool.poetry');
  const poetryPathDeps: string[] = [];
  for (const [name, body] of sec) {
    if (/^tool\.poetry\.(dependencies|dev-dependencies|group\.[^.]+\.dependencies)$/.test(name)) poetryPathDeps.push(...entriesWith(body, /\bpath\s*=/));
    // Sub-table form: [tool.poetry.dependencies.mylib] path = "../mylib"
    if (/^tool\.poetry\.(dependencies|dev-dependencies|group\.[^.]+\.dependencies)\.[^.]+$/.test(name) && /^\s*path\s*=/m.test(body)) poetryPathDeps.push(name.split('.').pop()!);
  }
  const deps = tomlStrings(tomlValue(project, 'dependencies'));
  const optional = sec.get('project.optional-dependencies') ?? '';
  const fileDeps = [...deps, ...tomlStrings(optional)].filter((d) => /@\s*file:/i.test(d) || /^\s*file:/i.test(d));
  const uv = sec.get('tool.uv') ?? '';
  const uvPackageRaw = tomlValue(uv, 'package');
  const uvLocalSources: string[] = [];
  const sources = sec.get('tool.uv.sources');
  if (sources !== undefined) uvLocalSources.push(...entriesWith(sources, /\b(path\s*=|workspace\s*=\s*true)/));
  for (const [name, body] of sec) if (/^tool\.uv\.sources\.[^.]+$/.test(name) && /^\s*(path\s*=|workspace\s*=\s*true)/m.test(body)) uvLocalSources.push(name.split('.').pop()!);
  return {
    state: 'ok',
    buildSystem: sec.has('build-system'),
    dynamic: tomlStrings(tomlValue(project, 'dynamic')),
    poetry: poetry !== undefined,
    poetryPackageMode: !(poetry !== undefined && /^\s*package-mode\s*=\s*false\b/m.test(poetry)),
    poetryPathDeps,
    fileDeps,
    uvPackage: uvPackageRaw === 'true' ? true : uvPackageRaw === 'false' ? false : null,
    uvWorkspace: sec.has('tool.uv.workspace'),
    uvLocalSources,
  };
}

/** `poetry.toml`: does it put the virtualenv in the project (`.venv`)? */
export function readPoetryToml(ctx: BuildContextInfo, dir: string): ManifestResult<{ inProject: boolean | null }> {
  const r = readText(ctx, ctxJoin(dir, 'poetry.toml'));
  if (r.state !== 'ok') return r;
  const sec = tomlSections(r.text);
  const v = tomlValue(sec.get('virtualenvs') ?? '', 'in-project') ?? tomlValue(sec.get('') ?? '', 'virtualenvs.in-project');
  return { state: 'ok', inProject: v === 'true' ? true : v === 'false' ? false : null };
}

/** `Pipfile`: packages installed from local paths or in editable mode. */
export function readPipfile(ctx: BuildContextInfo, dir: string): ManifestResult<{ localPackages: string[] }> {
  const r = readText(ctx, ctxJoin(dir, 'Pipfile'));
  if (r.state !== 'ok') return r;
  const sec = tomlSections(r.text);
  const localPackages: string[] = [];
  for (const [name, body] of sec) {
    if (name === 'packages' || name === 'dev-packages' || /^[\w-]+$/.test(name)) localPackages.push(...entriesWith(body, /\b(path\s*=|editable\s*=\s*true|file\s*=\s*"(?!https?:))/));
  }
  return { state: 'ok', localPackages };
}

// ---------------------------------------------------------------------------------------------
// Go, Rust, Ruby, PHP, .NET, Java

/** `go.mod`: `replace` directives that point at local folders (their go.mod is needed too). */
export function readGoMod(ctx: BuildContextInfo, dir: string): ManifestResult<{ localReplaces: string[] }> {
  const r = readText(ctx, ctxJoin(dir, 'go.mod'));
  if (r.state !== 'ok') return r;
  const localReplaces: string[] = [];
  let inBlock = false;
  for (const raw of r.text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^replace\s*\($/.test(line)) {
      inBlock = true;
      continue;
    }
    if (inBlock && line === ')') {
      inBlock = false;
      continue;
    }
    const body = inBlock ? line : /^replace\s+(.*)$/.exec(line)?.[1];
    if (!body) continue;
    const arrow = body.indexOf('=>');
    if (arrow === -1) continue;
    const target = body.slice(arrow + 2).trim().split(/\s+/)[0];
    if (/^(\.{1,2}\/|\/|\.{1,2}$)/.test(target)) localReplaces.push(target);
  }
  return { state: 'ok', localReplaces };
}

/**
 * `go.work`: the `use` directives (module folders of the workspace, relative to go.work) and
 * `replace` directives that point at local folders. `unknown` for a construct the reader does
 * not know (a quoted path with escapes).
 */
export function readGoWork(ctx: BuildContextInfo, dir: string): ManifestResult<{ use: string[]; localReplaces: string[] }> {
  const r = readText(ctx, ctxJoin(dir, 'go.work'));
  if (r.state !== 'ok') return r;
  const use: string[] = [];
  const localReplaces: string[] = [];
  let block: string | null = null;
  for (const raw of r.text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    const open = /^(use|replace)\s*\($/.exec(line);
    if (open) {
      block = open[1];
      continue;
    }
    if (block && line === ')') {
      block = null;
      continue;
    }
    let verb = block;
    let body = line;
    if (!block) {
      const m = /^(\w+)\s+(.*)$/.exec(line);
      if (!m) continue;
      verb = m[1];
      body = m[2];
    }
    if (verb === 'use') {
      const path = body.replace(/^"(.*)"$/, '$1').replace(/^`(.*)`$/, '$1');
      if (/["`\\\s]/.test(path)) return { state: 'unknown', why: `go.work: \`use ${body}\` is not understood` };
      use.push(path);
    } else if (verb === 'replace') {
      const arrow = body.indexOf('=>');
      if (arrow === -1) continue;
      const target = body.slice(arrow + 2).trim().split(/\s+/)[0];
      if (/^(\.{1,2}\/|\/|\.{1,2}$)/.test(target)) localReplaces.push(target);
    }
  }
  return { state: 'ok', use, localReplaces };
}

/** `Cargo.toml`: workspace members and path dependencies (split decisions for cargo are advice only). */
export function readCargoToml(ctx: BuildContextInfo, dir: string): ManifestResult<{ workspace: boolean; members: string[]; pathDeps: string[] }> {
  const r = readText(ctx, ctxJoin(dir, 'Cargo.toml'));
  if (r.state !== 'ok') return r;
  const sec = tomlSections(r.text);
  const ws = sec.get('workspace');
  const pathDeps: string[] = [];
  for (const [name, body] of sec) if (/(^|\.)(dependencies|dev-dependencies|build-dependencies)$/.test(name)) pathDeps.push(...entriesWith(body, /\bpath\s*=/));
  return { state: 'ok', workspace: ws !== undefined, members: tomlStrings(tomlValue(ws ?? '', 'members')), pathDeps };
}

export interface Gemfile {
  /** Other context files the Gemfile reads and that can be copied with it (`.ruby-version`, `.tool-versions`). */
  reads: string[];
  /** Constructs that need the source: `gemspec`, `path:` gems, `eval_gemfile`, other file reads. */
  needsSource: string[];
}

export function readGemfile(ctx: BuildContextInfo, dir: string): ManifestResult<Gemfile> {
  const r = readText(ctx, ctxJoin(dir, 'Gemfile'));
  if (r.state !== 'ok') return r;
  const reads: string[] = [];
  const needsSource: string[] = [];
  for (const raw of r.text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    if (/^gemspec\b/.test(line)) needsSource.push('`gemspec` (the gemspec and the files it loads)');
    if (/\bpath\s*:|:path\s*=>/.test(line)) needsSource.push(`\`${line}\` (a gem from a local folder)`);
    if (/\beval_gemfile\b|\brequire_relative\b|\bload\s*\(?\s*['"]/.test(line)) needsSource.push(`\`${line}\` (loads another file)`);
    const versionFile = /(['"])(\.ruby-version|\.tool-versions)\1/.exec(line);
    if (versionFile) {
      if (!reads.includes(versionFile[2])) reads.push(versionFile[2]);
      continue;
    }
    if (/\b(File|IO|Dir)\s*(\.|::)\s*\w+|\bDir\[/.test(line)) needsSource.push(`\`${line}\` (reads files)`);
  }
  return { state: 'ok', reads, needsSource };
}

/** Composer events that run during `composer install`. */
export const COMPOSER_INSTALL_EVENTS = [
  'pre-install-cmd', 'post-install-cmd', 'pre-autoload-dump', 'post-autoload-dump', 'pre-package-install', 'post-package-install',
  'pre-dependencies-solving', 'post-dependencies-solving', 'pre-operations-exec',
];

export interface ComposerJson {
  /** Install-time script events defined. */
  scripts: string[];
  /** `repositories` of type `path` (local packages). */
  pathRepositories: string[];
  /** `autoload`/`autoload-dev` use `classmap` (dumping it scans source folders). */
  classmap: boolean;
  /** `config.allow-plugins` allows at least one plugin (plugins run on install and may read the project). */
  pluginsAllowed: boolean;
}

export function readComposerJson(ctx: BuildContextInfo, dir: string): ManifestResult<ComposerJson> {
  const rel = ctxJoin(dir, 'composer.json');
  const r = readJsonObject(ctx, rel);
  if (r.state !== 'ok') return r;
  const j = r.value;
  const scripts = isObject(j.scripts) ? Object.keys(j.scripts).filter((k) => COMPOSER_INSTALL_EVENTS.includes(k)) : [];
  const repos = Array.isArray(j.repositories) ? j.repositories : isObject(j.repositories) ? Object.values(j.repositories) : [];
  const pathRepositories = repos.filter((x) => isObject(x) && x.type === 'path').map((x) => String((x as Record<string, unknown>).url));
  const classmap = [j.autoload, j['autoload-dev']].some((a) => isObject(a) && a.classmap !== undefined);
  const config = isObject(j.config) ? j.config : {};
  const ap = config['allow-plugins'];
  const pluginsAllowed = ap === true || (isObject(ap) && Object.values(ap).some((v) => v === true));
  return { state: 'ok', scripts, pathRepositories, classmap, pluginsAllowed };
}

/** A .NET project file: references to other projects and imports of local files. */
export function readProjectFile(ctx: BuildContextInfo, rel: string): ManifestResult<{ projectReferences: string[]; imports: string[] }> {
  const r = readText(ctx, rel);
  if (r.state !== 'ok') return r;
  const projectReferences = [...r.text.matchAll(/<ProjectReference\s+Include\s*=\s*"([^"]+)"/gi)].map((m) => m[1]);
  const imports = [...r.text.matchAll(/<Import\s+Project\s*=\s*"([^"]+)"/gi)].map((m) => m[1]).filter((p) => !p.startsWith('$(MSBuild'));
  return { state: 'ok', projectReferences, imports };
}

/** `pom.xml`: modules, and dependencies whose jar is a file in the project. */
export function readPom(ctx: BuildContextInfo, dir: string): ManifestResult<{ modules: string[]; parentRelativePath: string | null; systemPaths: string[] }> {
  const r = readText(ctx, ctxJoin(dir, 'pom.xml'));
  if (r.state !== 'ok') return r;
  const text = r.text.replace(/<!--[\s\S]*?-->/g, '');
  const modules = [...text.matchAll(/<module>\s*([^<]+?)\s*<\/module>/g)].map((m) => m[1]);
  const parent = /<parent>([\s\S]*?)<\/parent>/.exec(text);
  let parentRelativePath: string | null = null;
  if (parent) {
    const rp = /<relativePath\s*\/>|<relativePath>\s*([^<]*?)\s*<\/relativePath>/.exec(parent[1]);
    parentRelativePath = rp ? (rp[1] ?? '') : '../pom.xml';
  }
  const systemPaths = [...text.matchAll(/<systemPath>\s*([^<]+?)\s*<\/systemPath>/g)].map((m) => m[1]);
  return { state: 'ok', modules, parentRelativePath, systemPaths };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
