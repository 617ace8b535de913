/**
 * Which files to process. Files named on the command line are taken whatever their name;
 * folders are searched for `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`,
 * `Containerfile` and `Containerfile.*` (any case; never `*.dockerignore`).
 *
 * The search never enters `.git` or `node_modules`, does not follow symbolic links, and
 * honours `.gitignore` and `.dockerfixignore` files (in every folder from the repository
 * root down, with git's rules: deeper files win, `!` re-includes), `--ignore-pattern`
 * (relative to the working directory) and the config file's `ignorePatterns` (relative to
 * the config file). A file named explicitly is processed even when `.gitignore` lists it
 * (naming it is a clear wish), but `.dockerfixignore`, `--ignore-pattern` and
 * `ignorePatterns` still apply to it: it is then reported as skipped.
 *
 * The result is sorted by path (plain code-unit order), without duplicates.
 */
import { readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { findRepoRoot } from '../context/resolve.js';

export interface Target {
  /** Absolute path. */
  abs: string;
  /** Shown to users: relative to the working directory, `/`-separated. */
  path: string;
  /** Named on the command line (not found by searching a folder). */
  explicit: boolean;
  /** Set when an ignore rule of dockerfix's own excludes an explicitly named file. */
  ignoredBy?: string;
}

export interface IgnoreSource {
  /** Folder the patterns are relative to. */
  base: string;
  patterns: string[];
  /** How to name the source in messages (`--ignore-pattern`, `dockerfix.config.json`). */
  label: string;
}

export interface DiscoverOptions {
  cwd: string;
  /** `--ignore-pattern` and the config's `ignorePatterns`. */
  extraIgnores?: IgnoreSource[];
  /**
   * Ignore lists that depend on where a file is (the `ignorePatterns` of the config that
   * applies to a folder: each repository has its own). Called once per folder.
   */
  scopedIgnores?: (dir: string) => IgnoreSource[];
}

export type DiscoverResult = { targets: Target[] } | { missing: string };

const SKIP_DIRS = new Set(['.git', 'node_modules']);
const IGNORE_FILES = ['.gitignore', '.dockerfixignore'] as const;

/** Is this a Dockerfile by its name? */
export function isDockerfileName(name: string): boolean {
  const n = name.toLowerCase();
  if (n.endsWith('.dockerignore')) return false;
  return (
    n === 'dockerfile' ||
    n.startsWith('dockerfile.') ||
    n.endsWith('.dockerfile') ||
    n === 'containerfile' ||
    n.startsWith('containerfile.')
  );
}

export function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

interface Rule {
  base: string;
  ig: Ignore;
  label: string;
  /** dockerfix's own ignore list (applies to explicitly named files too). */
  own: boolean;
}

/** Git's rule order: later (deeper) rules win; an ignored folder hides its contents. */
function ignoredBy(rules: readonly Rule[], abs: string, isDir: boolean, ownOnly = false): string | null {
  let by: string | null = null;
  for (const r of rules) {
    if (ownOnly && !r.own) continue;
    let rel = relative(r.base, abs);
    if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) continue;
    rel = rel.split(sep).join('/') + (isDir ? '/' : '');
    const t = r.ig.test(rel);
    if (t.ignored) by = r.label;
    else if (t.unignored) by = null;
  }
  return by;
}

const toRule = (s: IgnoreSource): Rule => ({ base: s.base, ig: ignore().add(s.patterns), label: s.label, own: true });

