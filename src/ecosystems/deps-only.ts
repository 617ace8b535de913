/**
 * Deps-only installs: which commands of each ecosystem install the project's dependencies
 * from its manifests alone, which files they read, what they write into the project folder,
 * and what in the manifests makes them need the rest of the source. Used by
 * `split-manifest-copy`; the recognition of commands and the static manifest lists come
 * from the ecosystem modules (`matches`, `manifests`, `needsSource`), the contents of the
 * manifests from `src/context/manifests.ts`. Sources: buildkit-semantics.md §4 (table and
 * correctness conditions), npm-scripts, npm-ci, poetry-cli, uv-docker, composer-cli,
 * bundle-config, and each tool's CLI reference (named where a rule depends on it).
 *
 * Every command of a covered ecosystem gets one of four roles:
 *   - `independent`: reads nothing from the project folder (`npm install -g pnpm`,
 *     `pip install --upgrade pip`, `go install x@v1`);
 *   - `reads-source`: anything else that is not a deps-only install (`npm run build`,
 *     `npm install express`, which edits package.json, `go build`);
 *   - `install` with a plan: the manifests to copy, and the reasons it cannot be split
 *     (`needsSource`: definite, never split; `unverified`: cannot be shown safe, split only
 *     with `--unsafe`).
 */
import type { BuildContextInfo } from '../core/transform.js';
import {
  ctxJoin,
  expandWorkspaces,
  outsideContext,
  PROJECT_READING_DEPENDENCIES,
  readComposerJson,
  readGemfile,
  readGoMod,
  readNpmrc,
  readPackageJson,
  readPipfile,
  readPnpmWorkspace,
  readPoetryToml,
  readPom,
  readProjectFile,
  readPyproject,
  readRequirements,
  readYarnrcYml,
  isLocalRequirement,
  type PackageJson,
  type WorkspaceMembers,
  expandMembers,
  readGoWork,
} from '../context/manifests.js';
import type { CommandView, Ecosystem, RunEnvironment } from './types.js';
import { envOf, falsy, flagValue, hasFlag, positionals, truthy, unwrap } from './util.js';
import { VALUE_FLAGS as NPM_VALUE_FLAGS } from './npm.js';
import { VALUE_FLAGS as YARN_VALUE_FLAGS } from './yarn.js';
import { VALUE_FLAGS as PNPM_VALUE_FLAGS } from './pnpm.js';
import { VALUE_FLAGS as BUN_VALUE_FLAGS } from './bun.js';
import { VALUE_FLAGS as PIP_FLAGS } from './pip.js';
import { VALUE_FLAGS as UV_VALUE_FLAGS } from './uv.js';
import { VALUE_FLAGS as POETRY_VALUE_FLAGS } from './poetry.js';
import { VALUE_FLAGS as PIPENV_VALUE_FLAGS } from './pipenv.js';
import { VALUE_FLAGS as GO_VALUE_FLAGS } from './go.js';
import { VALUE_FLAGS as BUNDLER_VALUE_FLAGS } from './bundler.js';
import { VALUE_FLAGS as COMPOSER_VALUE_FLAGS } from './composer.js';
import { VALUE_FLAGS as DOTNET_VALUE_FLAGS } from './dotnet.js';
import { VALUE_FLAGS as CARGO_VALUE_FLAGS } from './cargo.js';

export interface ManifestNeed {
  /** Path relative to the install's working directory (`package.json`, `packages/a/package.json`, `.yarn/releases`). */
  path: string;
  /** The install fails without it (when it is missing from the context, the split is not made). */
  required: boolean;
  /** A folder copied whole (`.mvn`, `.yarn/releases`). */
  dir?: boolean;
}

export interface DepsOnlyPlan {
  manifests: ManifestNeed[];
  /** The install reads more than manifests: never split. */
  needsSource: string[];
  /** The split cannot be shown safe (unreadable manifest, lifecycle script, lock rewrite): only with `--unsafe`. */
  unverified: string[];
  /** Paths (relative to the working directory) the install writes into the project: `.dockerignore` must exclude them. */
  outputs: string[];
  /**
   * Set (to the reason, e.g. "the workspace has 14 members") when one COPY per folder would be
   * too many lines: the manifests are then copied by one `COPY --parents`, where the file's
   * frontend has it (docker/dockerfile:1.20), and otherwise not at all (advice).
   */
  crowded?: string;
}

/** More workspace members than this are copied with one `COPY --parents` instead of a COPY each. */
export const MAX_MEMBER_COPIES = 12;

export type DepsRole = { role: 'independent' } | { role: 'reads-source'; why: string } | { role: 'install'; plan: DepsOnlyPlan };

/** The project folder the command runs in: its context folder (`''` = root), when the build context is known. */
export interface ProjectView {
  ctx?: BuildContextInfo;
  /** Context-relative folder that the install's working directory holds a copy of. */
  dir: string;
  /** Paths (relative to the working directory) of folders on PATH or VIRTUAL_ENV inside the project (an in-project venv). */
  venvs: string[];
}

/**
 * Ecosystems whose build needs the source but that have (or lack) a separate deps-only step:
 * what to tell the user when `COPY . .` is followed directly by the build. dockerfix does not
 * insert these steps (docs/split-manifest-copy.md, "Adding a deps-only step").
 */
export const DEPS_STEP_HINTS: Record<string, string> = {
  go: 'To cache the module downloads, copy go.mod and go.sum first and run `go mod download` before the broad COPY (not added automatically: it changes what the stage downloads and needs the same network access and credentials as the build).',
  maven: 'To cache dependencies, copy pom.xml (and .mvn/, mvnw) first and run `mvn dependency:go-offline` before the broad COPY (not added automatically: go-offline misses some plugin dependencies and fails on some multi-module builds; a cache mount on ~/.m2 is the safer win).',
  gradle: 'Gradle has no manifests-only step (build scripts are code that may read any file); a cache mount on the Gradle user home is the safe win.',
  cargo: 'Cargo has no manifests-only step: `cargo fetch` loads every package of the workspace with its targets, and with only the Cargo.toml files it fails ("no targets specified in the manifest"); a split would have to add stub `src/main.rs`/`src/lib.rs` files (what cargo-chef does), which is not a copy of the manifests. Cache mounts on the registry and target folders are the safe win.',
  dotnet: 'To cache the restore, copy the project files first and run `dotnet restore` before the broad COPY, then `dotnet publish --no-restore` (not added automatically: the restore then runs in a different layer from the build).',
};

const independent: DepsRole = { role: 'independent' };
const readsSource = (why: string): DepsRole => ({ role: 'reads-source', why });

function plan(p: Partial<DepsOnlyPlan> & { manifests: ManifestNeed[] }): DepsRole {
  return { role: 'install', plan: { needsSource: [], unverified: [], outputs: [], ...p } };
}

/** Manifests of an ecosystem module, as needs (the module's `required` stay required). */
function moduleManifests(eco: Ecosystem): ManifestNeed[] {
  const m = eco.manifests ?? { required: [], optional: [] };
  const need = (path: string, required: boolean): ManifestNeed => (path.endsWith('/') ? { path: path.replace(/\/+$/, ''), required, dir: true } : { path, required });
  return [...m.required.map((p) => need(p, true)), ...m.optional.map((p) => need(p, false))];
}

