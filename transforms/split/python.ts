/**
 * Python: words read from known variables (`wordResolver`), virtualenvs (`venvCreation`) and
 * what the message says about them (`pythonNotes`) (docs/split-manifest-copy.md, "Python").
 */
import type { Instruction } from '../../src/model/dockerfile.js';
import { joinPath } from '../../src/model/state.js';
import type { ShellScript, ShellWord, SimpleCommand } from '../../src/shell/index.js';
import { expandWord } from '../../src/shell/expand.js';
import type { KnownVar } from '../../src/model/known-env.js';
import { UNKNOWN_WD } from './shared.js';
import type { BroadCopy } from './broad-copy.js';
import type { RunCommand } from './run-analysis.js';
import { relUnder } from './paths.js';
import { listWords } from './fix.js';

// ---------------------------------------------------------------------------------------------
// Python: words read from known variables, virtualenvs (docs/split-manifest-copy.md, "Python")

/**
 * Reads the words of a RUN's commands that use variables (`"$VENV_PATH/bin/pip"`) from the
 * values the stage fixes (`knownEnv`): an ENV of literals is the same in every build; an ARG's
 * default is used but reported (`argVars`), since `--build-arg` can change it. A variable the
 * RUN itself sets (an assignment, `export`, `read`, `for`, an activate script) is not read.
 */
export function wordResolver(script: ShellScript, run: Instruction, known: ReadonlyMap<string, KnownVar>) {
  const assigned = new Set<string>();
  for (const c of script.commands) {
    if (c.name === null) for (const a of c.assignments) assigned.add(a.name);
    const n = c.name?.value;
    if (n && /^(export|local|declare|typeset|readonly|unset|read|getopts)$/.test(n)) for (const a of c.args) assigned.add((a.value ?? a.text).replace(/=.*$/s, ''));
    if (n === '.' || n === 'source') ['VIRTUAL_ENV', 'PATH', 'PS1'].forEach((x) => assigned.add(x));
  }
  for (const m of run.body.matchAll(/\bfor\s+([A-Za-z_][A-Za-z0-9_]*)/g)) assigned.add(m[1]);
  return (c: SimpleCommand) => {
    let dynamicWhy: string | undefined;
    const argVars: { name: string; value: string; line: number }[] = [];
    const constVars: { name: string; value: string }[] = [];
    const read = (word: ShellWord): string | null => {
      if (word.value !== null) return word.value;
      const r = expandWord(word.text, (v) => (assigned.has(v) || known.get(v)?.source.kind === 'unset-arg' ? undefined : known.get(v)?.value));
      if (!r.ok) {
        if (!dynamicWhy && r.unknown) {
          const v = r.unknown;
          const src = known.get(v)?.source;
          dynamicWhy = v === '_' || !/^[A-Za-z_]/.test(v)
            ? `uses $${v}, which the shell sets as it runs`
            : assigned.has(v)
            ? `uses $${v}, which the RUN itself sets`
            : src?.kind === 'unset-arg'
              ? `uses $${v}, an ARG without a default (line ${src.line}): only \`--build-arg\` gives it a value`
              : `uses $${v}, which this Dockerfile does not set (it may come from the base image, whose environment is unknown)`;
        }
        return null;
      }
      for (const v of r.names) {
        const src = known.get(v)!.source;
        if (src.kind === 'arg' && !argVars.some((x) => x.name === v)) argVars.push({ name: v, value: known.get(v)!.value, line: src.line });
        if (src.kind === 'constant' && !constVars.some((x) => x.name === v)) constVars.push({ name: v, value: known.get(v)!.value });
      }
      return r.value;
    };
    const name = c.name ? read(c.name) : null;
    const args = c.args.map(read);
    const act = args.length === 1 && args[0] !== null ? /^(\/.+)\/bin\/activate$/.exec(args[0]) : null;
    return { name, args, dynamicWhy, argVars, constVars, activates: act ? joinPath('/', act[1]) : undefined };
  };
}