/** A folder that is a repository of its own (`.git` folder, or the file of a submodule or worktree). */
function isRepoRoot(dir: string): boolean {
  try {
    statSync(join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}

class Discoverer {
  private readonly cache = new Map<string, Rule[]>();
  private readonly found = new Map<string, Target>();
  private readonly extra: Rule[];
  private readonly scopedCache = new Map<string, Rule[]>();
  private readonly sourceRules = new Map<IgnoreSource, Rule>();

  constructor(private readonly cwd: string, extra: IgnoreSource[], private readonly scoped?: (dir: string) => IgnoreSource[]) {
    this.extra = extra.filter((s) => s.patterns.length).map(toRule);
  }

  /** `--ignore-pattern` and the ignore lists that apply in `dir`. */
  private extraFor(dir: string): Rule[] {
    if (!this.scoped) return this.extra;
    let rules = this.scopedCache.get(dir);
    if (!rules) {
      const sources = this.scoped(dir).filter((s) => s.patterns.length);
      rules = [
        ...sources.map((s) => {
          let r = this.sourceRules.get(s);
          if (!r) this.sourceRules.set(s, (r = toRule(s)));
          return r;
        }),
        ...this.extra,
      ];
      this.scopedCache.set(dir, rules);
    }
    return rules;
  }

  /** The rules of the ignore files in one folder. */
  private own(dir: string): Rule[] {
    let rules = this.cache.get(dir);
    if (rules) return rules;
    rules = [];
    for (const name of IGNORE_FILES) {
      let text: string;
      try {
        text = readFileSync(join(dir, name), 'utf8');
      } catch {
        continue;
      }
      rules.push({ base: dir, ig: ignore().add(text), label: displayPath(this.cwd, join(dir, name)), own: name === '.dockerfixignore' });
    }
    this.cache.set(dir, rules);
    return rules;
  }

  /** Rules from the repository root (or `dir` itself) down to `dir`, then the extra ones. */
  private rulesFor(dir: string): Rule[] {
    const root = findRepoRoot(dir) ?? dir;
    const chain: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      chain.unshift(d);
      if (d === root || dirname(d) === d) break;
    }
    return chain.flatMap((d) => this.own(d));
  }

  private add(abs: string, explicit: boolean, ignored?: string): void {
    let key = abs;
    try {
      key = realpathSync(abs);
    } catch {
      /* keep abs */
    }
    const prev = this.found.get(key);
    if (prev && (prev.explicit || !explicit)) return;
    this.found.set(key, { abs, path: displayPath(this.cwd, abs), explicit, ...(ignored ? { ignoredBy: ignored } : {}) });
  }

  async ignoredExplicitly(abs: string): Promise<string | null> {
    return ignoredBy([...this.rulesFor(dirname(abs)), ...this.extraFor(dirname(abs))], abs, false, true);
  }

  async file(abs: string): Promise<void> {
    this.add(abs, true, (await this.ignoredExplicitly(abs)) ?? undefined);
  }

  async folder(dir: string): Promise<void> {
    await this.walk(dir, [...this.rulesFor(dir)]);
  }

  private async walk(dir: string, inherited: Rule[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // An unreadable folder inside the tree holds nothing we can fix.
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isSymbolicLink()) continue;
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name)) continue;
        if (ignoredBy([...inherited, ...this.extraFor(dir)], abs, true)) continue;
        // A repository inside the folder (a checkout, a submodule) follows its own ignore files only, as git does.
        await this.walk(abs, isRepoRoot(abs) ? [...this.own(abs)] : [...inherited, ...this.own(abs)]);
      } else if (e.isFile() && isDockerfileName(e.name)) {
        if (ignoredBy([...inherited, ...this.extraFor(dir)], abs, false)) continue;
        this.add(abs, false);
      }
    }
  }

  targets(): Target[] {
    return [...this.found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

/** Finds the Dockerfiles under `paths` (relative to `cwd`). A path that does not exist is reported, nothing else is. */
export async function discover(paths: readonly string[], opts: DiscoverOptions): Promise<DiscoverResult> {
  const d = new Discoverer(opts.cwd, opts.extraIgnores ?? [], opts.scopedIgnores);
  const kinds: { abs: string; dir: boolean }[] = [];
  for (const p of paths) {
    const abs = resolve(opts.cwd, p);
    try {
      kinds.push({ abs, dir: (await stat(abs)).isDirectory() });
    } catch {
      return { missing: p };
    }
  }
  for (const k of kinds) {
    if (k.dir) await d.folder(k.abs);
    else await d.file(k.abs);
  }
  return { targets: d.targets() };
}

/**
 * For `--stdin-filepath`: does one of dockerfix's own ignore lists (`.dockerfixignore`,
 * `--ignore-pattern`, `ignorePatterns`) exclude this path? Returns the list's name or null.
 */
export function ownIgnoreFor(abs: string, cwd: string, extra: IgnoreSource[]): Promise<string | null> {
  const d = new Discoverer(cwd, extra);
  return d.ignoredExplicitly(abs);
}