/** Is the file in the context? undefined when there is no context. */
function has(pv: ProjectView, rel: string): boolean | undefined {
  return pv.ctx ? pv.ctx.exists(ctxJoin(pv.dir, rel)) : undefined;
}

/** The role of one command for the split, or null when the ecosystem has no deps-only rules. */
export function depsRole(eco: Ecosystem, cmd: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole | null {
  const u = unwrap(cmd);
  switch (eco.id) {
    case 'npm':
      return npmRole(eco, u, env, pv);
    case 'yarn':
    case 'yarn-berry':
      return yarnRole(eco, u, env, pv);
    case 'pnpm':
      return pnpmRole(eco, u, env, pv);
    case 'bun':
      return bunRole(eco, u, env, pv);
    case 'pip':
      return pipRole(u, pv, 0);
    case 'uv':
      return uvRole(eco, u, env, pv);
    case 'poetry':
      return poetryRole(eco, u, env, pv);
    case 'pipenv':
      return pipenvRole(eco, u, env, pv);
    case 'go':
      return goRole(eco, u, env, pv);
    case 'maven':
      return mavenRole(eco, u, pv);
    case 'bundler':
      return bundlerRole(eco, u, env, pv);
    case 'composer':
      return composerRole(eco, u, pv);
    case 'dotnet':
      return dotnetRole(u, pv);
    case 'cargo':
      return cargoRole(u);
    case 'gradle':
      return readsSource('Gradle build scripts are code that may read any project file; there is no manifests-only step');
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Node

/** Shared checks of a Node project's package.json (and its workspace members'). */
function nodeProject(
  pv: ProjectView,
  opts: { tool: string; scriptsOff: boolean; workspaceGlobs?: 'package.json' | 'pnpm' },
  out: DepsOnlyPlan,
): void {
  if (!pv.ctx) {
    out.unverified.push('without a build context, package.json (its install scripts, workspaces and local dependencies) cannot be read');
    return;
  }
  const pkg = readPackageJson(pv.ctx, pv.dir);
  if (pkg.state === 'missing') {
    out.needsSource.push('package.json is not in the build context');
    return;
  }
  if (pkg.state === 'unknown') {
    out.unverified.push(`${pkg.why}, so its install scripts, workspaces and local dependencies are unknown`);
    return;
  }
  checkPackage(pkg, '', opts, out, pv);
  if (!opts.scriptsOff && pv.ctx.exists(ctxJoin(pv.dir, 'binding.gyp')) && !pkg.lifecycle.install && !pkg.lifecycle.preinstall) {
    out.needsSource.push('binding.gyp makes the install build the native addon from the source (`node-gyp rebuild`)');
  }

  let globs: string[] | null = null;
  if (opts.workspaceGlobs === 'pnpm') {
    if (pv.ctx.exists(ctxJoin(pv.dir, 'pnpm-workspace.yaml'))) {
      const ws = readPnpmWorkspace(pv.ctx, pv.dir);
      if (ws.state !== 'ok') {
        out.unverified.push(ws.state === 'unknown' ? `${ws.why}, so the workspace members are unknown` : 'pnpm-workspace.yaml vanished');
        return;
      }
      globs = ws.packages;
    }
  } else globs = pkg.workspaces;
  if (!globs || globs.length === 0) return;
  const members = expandWorkspaces(pv.ctx, pv.dir, globs);
  if (members.state !== 'ok') {
    out.unverified.push(members.state === 'unknown' ? members.why : 'workspace folders are missing');
    return;
  }
  const wsFile = opts.workspaceGlobs === 'pnpm' ? 'pnpm-workspace.yaml' : 'package.json';
  if (!memberListKnown(members, wsFile, 'package.json', out)) return;
  if (members.members.length > MAX_MEMBER_COPIES) out.crowded = `the workspace has ${members.members.length} members`;
  for (const m of members.members) {
    const rel = relFromDir(pv.dir, m) ?? relUp(pv.dir, m);
    if (rel === '') continue;
    out.manifests.push({ path: `${rel}/package.json`, required: true });
    out.outputs.push(`${rel}/node_modules`);
    const mp = readPackageJson(pv.ctx, m);
    if (mp.state !== 'ok') {
      out.unverified.push(mp.state === 'unknown' ? mp.why : `${m}/package.json vanished`);
      continue;
    }
    checkPackage(mp, rel, opts, out, pv);
    if (mp.hasBin) out.unverified.push(`workspace member ${rel} declares executables (\`bin\`), which the install links to files not copied yet`);
  }
}

function checkPackage(pkg: PackageJson, where: string, opts: { tool: string; scriptsOff: boolean }, out: DepsOnlyPlan, pv: ProjectView): void {
  const file = where ? `${where}/package.json` : 'package.json';
  if (!opts.scriptsOff) {
    for (const [name, script] of Object.entries(pkg.lifecycle)) {
      out.unverified.push(`${file} has a \`${name}\` script (\`${clip(script)}\`) that \`${opts.tool}\` runs during the install and that may read the source`);
    }
    const readers = pkg.deps.filter((d) => PROJECT_READING_DEPENDENCIES.includes(d));
    if (readers.length) out.unverified.push(`${file} depends on ${readers.map((r) => `\`${r}\``).join(', ')}, whose install script reads project files`);
  }
  for (const d of pkg.localDeps) out.needsSource.push(`${file} depends on \`${d.name}\` from a local folder (\`${d.spec}\`)`);
  for (const p of pkg.patches) {
    const rel = ctxJoin(where, p);
    if (outsideContext(ctxJoin(pv.dir, rel))) out.needsSource.push(`${file} applies the patch ${p} from outside the build context`);
    else out.manifests.push({ path: rel, required: true });
  }
}

/**
 * A workspace's member list is used only when it is complete from the context's data: every
 * literal member holds its manifest, every glob matches a member, none leaves the context.
 * Otherwise the refusal names what is missing (the split would otherwise copy a member list
 * dockerfix made up). Members outside the context are definite (`needsSource`); the rest
 * cannot be shown safe (`unverified`).
 */
function memberListKnown(m: WorkspaceMembers, wsFile: string, manifest: string, out: DepsOnlyPlan): boolean {
  for (const o of m.outside) out.needsSource.push(`${wsFile} names the workspace member \`${o}\`, outside the build context`);
  for (const x of m.missing) out.unverified.push(`${wsFile} names the workspace member ${x}, but ${x}/${manifest} is not in the build context`);
  for (const g of m.unmatched) out.unverified.push(`the workspace pattern \`${g}\` in ${wsFile} matches no folder with a ${manifest} in the build context`);
  return m.outside.length + m.missing.length + m.unmatched.length === 0;
}

/** `target` relative to `base` through `..` (both context-relative). */
function relUp(base: string, target: string): string {
  const b = base ? base.split('/') : [];
  const t = target ? target.split('/') : [];
  let i = 0;
  while (i < b.length && i < t.length && b[i] === t[i]) i++;
  return [...b.slice(i).map(() => '..'), ...t.slice(i)].join('/');
}

/** Path of `target` relative to `base` (both context-relative), or null when it is not inside. */
function relFromDir(base: string, target: string): string | null {
  if (base === '') return target;
  if (target === base) return '';
  return target.startsWith(base + '/') ? target.slice(base.length + 1) : null;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** `npm_config_<key>` in any letter case. */
function npmConfigEnv(env: RunEnvironment, key: string): string | undefined {
  let v: string | undefined;
  for (const [k, val] of env.env) if (k.toLowerCase() === `npm_config_${key}`) v = val;
  return v;
}

function npmScriptsOff(u: CommandView, env: RunEnvironment, pv: ProjectView): boolean {
  if (hasFlag(u.args, ['--ignore-scripts'])) return true;
  if (truthy(npmConfigEnv(env, 'ignore_scripts'))) return true;
  if (pv.ctx) {
    const rc = readNpmrc(pv.ctx, pv.dir);
    if (rc.state === 'ok' && rc.ignoreScripts) return true;
  }
  return false;
}

const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
const NPM_CI = new Set(['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean']);
const NPM_INDEPENDENT = new Set(['config', 'c', 'cache', 'help', 'ping', 'view', 'v', 'info', 'show', 'whoami', 'login', 'logout', 'adduser', 'set-script', 'doctor', 'completion', 'search', 'token', 'profile', 'owner', 'access', 'hook', 'star', 'stars', 'unstar']);

function isGlobal(args: (string | null)[]): boolean {
  return hasFlag(args, ['-g', '--global']) || flagValue(args, ['--location']) === 'global';
}

function npmRole(eco: Ecosystem, u: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole {
  if (u.name === 'npx') return readsSource('`npx` runs a package, possibly from the project');
  const p = positionals(u.args, NPM_VALUE_FLAGS);
  const sub = p[0];
  if (sub === undefined) return hasFlag(u.args, ['-v', '--version', '-h', '--help']) ? independent : readsSource('unknown npm command');
  if (sub === null) return readsSource('the npm subcommand is dynamic');
  if (NPM_INDEPENDENT.has(sub) || (sub === 'set' || sub === 'get')) return independent;
  const isCi = NPM_CI.has(sub);
  if (!isCi && !NPM_INSTALL.has(sub)) return readsSource(`\`npm ${sub}\` uses the project`);
  if (isGlobal(u.args)) return p.slice(1).some((a) => a === null || isLocalRequirement(a)) ? readsSource('a global install from a local folder') : independent;
  if (hasFlag(u.args, ['-w', '--workspace', '--workspaces', '--prefix'])) return readsSource('the install targets a workspace or prefix');
  if (p.length > 1) return readsSource(`\`npm ${sub}\` with package names changes package.json`);
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco), needsSource: [], unverified: [], outputs: ['node_modules'] };
  nodeProject(pv, { tool: `npm ${sub}`, scriptsOff: npmScriptsOff(u, env, pv) }, out);
  // `--no-package-lock`, `--no-save` (and their config forms) keep npm from writing the lock file.
  const noLock = hasFlag(u.args, ['--no-package-lock']) || u.args.includes('--package-lock=false') || falsy(npmConfigEnv(env, 'package_lock'));
  if (noLock) out.manifests = out.manifests.filter((m) => m.path !== 'package-lock.json'); // ignored, not read
  const keepsLock = noLock || hasFlag(u.args, ['--no-save']) || u.args.includes('--save=false') || falsy(npmConfigEnv(env, 'save'));
  if (!isCi && !keepsLock) lockRewrite(pv, ['package-lock.json', 'npm-shrinkwrap.json'], `npm ${sub}`, '`npm ci`', out);
  return plan(out);
}

/** A non-frozen install may rewrite its lock file; the broad COPY after it would then put the context's copy back. */
function lockRewrite(pv: ProjectView, locks: string[], tool: string, fix: string, out: DepsOnlyPlan): void {
  const present = locks.filter((l) => has(pv, l) !== false);
  if (present.length === 0) return;
  const known = pv.ctx ? present : [locks[0]];
  out.unverified.push(`\`${tool}\` may rewrite ${known.join(' or ')}${pv.ctx ? '' : ' if it exists'}; the broad COPY after it would put the context's copy back (${fix} never rewrites it)`);
}


function yarnRole(eco: Ecosystem, u: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole {
  const view = u.name === 'corepack' && u.args[0] === 'yarn' ? { ...u, name: 'yarn', args: u.args.slice(1) } : u;
  const p = positionals(view.args, YARN_VALUE_FLAGS);
  const sub = p.length === 0 ? 'install' : p[0];
  if (sub === null) return readsSource('the yarn subcommand is dynamic');
  if (hasFlag(view.args, ['-v', '--version', '-h', '--help']) && p.length === 0) return independent;
  if (sub === 'global' || sub === 'cache' || sub === 'config' || sub === 'info' || sub === 'login' || sub === 'logout') return independent;
  if (sub !== 'install') return readsSource(`\`yarn ${sub}\` uses the project`);
  if (p.length > 1) return readsSource('`yarn install` with arguments');
  if (flagValue(view.args, ['--cwd', '--modules-folder']) !== undefined) return readsSource('the install runs in another folder');
  const berry = eco.id === 'yarn-berry';
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco), needsSource: [], unverified: [], outputs: ['node_modules'] };
  const scriptsOff = berry ? flagValue(view.args, ['--mode']) === 'skip-build' : hasFlag(view.args, ['--ignore-scripts']) || truthy(envOf(env, 'YARN_IGNORE_SCRIPTS'));
  nodeProject(pv, { tool: 'yarn install', scriptsOff }, out);
  if (berry) {
    berryExtras(pv, out);
    const immutable = hasFlag(view.args, ['--immutable', '--frozen-lockfile']) || truthy(envOf(env, 'YARN_ENABLE_IMMUTABLE_INSTALLS')) || truthy(envOf(env, 'CI'));
    if (!immutable) lockRewrite(pv, ['yarn.lock'], 'yarn install', '`yarn install --immutable`', out);
  } else {
    const frozen = hasFlag(view.args, ['--frozen-lockfile', '--pure-lockfile']) || truthy(envOf(env, 'YARN_FROZEN_LOCKFILE'));
    if (!frozen) lockRewrite(pv, ['yarn.lock'], 'yarn install', '`yarn install --frozen-lockfile`', out);
  }
  return plan(out);
}

/** Yarn berry: the release and plugins `.yarnrc.yml` names, patches, and what Plug'n'Play writes. */
function berryExtras(pv: ProjectView, out: DepsOnlyPlan): void {
  if (!pv.ctx) {
    out.outputs.push('.pnp.cjs', '.pnp.loader.mjs', '.yarn/unplugged');
    return;
  }
  const rc = readYarnrcYml(pv.ctx, pv.dir);
  if (rc.state === 'unknown') {
    out.unverified.push(`${rc.why}, so the Yarn release, plugins and linker are unknown`);
    return;
  }
  if (rc.state === 'ok') {
    for (const f of [rc.yarnPath, ...rc.plugins]) {
      if (!f) continue;
      const rel = ctxJoin(f);
      if (outsideContext(ctxJoin(pv.dir, rel))) out.needsSource.push(`.yarnrc.yml names ${f}, outside the build context`);
      else if (!out.manifests.some((m) => m.dir && (rel === m.path || rel.startsWith(m.path + '/')))) out.manifests.push({ path: rel, required: true });
    }
    if (rc.enableGlobalCache === false) {
      const cache = rc.cacheFolder ?? '.yarn/cache';
      if (has(pv, cache)) out.manifests.push({ path: ctxJoin(cache), required: true, dir: true });
    }
    if ((rc.nodeLinker ?? 'pnp') === 'pnp') out.outputs.push('.pnp.cjs', '.pnp.loader.mjs', '.yarn/unplugged');
  } else out.outputs.push('.pnp.cjs', '.pnp.loader.mjs', '.yarn/unplugged');
  // patch: files are already listed from package.json; keep the list unique.
  dedupe(out);
}

function dedupe(out: DepsOnlyPlan): void {
  const seen = new Set<string>();
  out.manifests = out.manifests.filter((m) => {
    if (seen.has(m.path)) return false;
    seen.add(m.path);
    return !out.manifests.some((d) => d !== m && d.dir && m.path.startsWith(d.path + '/'));
  });
}


function pnpmRole(eco: Ecosystem, u: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole {
  if (u.name === 'pnpx') return readsSource('`pnpx` runs a package');
  const p = positionals(u.args, PNPM_VALUE_FLAGS);
  const sub = p.length === 0 ? 'install' : p[0];
  if (sub === null) return readsSource('the pnpm subcommand is dynamic');
  if (sub === 'config' || sub === 'store' || sub === 'setup' || sub === 'env') return independent;
  if ((sub === 'add' || sub === 'install' || sub === 'i') && isGlobal(u.args)) return independent;
  if (hasFlag(u.args, ['--filter', '-F', '--dir', '-C', '--modules-dir'])) return readsSource('the install targets a filter or another folder');
  if (sub === 'fetch') {
    // `pnpm fetch` reads only the lockfile (and .npmrc for registries), runs no scripts, writes only the store.
    return plan({ manifests: [{ path: 'pnpm-lock.yaml', required: true }, { path: '.npmrc', required: false }, { path: 'pnpm-workspace.yaml', required: false }], outputs: ['node_modules'] });
  }
  if (sub !== 'install' && sub !== 'i') return readsSource(`\`pnpm ${sub}\` uses the project`);
  if (p.length > 1) return readsSource('`pnpm install` with arguments');
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco), needsSource: [], unverified: [], outputs: ['node_modules'] };
  nodeProject(pv, { tool: 'pnpm install', scriptsOff: npmScriptsOff(u, env, pv), workspaceGlobs: 'pnpm' }, out);
  const frozen = hasFlag(u.args, ['--frozen-lockfile']) || truthy(envOf(env, 'CI')) || truthy(npmConfigEnv(env, 'frozen_lockfile'));
  if (!frozen) lockRewrite(pv, ['pnpm-lock.yaml'], 'pnpm install', '`pnpm install --frozen-lockfile`', out);
  dedupe(out);
  return plan(out);
}

