/**
 * Several repositories in one run (`dockerfix repoA repoB`, or a folder of checkouts).
 *
 * A repository is a folder holding `.git` (a folder, or the file a submodule or a linked
 * worktree has); a file belongs to the nearest one above it. Which config applies to a file:
 *
 * - `--config FILE` applies to every file, `--no-config` to none;
 * - otherwise a file in the repository of the working directory (or in no repository) uses
 *   the config found from the working directory, as a single-repository run always did;
 * - a file in another repository uses that repository's own `dockerfix.config.json` (at its
 *   root, or none: the defaults), never the working directory's.
 *
 * Configs are read once each, when first needed; a bad one throws {@link ConfigError}.
 */
import { findRepoRoot } from '../context/resolve.js';
import { findConfig, loadConfig, type Config } from './config.js';
import { displayPath } from './discover.js';

export class Repositories {
  private readonly roots = new Map<string, string | null>();
  private readonly configs = new Map<string, Config | undefined>();
  private readonly homeRoot: string | null;
  private home: Config | undefined;

  /** `config` as in the options: a file, false for `--no-config`, undefined to search. */
  constructor(private readonly cwd: string, private readonly config: string | false | undefined, loadHome: (cwd: string) => Config | undefined) {
    this.homeRoot = findRepoRoot(cwd);
    this.home = loadHome(cwd);
  }

  /** The config of the working directory (or `--config`). */
  homeConfig(): Config | undefined {
    return this.home;
  }

  /** The repository holding `dir`, or null. */
  rootOf(dir: string): string | null {
    let r = this.roots.get(dir);
    if (r === undefined) {
      r = findRepoRoot(dir);
      this.roots.set(dir, r);
    }
    return r;
  }

  /** Is `root` a repository other than the working directory's? */
  private foreign(root: string | null): root is string {
    return root !== null && root !== this.homeRoot;
  }

  /** The config that applies to files in `dir`. */
  configFor(dir: string): Config | undefined {
    if (this.config !== undefined) return this.home;
    const root = this.rootOf(dir);
    if (!this.foreign(root)) return this.home;
    if (!this.configs.has(root)) {
      const found = findConfig(root);
      this.configs.set(root, found ? loadConfig(found, displayPath(this.cwd, found)) : undefined);
    }
    return this.configs.get(root);
  }
}

/** How one repository fared, for the per-repository summary lines. */
export interface RepoTally {
  /** Shown like a path; `(no repository)` for files outside any. */
  label: string;
  config: string | null;
  changed: number;
  unchanged: number;
  skipped: number;
  errors: number;
}

/**
 * One line per repository, in the order of their first file, or nothing when the files are
 * all in one repository (a single-repository run prints exactly what it always did).
 */
export function repoSummaryLines(tallies: readonly RepoTally[]): string {
  if (tallies.length < 2) return '';
  return tallies
    .map((t) => `${t.label}: ${t.changed} changed, ${t.unchanged} unchanged, ${t.skipped} skipped, ${t.errors} errors (config: ${t.config ?? 'none'})\n`)
    .join('');
}
