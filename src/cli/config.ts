/**
 * `dockerfix.config.json`: found by walking up from the working directory to the
 * repository root (the first folder holding `.git`), or named with `--config FILE`;
 * `--no-config` ignores it. JSON only, never JavaScript: a bot running dockerfix over a
 * repository must not run that repository's code.
 *
 *     {
 *       "transforms": ["syntax-directive"],          // replaces the default set
 *       "exclude": ["arg-near-use"],
 *       "unsafe": false,
 *       "options": { "syntax-directive": { "image": "mirror.example/dockerfile:1" } },
 *       "ignorePatterns": ["vendor/", "**\/*.generated.Dockerfile"]   // relative to the config file
 *     }
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { imageReferenceProblem } from '../model/image-ref.js';

export const CONFIG_NAME = 'dockerfix.config.json';

export interface Config {
  /** Absolute path of the file. */
  path: string;
  transforms?: string[];
  exclude?: string[];
  unsafe?: boolean;
  options?: Record<string, Record<string, unknown>>;
  ignorePatterns?: string[];
  /** Settings of the `--verify` builds (flags win). */
  verify?: { buildArgs?: Record<string, string>; target?: string; platform?: string; network?: string };
}

export class ConfigError extends Error {}

const KEYS = new Set(['$schema', 'transforms', 'exclude', 'unsafe', 'options', 'ignorePatterns', 'verify']);
const VERIFY_KEYS = new Set(['buildArgs', 'target', 'platform', 'network']);

/** The config file that applies to `cwd`, or null. */
export function findConfig(cwd: string): string | null {
  let d = resolve(cwd);
  for (;;) {
    const f = join(d, CONFIG_NAME);
    if (existsSync(f)) return f;
    if (existsSync(join(d, '.git'))) return null;
    const parent = dirname(d);
    if (parent === d) return null;
    d = parent;
  }
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Reads and checks a config file; throws {@link ConfigError} with a one-line reason. */
export function loadConfig(path: string, shownAs = path): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read config ${shownAs}: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`config ${shownAs} is not valid JSON: ${(e as Error).message}`);
  }
  const bad = (what: string) => new ConfigError(`config ${shownAs}: ${what}`);
  if (!isPlainObject(data)) throw bad('must be a JSON object');
  for (const k of Object.keys(data)) if (!KEYS.has(k)) throw bad(`unknown key "${k}" (known: ${[...KEYS].filter((x) => x !== '$schema').join(', ')})`);
  const cfg: Config = { path: resolve(path) };
  if (data.transforms !== undefined) {
    if (!isStringArray(data.transforms)) throw bad('"transforms" must be an array of transform ids');
    cfg.transforms = data.transforms;
  }
  if (data.exclude !== undefined) {
    if (!isStringArray(data.exclude)) throw bad('"exclude" must be an array of transform ids');
    cfg.exclude = data.exclude;
  }
  if (data.unsafe !== undefined) {
    if (typeof data.unsafe !== 'boolean') throw bad('"unsafe" must be true or false');
    cfg.unsafe = data.unsafe;
  }
  if (data.options !== undefined) {
    if (!isPlainObject(data.options) || !Object.values(data.options).every(isPlainObject)) {
      throw bad('"options" must map transform ids to objects');
    }
    cfg.options = data.options as Record<string, Record<string, unknown>>;
    // syntax-directive writes its image on a `# syntax=` line: it must be an image reference.
    const image = cfg.options['syntax-directive']?.image;
    if (image !== undefined) {
      const where = '"options"."syntax-directive"."image"';
      if (typeof image !== 'string') throw bad(`${where} must be a string`);
      const problem = imageReferenceProblem(image);
      if (problem) throw bad(`${where} ${JSON.stringify(image)} is not a valid image reference: ${problem}`);
    }
    // split-manifest-copy: how install output is kept out of the moved broad copy.
    const exclusion = cfg.options['split-manifest-copy']?.outputExclusion;
    if (exclusion !== undefined && exclusion !== 'dockerignore' && exclusion !== 'exclude') {
      throw bad('"options"."split-manifest-copy"."outputExclusion" must be "dockerignore" or "exclude"');
    }
  }
  if (data.ignorePatterns !== undefined) {
    if (!isStringArray(data.ignorePatterns)) throw bad('"ignorePatterns" must be an array of patterns');
    cfg.ignorePatterns = data.ignorePatterns;
  }
  if (data.verify !== undefined) {
    const v = data.verify;
    if (!isPlainObject(v)) throw bad('"verify" must be an object');
    for (const k of Object.keys(v)) if (!VERIFY_KEYS.has(k)) throw bad(`unknown key "verify"."${k}" (known: ${[...VERIFY_KEYS].join(', ')})`);
    if (v.buildArgs !== undefined && (!isPlainObject(v.buildArgs) || !Object.values(v.buildArgs).every((x) => typeof x === 'string'))) throw bad('"verify"."buildArgs" must map names to strings');
    for (const k of ['target', 'platform', 'network'] as const) if (v[k] !== undefined && typeof v[k] !== 'string') throw bad(`"verify"."${k}" must be a string`);
    cfg.verify = v as Config['verify'];
  }
  return cfg;
}