function bunRole(eco: Ecosystem, u: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole {
  if (u.name === 'bunx') return readsSource('`bunx` runs a package');
  const p = positionals(u.args, BUN_VALUE_FLAGS);
  const sub = p[0];
  if (sub === undefined) return hasFlag(u.args, ['-v', '--version', '--revision', '-h', '--help']) ? independent : readsSource('bare `bun`');
  if (sub === null) return readsSource('the bun subcommand is dynamic');
  if ((sub === 'install' || sub === 'i' || sub === 'add' || sub === 'a') && isGlobal(u.args)) return independent;
  if (sub === 'pm' && p[1] === 'cache') return independent;
  if (sub !== 'install' && sub !== 'i') return readsSource(`\`bun ${sub}\` uses the project`);
  if (p.length > 1) return readsSource('`bun install` with package names changes package.json');
  if (flagValue(u.args, ['--cwd']) !== undefined) return readsSource('the install runs in another folder');
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco), needsSource: [], unverified: [], outputs: ['node_modules'] };
  nodeProject(pv, { tool: 'bun install', scriptsOff: hasFlag(u.args, ['--ignore-scripts']) }, out);
  if (!hasFlag(u.args, ['--frozen-lockfile']) && !truthy(envOf(env, 'BUN_CONFIG_FROZEN_LOCKFILE'))) lockRewrite(pv, ['bun.lock', 'bun.lockb'], 'bun install', '`bun install --frozen-lockfile`', out);
  dedupe(out);
  return plan(out);
}