/** Value flags of the virtualenv creators (their values are not folders). */
export const VENV_VALUE_FLAGS: Record<string, string[]> = {
  venv: ['--prompt'],
  virtualenv: ['-p', '--python', '--prompt', '--activators', '--seeder', '--creator', '--discovery', '--extra-search-dir', '--app-data'],
  uv: ['-p', '--python', '--prompt', '--index-url', '--extra-index-url', '-i', '--default-index', '--index', '--cache-dir', '--link-mode', '--directory', '--project'],
};

/** Files `uv venv` reads from its working folder to choose the interpreter. */
export const UV_VENV_READS = ['.python-version', 'pyproject.toml', 'uv.toml'];

/**
 * `python -m venv DIR`, `virtualenv DIR`, `uv venv [DIR]`: the folders they create (absolute),
 * and for `uv venv` the project files it reads (`.python-version`, `requires-python`), or null
 * when `c` creates no virtualenv. `why` when the folder cannot be told.
 */
export function venvCreation(c: RunCommand, cwd: string): { dirs: string[]; reads: string[] } | { why: string } | null {
  const name = c.view.name.replace(/^.*\//, '');
  const args = c.view.args;
  let tool: string;
  let rest: (string | null)[];
  if (/^python(\d+(\.\d+)?)?$/.test(name) && args[0] === '-m' && (args[1] === 'venv' || args[1] === 'virtualenv')) {
    tool = args[1] === 'venv' ? 'venv' : 'virtualenv';
    rest = args.slice(2);
  } else if (name === 'virtualenv') {
    tool = 'virtualenv';
    rest = args;
  } else if (name === 'uv' && args.filter((a) => a === null || !a.startsWith('-'))[0] === 'venv') {
    tool = 'uv';
    rest = args.slice(args.indexOf('venv') + 1);
  } else return null;
  if (rest.some((a) => a === null)) return { why: c.dynamicWhy ?? 'has dynamic arguments' };
  const lit = rest as string[];
  if (tool === 'uv' && lit.some((a) => a === '--directory' || a === '--project' || a.startsWith('--directory=') || a.startsWith('--project='))) return { why: '`uv venv` reads another project' };
  const dirs: string[] = [];
  for (let k = 0; k < lit.length; k++) {
    const a = lit[k];
    if (a.startsWith('-')) {
      if (VENV_VALUE_FLAGS[tool].includes(a)) k++;
      continue;
    }
    dirs.push(a.startsWith('/') ? joinPath('/', a) : joinPath(cwd, a));
  }
  if (tool === 'uv' && dirs.length === 0) dirs.push(joinPath(cwd, '.venv'));
  if (dirs.length === 0) return { why: 'names no folder' };
  return { dirs, reads: tool === 'uv' ? UV_VENV_READS : [] };
}

/** What the message says about the Python parts of the install RUN: variables read, virtualenvs made outside the copy. */
export function pythonNotes(commands: RunCommand[], broad: BroadCopy): string[] {
  const vars = new Map<string, string>();
  for (const c of commands) for (const v of c.constVars ?? []) vars.set(v.name, v.value);
  const notes: string[] = [];
  if (vars.size) notes.push(`${listWords([...vars].map(([k, v]) => `$${k} is \`${v}\``))} in every build (set by ENV).`);
  for (const c of commands) {
    const v = venvCreation(c, UNKNOWN_WD);
    if (!v || 'why' in v) continue;
    const made = v.dirs.filter((d) => !d.startsWith(UNKNOWN_WD) && relUnder(broad.abs, d) === null);
    if (!made.length) continue;
    // `uv venv` reads its interpreter settings (copied with the manifests); venv and virtualenv read no project file.
    const reads = v.reads.length ? 'reads only the interpreter settings copied with the manifests' : 'reads no project file';
    notes.push(`\`${c.text}\` creates ${listWords(made)}, outside the copied folder, and ${reads}.`);
  }
  return notes;
}