// ---------------------------------------------------------------------------------------------
// Python

const PIP_VALUE_FLAGS = new Set([...PIP_FLAGS, ...UV_VALUE_FLAGS]);

/**
 * `pip install …` (also `uv pip install`, `uv pip sync`, whose args start at `from`): the
 * requirement files it reads, and whether any argument or requirement needs the source.
 */
function pipRole(u: CommandView, pv: ProjectView, from: number, sync = false): DepsRole {
  const args = u.args.slice(from);
  const p = positionals(args, [...PIP_VALUE_FLAGS]);
  const sub = p[0];
  if (sub === null) return readsSource('the pip subcommand is dynamic');
  if (sub === undefined) return independent; // `pip --version`
  if (sub === 'config' || sub === 'cache' || sub === 'list' || sub === 'freeze' || sub === 'show' || sub === 'check' || sub === 'help' || sub === 'debug') return independent;
  if (sub !== 'install' && !(sync && sub === 'sync')) return readsSource(`\`pip ${sub}\` uses or writes project files`);
  const files: string[] = [];
  const needsSource: string[] = [];
  const unverified: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null) {
      unverified.push('an argument is dynamic');
      continue;
    }
    const take = (long: string[], short: string) => {
      for (const f of long) {
        if (a === f) return args[++i] ?? null;
        if (a.startsWith(f + '=')) return a.slice(f.length + 1);
      }
      if (short && a.startsWith(short) && a.length > short.length && !a.startsWith('--')) return a.slice(short.length);
      return undefined;
    };
    const req = take(['-r', '--requirement', '-c', '--constraint'], a.startsWith('-c') ? '-c' : '-r');
    if (req !== undefined) {
      if (req === null || /\$/.test(req)) unverified.push('a requirements file name is dynamic');
      else if (!/^[a-z][\w+.-]*:\/\//i.test(req)) files.push(req);
      continue;
    }
    const ed = take(['-e', '--editable'], '-e');
    if (ed !== undefined) {
      needsSource.push(`\`-e ${ed ?? '…'}\` installs a project in editable mode`);
      continue;
    }
    const fl = take(['-f', '--find-links'], '-f');
    if (fl !== undefined) {
      if (fl === null || !/^[a-z][\w+.-]*:\/\//i.test(fl)) needsSource.push(`\`--find-links ${fl ?? '…'}\` reads packages from a local folder`);
      continue;
    }
    const dest = take(['-t', '--target', '--prefix', '--root'], '-t');
    if (dest !== undefined) {
      if (dest === null || !dest.startsWith('/')) unverified.push(`the install writes into ${dest ?? 'a dynamic folder'}, possibly inside the project`);
      continue;
    }
    if (a.startsWith('-')) {
      if (PIP_VALUE_FLAGS.has(a)) i++;
      continue;
    }
  }
  const positional = p.slice(1);
  for (const a of positional) if (a !== null && (a === '.' || isLocalRequirement(a))) needsSource.push(`\`${a}\` is a local path`);
  if (sync) files.push(...positional.filter((a): a is string => a !== null && !isLocalRequirement(a) && /\.(txt|in)$/.test(a)));
  if (files.length === 0 && needsSource.length === 0 && unverified.length === 0) return independent; // `pip install --upgrade pip gunicorn`
  const out: DepsOnlyPlan = { manifests: [], needsSource, unverified, outputs: [...pv.venvs] };
  for (const f of files) {
    const path = ctxJoin(f);
    if (f.startsWith('/') || outsideContext(ctxJoin(pv.dir, path))) {
      out.needsSource.push(`the requirements file ${f} is not inside the copied folder`);
      continue;
    }
    out.manifests.push({ path, required: true });
    if (!pv.ctx) {
      out.unverified.push(`without a build context, ${f} cannot be read (it may include other files, \`-e .\` or local paths)`);
      continue;
    }
    const r = readRequirements(pv.ctx, ctxJoin(pv.dir, path));
    if (r.state === 'missing') out.needsSource.push(`${f} is not in the build context`);
    else if (r.state === 'unknown') out.unverified.push(`${r.why}, so its includes and local entries are unknown`);
    else {
      for (const inc of r.files.slice(1)) {
        const rel = relFromDir(pv.dir, inc);
        if (rel === null) out.needsSource.push(`${f} includes ${inc}, outside the copied folder`);
        else out.manifests.push({ path: rel, required: true });
      }
      out.needsSource.push(...r.needsSource);
    }
  }
  dedupe(out);
  return plan(out);
}

/** Readme named by pyproject.toml: Poetry and uv validate it while loading the project. */
function pyReadme(pv: ProjectView): ManifestNeed[] {
  const text = pv.ctx?.read(ctxJoin(pv.dir, 'pyproject.toml'));
  if (!text) return [];
  const m = /^\s*readme\s*=\s*["']([^"']+)["']/m.exec(text);
  return m && !outsideContext(ctxJoin(pv.dir, m[1])) && has(pv, m[1]) ? [{ path: ctxJoin(m[1]), required: true }] : [];
}


function uvRole(eco: Ecosystem, u: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole {
  if (u.name === 'uvx') return readsSource('`uvx` runs a tool');
  const p = positionals(u.args, UV_VALUE_FLAGS);
  if (p[0] === 'pip') {
    const at = u.args.indexOf('pip');
    return pipRole(u, pv, at + 1, true);
  }
  if (p[0] === 'tool' || p[0] === 'python' || p[0] === 'cache' || p[0] === 'self' || p[0] === 'version' || p.length === 0) return independent;
  if (p[0] !== 'sync') return readsSource(`\`uv ${p[0] ?? '…'}\` uses the project`);
  if (hasFlag(u.args, ['--project', '--directory', '--package', '--script'])) return readsSource('`uv sync` targets another project or package');
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco), needsSource: [], unverified: [], outputs: [] };
  const venv = envOf(env, 'UV_PROJECT_ENVIRONMENT');
  if (venv === undefined || !venv.startsWith('/')) out.outputs.push(venv ?? '.venv');
  out.outputs.push(...pv.venvs);
  const noProject = hasFlag(u.args, ['--no-install-project', '--only-group']);
  const noWorkspace = hasFlag(u.args, ['--no-install-workspace']);
  if (!pv.ctx) {
    // Like `poetry install` without `--no-root`: installing the project needs its source, unless
    // pyproject.toml shows a project without a build system, which cannot be read here.
    if (!noProject && !noWorkspace) out.needsSource.push('`uv sync` installs the project itself unless pyproject.toml has no build system, and without a build context that cannot be read (add `--no-install-project`)');
    out.unverified.push('without a build context, pyproject.toml cannot be read (workspace members, local sources)');
  } else {
    const py = readPyproject(pv.ctx, pv.dir);
    if (py.state === 'missing') out.needsSource.push('pyproject.toml is not in the build context');
    else if (py.state === 'unknown') out.unverified.push(`${py.why}, so whether \`uv sync\` installs the project is unknown`);
    else {
      const packaged = py.uvPackage ?? py.buildSystem;
      if (packaged && !noProject && !noWorkspace) out.needsSource.push('`uv sync` installs the project itself (add `--no-install-project` to install only its dependencies)');
      if (py.uvWorkspace) out.unverified.push('the project is a uv workspace: its members\' manifests are not copied');
      if (py.uvLocalSources.length) out.needsSource.push(`dependencies from local folders: ${py.uvLocalSources.join(', ')}`);
      if (packaged && py.dynamic.length) out.unverified.push(`[project].dynamic (${py.dynamic.join(', ')}) may need the source to compute the project's metadata`);
      out.manifests.push(...pyReadme(pv));
    }
  }
  const locked = hasFlag(u.args, ['--locked', '--frozen']) || truthy(envOf(env, 'UV_LOCKED')) || truthy(envOf(env, 'UV_FROZEN'));
  if (!locked) lockRewrite(pv, ['uv.lock'], 'uv sync', '`uv sync --locked`', out);
  dedupe(out);
  return plan(out);
}


/** Why `poetry install` without `--no-root` stays below the broad copy, and the two-step way out. */
const POETRY_ROOT =
  '`poetry install` without `--no-root` installs the project itself, which reads its source (to cache the dependencies, run `poetry install --no-root` before the source is copied and `poetry install --only-root` after it)';

function poetryRole(eco: Ecosystem, u: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole {
  const p = positionals(u.args, POETRY_VALUE_FLAGS);
  // `poetry config --local` writes poetry.toml into the project: the moved broad copy would put the context's back.
  if (p[0] === 'config' && hasFlag(u.args, ['--local'])) return readsSource('`poetry config --local` writes poetry.toml into the project (move the setting to an ENV, e.g. `POETRY_VIRTUALENVS_IN_PROJECT=true`, or commit poetry.toml)');
  if (p[0] === 'config' || p[0] === 'self' || p[0] === 'cache' || p[0] === 'about' || p.length === 0) return independent;
  if (p[0] !== 'install' && p[0] !== 'sync') return readsSource(`\`poetry ${p[0] ?? '…'}\` uses the project`);
  if (hasFlag(u.args, ['-C', '--directory', '-P', '--project'])) return readsSource('the install runs in another folder');
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco), needsSource: [], unverified: [], outputs: [...pv.venvs] };
  const noRoot = hasFlag(u.args, ['--no-root']) && !hasFlag(u.args, ['--only-root']);
  const noDirectory = hasFlag(u.args, ['--no-directory']);
  if (!pv.ctx) {
    if (!noRoot) out.needsSource.push(POETRY_ROOT);
    if (!noDirectory) out.unverified.push('without a build context, pyproject.toml cannot be read for path dependencies (add `--no-directory`)');
    if (!truthy(envOf(env, 'POETRY_VIRTUALENVS_CREATE')) && envOf(env, 'POETRY_VIRTUALENVS_CREATE') !== undefined) {
      /* venv disabled: nothing in the project */
    } else out.outputs.push('.venv');
  } else {
    const py = readPyproject(pv.ctx, pv.dir);
    if (py.state === 'missing') out.needsSource.push('pyproject.toml is not in the build context');
    else if (py.state === 'unknown') out.unverified.push(`${py.why}, so path dependencies and package mode are unknown`);
    else {
      if (!noRoot && py.poetryPackageMode) out.needsSource.push(POETRY_ROOT);
      if (!noDirectory && (py.poetryPathDeps.length || py.fileDeps.length)) {
        out.needsSource.push(`path dependencies (${[...py.poetryPathDeps, ...py.fileDeps].join(', ')}) need their folders (add \`--no-directory\`)`);
      }
      out.manifests.push(...pyReadme(pv));
    }
    // Where the virtualenv goes: in the project only with `in-project`.
    const inProjectEnv = envOf(env, 'POETRY_VIRTUALENVS_IN_PROJECT');
    if (truthy(inProjectEnv)) out.outputs.push('.venv');
    else if (inProjectEnv === undefined && has(pv, 'poetry.toml')) {
      const pt = readPoetryToml(pv.ctx, pv.dir);
      if (pt.state === 'unknown') out.unverified.push(`${pt.why}: it may put the virtualenv in the project`);
      else if (pt.state === 'ok' && pt.inProject) out.outputs.push('.venv');
    }
    if (has(pv, '.venv')) out.outputs.push('.venv'); // Poetry uses an existing in-project .venv
  }
  dedupe(out);
  out.outputs = [...new Set(out.outputs)];
  return plan(out);
}

function pipenvRole(eco: Ecosystem, u: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole {
  const p = positionals(u.args, PIPENV_VALUE_FLAGS);
  const sub = p[0];
  if (sub === undefined || sub === '--version') return independent;
  if (sub !== 'install' && sub !== 'sync') return readsSource(`\`pipenv ${sub ?? '…'}\` uses the project`);
  if (p.length > 1 || hasFlag(u.args, ['-r', '--requirements', '-e', '--editable'])) return readsSource(`\`pipenv ${sub}\` with packages changes the Pipfile`);
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco).map((m) => (m.path === 'Pipfile.lock' ? { ...m, required: false } : m)), needsSource: [], unverified: [], outputs: [...pv.venvs] };
  if (!pv.ctx) out.unverified.push('without a build context, the Pipfile cannot be read for local or editable packages');
  else {
    const pf = readPipfile(pv.ctx, pv.dir);
    if (pf.state === 'missing') out.needsSource.push('Pipfile is not in the build context');
    else if (pf.state === 'unknown') out.unverified.push(`${pf.why}, so local or editable packages are unknown`);
    else if (pf.localPackages.length) out.needsSource.push(`the Pipfile installs local or editable packages (${pf.localPackages.join(', ')})`);
  }
  if (!hasFlag(u.args, ['--system'])) {
    if (truthy(envOf(env, 'PIPENV_VENV_IN_PROJECT')) || has(pv, '.venv') !== false) out.outputs.push('.venv');
  }
  const frozen = sub === 'sync' || hasFlag(u.args, ['--deploy', '--ignore-pipfile']) || truthy(envOf(env, 'PIPENV_DEPLOY'));
  if (!frozen) lockRewrite(pv, ['Pipfile.lock'], 'pipenv install', '`pipenv install --deploy`', out);
  out.outputs = [...new Set(out.outputs)];
  return plan(out);
}

// ---------------------------------------------------------------------------------------------
// Go, Java, Ruby, PHP, .NET, Rust

function goRole(eco: Ecosystem, u: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole {
  const p = positionals(u.args, GO_VALUE_FLAGS);
  if (p[0] === 'version' || p[0] === 'env' || p[0] === 'help' || p.length === 0) return independent;
  // `go install x@v1.2.3` installs a remote module's command and ignores the current module.
  if ((p[0] === 'install' || p[0] === 'run') && p.length > 1 && p.slice(1).every((a) => a !== null && /@/.test(a) && !a.startsWith('.'))) return independent;
  if (p[0] !== 'mod' || p[1] !== 'download') return readsSource(`\`go ${p.filter((x) => x !== null).slice(0, 2).join(' ')}\` reads the source`);
  if (hasFlag(u.args, ['-C', '-modfile'])) return readsSource('`go mod download` in another folder or with another go.mod');
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco).filter((m) => !m.path.startsWith('go.work')), needsSource: [], unverified: [], outputs: [] };
  if (!pv.ctx) {
    out.unverified.push('without a build context, go.mod cannot be read for local `replace` directives');
    out.manifests.push({ path: 'go.work', required: false }, { path: 'go.work.sum', required: false });
    return plan(out);
  }
  const gowork = envOf(env, 'GOWORK');
  if (gowork !== undefined && gowork !== 'off' && gowork !== '') {
    out.unverified.push(`GOWORK=${gowork} names a workspace file that is not followed`);
    return plan(out);
  }
  if (gowork !== 'off') {
    // The go command looks for go.work in the working folder and every folder above it.
    for (let d = pv.dir; ; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
      if (d !== pv.dir && pv.ctx.exists(ctxJoin(d, 'go.work'))) {
        out.unverified.push(`${ctxJoin(d, 'go.work')}, in a folder above the one \`go mod download\` runs in, makes this a workspace whose members are not copied`);
        return plan(out);
      }
      if (d === '') break;
    }
    if (has(pv, 'go.work')) return goWorkspace(out, pv);
  }
  const gm = readGoMod(pv.ctx, pv.dir);
  if (gm.state === 'missing') out.needsSource.push('go.mod is not in the build context');
  else if (gm.state === 'unknown') out.unverified.push(`${gm.why}, so local \`replace\` directives are unknown`);
  else {
    for (const r of gm.localReplaces) {
      const rel = ctxJoin(r, 'go.mod');
      if (r.startsWith('/') || outsideContext(ctxJoin(pv.dir, rel))) out.needsSource.push(`go.mod replaces a module with ${r}, outside the copied folder`);
      else out.manifests.push({ path: rel, required: true });
    }
  }
  return plan(out);
}

/**
 * `go mod download` in workspace mode (a go.work in the folder): it loads the module graph of
 * every module the go.work `use`s, from their go.mod files (go.sum files for checksums) and
 * the go.work's own `replace` targets; it compiles nothing and needs no .go file. So go.work,
 * go.work.sum and each member's go.mod and go.sum are the manifests, with the paths kept.
 * In workspace mode the download records checksums that no member's go.sum has in
 * go.work.sum (cmd/go test work_why_download_graph): when the context has one, the broad copy
 * after the install would put the context's copy back, as with a rewritten lock file.
 */
function goWorkspace(out: DepsOnlyPlan, pv: ProjectView): DepsRole {
  const ctx = pv.ctx!;
  const gw = readGoWork(ctx, pv.dir);
  if (gw.state !== 'ok') {
    out.unverified.push(gw.state === 'unknown' ? `${gw.why}, so the workspace members are unknown` : 'go.work vanished');
    return plan(out);
  }
  out.manifests = [{ path: 'go.work', required: true }];
  // The folder's own go.mod is copied even when go.work does not `use` it: the go command sees it either way.
  if (has(pv, 'go.mod')) out.manifests.push({ path: 'go.mod', required: true });
  if (has(pv, 'go.work.sum')) {
    out.manifests.push({ path: 'go.work.sum', required: true });
    out.unverified.push('`go mod download` in a workspace may record missing checksums in go.work.sum; the broad COPY after it would put the context\'s copy back');
  }
  const members = expandMembers(ctx, pv.dir, gw.use, 'go.mod');
  if (members.state !== 'ok') {
    out.unverified.push(members.state === 'unknown' ? members.why : 'go.work members vanished');
    return plan(out);
  }
  if (!memberListKnown(members, 'go.work', 'go.mod', out)) return plan(out);
  if (members.members.length === 0) out.unverified.push('go.work uses no module');
  if (members.members.length > MAX_MEMBER_COPIES) out.crowded = `the workspace has ${members.members.length} modules`;
  const modules = [...members.members];
  for (const r of gw.localReplaces) {
    const target = ctxJoin(pv.dir, r);
    if (r.startsWith('/') || outsideContext(target)) out.needsSource.push(`go.work replaces a module with ${r}, outside the build context`);
    else if (!ctx.exists(ctxJoin(target, 'go.mod'))) out.unverified.push(`go.work replaces a module with ${r}, but ${ctxJoin(target, 'go.mod')} is not in the build context`);
    else if (!modules.includes(target)) modules.push(target);
  }
  for (let k = 0; k < modules.length; k++) {
    const m = modules[k];
    const rel = relFromDir(pv.dir, m) ?? relUp(pv.dir, m);
    const at = (f: string) => (rel ? `${rel}/${f}` : f);
    out.manifests.push({ path: at('go.mod'), required: true });
    if (ctx.exists(ctxJoin(m, 'go.sum'))) out.manifests.push({ path: at('go.sum'), required: true });
    const gm = readGoMod(ctx, m);
    if (gm.state === 'unknown') out.unverified.push(`${gm.why}, so its local \`replace\` directives are unknown`);
    else if (gm.state === 'ok') {
      for (const r of gm.localReplaces) {
        const target = ctxJoin(m, r);
        if (r.startsWith('/') || outsideContext(target)) out.needsSource.push(`${ctxJoin(m, 'go.mod')} replaces a module with ${r}, outside the build context`);
        else if (!ctx.exists(ctxJoin(target, 'go.mod'))) out.unverified.push(`${ctxJoin(m, 'go.mod')} replaces a module with ${r}, but ${ctxJoin(target, 'go.mod')} is not in the build context`);
        else if (!modules.includes(target)) modules.push(target);
      }
    }
  }
  dedupe(out);
  return plan(out);
}

const DEPS_GOALS = /^(dependency:go-offline|dependency:resolve|dependency:resolve-plugins|de\.qaware\.maven:go-offline-maven-plugin:resolve-dependencies)$/;

function mavenRole(eco: Ecosystem, u: CommandView, pv: ProjectView): DepsRole {
  const goals: string[] = [];
  const manifests: ManifestNeed[] = moduleManifests(eco).filter((m) => m.path !== 'mvnw');
  const unverified: string[] = [];
  for (let i = 0; i < u.args.length; i++) {
    const a = u.args[i];
    if (a === null) return readsSource('a Maven argument is dynamic');
    if (a === '-s' || a === '--settings' || a === '-gs' || a === '--global-settings') {
      const v = u.args[++i];
      if (v === null || v === undefined) return readsSource('the settings file is dynamic');
      if (!v.startsWith('/')) manifests.push({ path: ctxJoin(v), required: true });
      continue;
    }
    if (a === '-f' || a === '--file' || a === '-pl' || a === '--projects' || a.startsWith('-Dmaven.multiModuleProjectDirectory')) return readsSource('the build selects other POMs or modules');
    if (a.startsWith('-')) {
      if (['-P', '--activate-profiles', '-D', '-l', '--log-file', '-T', '--threads', '-t', '--toolchains', '-b', '--builder'].includes(a)) i++;
      continue;
    }
    goals.push(a);
  }
  if (goals.length === 0) return independent; // `mvn -v`
  if (!goals.every((g) => DEPS_GOALS.test(g))) return readsSource(`\`${goals.join(' ')}\` builds the project`);
  if (u.name === 'mvnw') manifests.push({ path: 'mvnw', required: true });
  const out: DepsOnlyPlan = { manifests, needsSource: [], unverified, outputs: [] };
  if (!pv.ctx) {
    out.unverified.push('without a build context, pom.xml cannot be read for modules, a local parent or system-path jars');
    return plan(out);
  }
  const pom = readPom(pv.ctx, pv.dir);
  if (pom.state === 'missing') out.needsSource.push('pom.xml is not in the build context');
  else if (pom.state === 'unknown') out.unverified.push(`${pom.why}, so modules and local files are unknown`);
  else {
    if (pom.modules.length) out.unverified.push(`pom.xml has modules (${pom.modules.join(', ')}): \`dependency:go-offline\` on a multi-module build also needs the modules' POMs and may try to download sibling modules`);
    if (pom.parentRelativePath && !outsideContext(ctxJoin(pv.dir, pom.parentRelativePath)) && has(pv, pom.parentRelativePath)) {
      out.unverified.push(`the parent POM is the local ${pom.parentRelativePath}`);
    }
    for (const s of pom.systemPaths) if (/\$\{(project\.)?basedir\}/.test(s)) out.needsSource.push(`a dependency is the project file ${s}`);
  }
  return plan(out);
}

function bundlerRole(eco: Ecosystem, u: CommandView, env: RunEnvironment, pv: ProjectView): DepsRole {
  const p = positionals(u.args, BUNDLER_VALUE_FLAGS);
  const sub = p.length === 0 ? 'install' : p[0];
  if (sub === 'config' && (p[1] === 'set' || p.length >= 3) && !hasFlag(u.args, ['--local'])) return independent;
  if (sub === 'config' && p.length >= 2 && p[1] === 'get') return independent;
  if (sub === 'version' || hasFlag(u.args, ['-v', '--version'])) return independent;
  if (sub !== 'install') return readsSource(`\`bundle ${sub ?? '…'}\` uses the project`);
  if (p.length > 1 || hasFlag(u.args, ['--gemfile', '--standalone'])) return readsSource('`bundle install` with another Gemfile or arguments');
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco), needsSource: [], unverified: [], outputs: [] };
  const path = flagValue(u.args, ['--path']) ?? envOf(env, 'BUNDLE_PATH');
  if (hasFlag(u.args, ['--deployment']) || truthy(envOf(env, 'BUNDLE_DEPLOYMENT'))) out.outputs.push(path && !path.startsWith('/') ? path : 'vendor/bundle');
  else if (path !== undefined && path !== null && !path.startsWith('/')) out.outputs.push(path);
  out.outputs.push('.bundle');
  if (!pv.ctx) out.unverified.push('without a build context, the Gemfile cannot be read (`gemspec`, `path:` gems, files it loads)');
  else {
    const gf = readGemfile(pv.ctx, pv.dir);
    if (gf.state === 'missing') out.needsSource.push('Gemfile is not in the build context');
    else if (gf.state === 'unknown') out.unverified.push(`${gf.why}, so \`gemspec\`, \`path:\` gems and loaded files are unknown`);
    else {
      out.needsSource.push(...gf.needsSource.map((s) => `the Gemfile uses ${s}`));
      for (const r of gf.reads) if (has(pv, r)) out.manifests.push({ path: r, required: true });
    }
  }
  const frozen = hasFlag(u.args, ['--deployment', '--frozen']) || truthy(envOf(env, 'BUNDLE_FROZEN')) || truthy(envOf(env, 'BUNDLE_DEPLOYMENT'));
  if (!frozen) lockRewrite(pv, ['Gemfile.lock'], 'bundle install', '`BUNDLE_FROZEN=true` or `bundle config set frozen true`', out);
  return plan(out);
}

function composerRole(eco: Ecosystem, u: CommandView, pv: ProjectView): DepsRole {
  const p = positionals(u.args, COMPOSER_VALUE_FLAGS);
  const sub = p[0];
  if (sub === undefined || sub === 'self-update' || sub === 'selfupdate' || sub === 'diagnose' || sub === 'about' || sub === 'clear-cache' || sub === 'clearcache') return independent;
  if (sub === 'global' || (sub === 'config' && hasFlag(u.args, ['-g', '--global']))) return independent;
  if (sub !== 'install' && sub !== 'i') return readsSource(`\`composer ${sub ?? '…'}\` uses the project`);
  if (p.length > 1 || hasFlag(u.args, ['-d', '--working-dir'])) return readsSource('`composer install` in another folder');
  const out: DepsOnlyPlan = { manifests: moduleManifests(eco), needsSource: [], unverified: [], outputs: ['vendor'] };
  const noScripts = hasFlag(u.args, ['--no-scripts']);
  const noAutoloader = hasFlag(u.args, ['--no-autoloader']);
  const optimize = hasFlag(u.args, ['-o', '--optimize-autoloader', '-a', '--classmap-authoritative', '--apcu-autoloader']);
  if (!noAutoloader && optimize) out.needsSource.push('an optimized autoloader is generated by scanning the source folders (add `--no-autoloader` and dump it after the COPY)');
  if (!pv.ctx) {
    out.unverified.push('without a build context, composer.json cannot be read for scripts, plugins, path repositories and classmaps');
    return plan(out);
  }
  const cj = readComposerJson(pv.ctx, pv.dir);
  if (cj.state === 'missing') out.needsSource.push('composer.json is not in the build context');
  else if (cj.state === 'unknown') out.unverified.push(`${cj.why}, so scripts, plugins and path repositories are unknown`);
  else {
    if (!noScripts && cj.scripts.length) out.unverified.push(`composer.json runs ${cj.scripts.map((s) => `\`${s}\``).join(', ')} scripts during the install (add \`--no-scripts\`)`);
    if (!hasFlag(u.args, ['--no-plugins']) && cj.pluginsAllowed) out.unverified.push('composer.json allows plugins, which run during the install and may read or write project files');
    if (cj.pathRepositories.length) out.needsSource.push(`packages from local folders (${cj.pathRepositories.join(', ')})`);
    if (!noAutoloader && !optimize && cj.classmap) out.needsSource.push('the autoloader classmap is built by scanning source folders (add `--no-autoloader`)');
    const vendorDir = /"vendor-dir"\s*:\s*"([^"]+)"/.exec(pv.ctx.read(ctxJoin(pv.dir, 'composer.json')) ?? '');
    if (vendorDir) out.outputs = [vendorDir[1]];
  }
  return plan(out);
}

const DOTNET_SHARED = ['NuGet.config', 'nuget.config', 'NuGet.Config', 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json'];

function dotnetRole(u: CommandView, pv: ProjectView): DepsRole {
  const p = positionals(u.args, DOTNET_VALUE_FLAGS);
  const sub = p[0];
  if (sub === undefined || hasFlag(u.args, ['--info', '--version', '--list-sdks', '--list-runtimes'])) return independent;
  if ((sub === 'tool' && hasFlag(u.args, ['-g', '--global', '--tool-path'])) || sub === 'nuget' || sub === 'dev-certs' || sub === 'workload' || sub === 'new') return independent;
  if (sub !== 'restore') return readsSource(`\`dotnet ${sub ?? '…'}\` builds the project`);
  if (hasFlag(u.args, ['--packages', '--configfile', '--lock-file-path'])) return readsSource('`dotnet restore` with its own packages folder or config file');
  const target = p[1];
  const out: DepsOnlyPlan = { manifests: [], needsSource: [], unverified: [], outputs: [] };
  if (target === null) return readsSource('the project to restore is dynamic');
  if (!pv.ctx) {
    out.unverified.push('without a build context, the project files and their references are unknown');
    if (target) out.manifests.push({ path: ctxJoin(target), required: true });
    else for (const ext of ['*.sln', '*.slnx', '*.csproj', '*.fsproj', '*.vbproj']) out.manifests.push({ path: ext, required: false });
    for (const f of DOTNET_SHARED) out.manifests.push({ path: f, required: false });
    out.outputs.push('obj');
    return plan(out);
  }
  const ctx = pv.ctx;
  let projects: string[] = [];
  if (target) projects = [ctxJoin(target)];
  else {
    const names = ctx.list(pv.dir);
    if (names === null) return plan({ ...out, unverified: ['the project folder cannot be listed'] });
    const sln = names.filter((n) => /\.slnx?$/i.test(n));
    const proj = names.filter((n) => /\.(cs|fs|vb)proj$/i.test(n));
    if (sln.length + proj.length !== 1 && !(sln.length === 0 && proj.length === 1)) {
      return plan({ ...out, unverified: [`\`dotnet restore\` here picks among ${[...sln, ...proj].join(', ') || 'no project files'}`] });
    }
    projects = sln.length ? sln : proj;
  }
  const queue = [...projects];
  const seen = new Set<string>();
  while (queue.length) {
    const rel = queue.shift()!;
    if (seen.has(rel)) continue;
    seen.add(rel);
    const full = ctxJoin(pv.dir, rel);
    if (rel.startsWith('/') || outsideContext(full)) {
      out.needsSource.push(`${rel} is outside the copied folder`);
      continue;
    }
    out.manifests.push({ path: rel, required: true });
    if (/\.slnx?$/i.test(rel)) {
      const text = ctx.read(full);
      if (text === null) {
        out.unverified.push(`could not read ${rel}, so its projects are unknown`);
        continue;
      }
      const base = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      for (const m of text.matchAll(/"([^"]+\.(?:cs|fs|vb)proj)"/gi)) queue.push(ctxJoin(base, m[1].replace(/\\/g, '/')));
      continue;
    }
    const pf = readProjectFile(ctx, full);
    if (pf.state !== 'ok') {
      out.unverified.push(pf.state === 'unknown' ? `${pf.why}, so its references are unknown` : `${rel} is not in the build context`);
      continue;
    }
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    for (const r of pf.projectReferences) queue.push(ctxJoin(dir, r.replace(/\\/g, '/')));
    for (const i of pf.imports) out.needsSource.push(`${rel} imports ${i}`);
    out.outputs.push(ctxJoin(dir, 'obj'));
    if (has(pv, ctxJoin(dir, 'packages.lock.json'))) out.manifests.push({ path: ctxJoin(dir, 'packages.lock.json'), required: true });
    for (const f of DOTNET_SHARED) if (dir && has(pv, ctxJoin(dir, f))) out.manifests.push({ path: ctxJoin(dir, f), required: true });
  }
  if (out.manifests.length > 12) out.unverified.push(`the restore reads ${out.manifests.length} project files; copying each would add too many lines`);
  for (const f of DOTNET_SHARED) if (has(pv, f)) out.manifests.push({ path: f, required: true });
  dedupe(out);
  return plan(out);
}

function cargoRole(u: CommandView): DepsRole {
  const p = positionals(u.args, CARGO_VALUE_FLAGS);
  if (p[0] === 'install' && !hasFlag(u.args, ['--path']) && p.length > 1) return independent; // `cargo install ripgrep`
  if (p.length === 0 || p[0] === 'version' || p[0] === 'search') return independent;
  return readsSource(`\`cargo ${p[0] ?? '…'}\` reads the source: Cargo has no manifests-only step (even \`cargo fetch\` needs each package's target source files, or it fails with "no targets specified in the manifest"); cargo-chef builds one`);
}
