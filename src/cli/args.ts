/**
 * The command line, as a yargs spec. Parsing never prints and never exits: it returns
 * either the options or what to print and the exit code (help, version, usage errors),
 * so `main` decides everything and tests run it in-process.
 *
 * Start-up time: building the yargs parser and parsing with it costs a short run about
 * 15-20 ms, so a command line made only of paths, the boolean flags and `-f FORMAT`
 * (what nearly every run looks like) is read by {@link readSimple}, which gives what yargs
 * would give; anything else (help, version, other options, `--no-x`, `--x=y`, repeated
 * flags, errors) goes to yargs, which is then loaded on demand. test/cli/args.test.ts
 * checks the two agree.
 */
import type { Argv } from 'yargs';
import type { ColorChoice } from './color.js';
import { FORMATS, type FormatName } from '../report/index.js';
import { splitIds } from './select.js';
import { imageReferenceProblem } from '../model/image-ref.js';

export interface CliOptions {
  /** Paths as given; empty when none were (then `.` is searched). */
  paths: string[];
  dryRun: boolean;
  check: boolean;
  listDifferent: boolean;
  transform?: string[];
  exclude?: string[];
  unsafe: boolean;
  listTransforms: boolean;
  syntaxImage?: string;
  context?: string;
  format: FormatName;
  output?: string;
  stdin: boolean;
  stdinFilepath?: string;
  color: ColorChoice;
  quiet: boolean;
  /** A file, false for `--no-config`, undefined to search. */
  config?: string | false;
  ignorePattern: string[];
  stats: boolean;
  /** `--verify`: build original and rewrite on the user's engine; write only proven files. */
  verify: boolean;
  /** `--build-arg K=V` (repeatable), `--target`, `--platform`, `--verify-network`: passed to the verify builds. */
  buildArg: string[];
  target?: string;
  platform?: string;
  verifyNetwork?: string;
  /** `--pr-body FILE`: also write the markdown PR body there. */
  prBody?: string;
  /** `--commit-message FILE`: also write a one-line conventional commit message there. */
  commitMessage?: string;
}

export type ParsedArgs = { options: CliOptions } | { exit: number; stdout?: string; stderr?: string };

const USAGE = `Usage: $0 [paths..] [options]

Rewrites Dockerfiles so BuildKit's cache works. Writes the changes in place, unless
--dry-run, --check or --list-different is given. Paths are files or folders (default: .);
folders are searched for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
Containerfile and Containerfile.*.

Exit codes: 0 nothing left to do (also after writing changes, and with --dry-run: batch
engines read "changes written" as success), 1 changes pending (--check, -l), 2 usage error
or a file failed (the other files are still processed).
With --verify, only proven rewrites count as changes: 1 means proven changes are pending, and a
rewrite that differs or could not be verified is a failed file (2); no engine answering is 2.`;

function spec(yargs: () => Argv, version: string) {
  return yargs()
    .scriptName('dockerfix')
    .usage(USAGE)
    .locale('en')
    .parserConfiguration({ 'duplicate-arguments-array': true, 'strip-aliased': true })
    .command('$0 [paths..]', false, (y) => y.positional('paths', { type: 'string', array: true, describe: 'files and folders (default: .)' }))
    .option('dry-run', { alias: ['d', 'dry'], type: 'boolean', group: 'Mode:', describe: 'Print a unified diff on stdout; write nothing' })
    .option('check', { type: 'boolean', group: 'Mode:', describe: 'Write nothing; exit 1 when anything would change' })
    .option('list-different', { alias: 'l', type: 'boolean', group: 'Mode:', describe: 'Print only the paths that would change; write nothing; exit 1 if any' })
    .option('transform', { alias: 't', type: 'string', group: 'Transforms:', describe: 'Run only these transforms (id[,id]; repeatable)' })
    .option('exclude-transform', { alias: 'x', type: 'string', group: 'Transforms:', describe: 'Do not run these transforms (id[,id]; repeatable)' })
    .option('unsafe', { type: 'boolean', group: 'Transforms:', describe: 'Allow rewrites that may change behaviour (each says so)' })
    .option('list-transforms', { type: 'boolean', group: 'Transforms:', describe: 'List the transforms: id, on by default or not, description' })
    .option('syntax-image', { type: 'string', requiresArg: true, group: 'Transforms:', describe: 'Frontend image for syntax-directive (a mirror of docker/dockerfile:1)' })
    .option('context', { type: 'string', requiresArg: true, group: 'Input:', describe: 'Build context folder for every Dockerfile (default: from compose.yaml, else the Dockerfile\'s folder)' })
    .option('stdin', { type: 'boolean', group: 'Input:', describe: 'Read one Dockerfile from stdin; print the fixed text (or the diff with --dry-run)' })
    .option('stdin-filepath', { type: 'string', requiresArg: true, group: 'Input:', describe: 'Path of the stdin content (for messages, ignore files and the build context)' })
    .option('ignore-pattern', { type: 'string', requiresArg: true, group: 'Input:', describe: 'Skip files matching this .gitignore-style pattern (repeatable)' })
    .option('config', { type: 'string', group: 'Input:', describe: 'Use this config file (default: dockerfix.config.json up to the repo root); --no-config for none' })
    .option('verify', { type: 'boolean', group: 'Verify:', describe: 'Build the original and the rewrite on your engine (docker buildx build, else docker build with BuildKit); keep only proven rewrites' })
    .option('build-arg', { type: 'string', requiresArg: true, group: 'Verify:', describe: 'K=V passed to the verify builds (repeatable)' })
    .option('target', { type: 'string', requiresArg: true, group: 'Verify:', describe: 'Stage the verify builds build (--target)' })
    .option('platform', { type: 'string', requiresArg: true, group: 'Verify:', describe: 'Platform of the verify builds (--platform)' })
    .option('verify-network', { type: 'string', requiresArg: true, group: 'Verify:', describe: 'Network of the verify builds (--network, e.g. host)' })
    .option('format', { alias: 'f', type: 'string', choices: FORMATS, default: 'stylish', group: 'Output:', describe: 'Report format: stylish, json, ndjson, sarif (in write mode they report what was written), patch or markdown (these carry the diff and never write: a dry run)' })
    .option('output', { alias: 'o', type: 'string', requiresArg: true, group: 'Output:', describe: 'Write the report (or the diff, or the paths) to this file' })
    .option('color', { type: 'string', group: 'Output:', describe: 'auto | always | never (auto honours NO_COLOR and FORCE_COLOR)' })
    .option('quiet', { alias: 'q', type: 'boolean', group: 'Output:', describe: 'Show only errors in human output; no summary line (machine formats unchanged)' })
    .option('stats', { type: 'boolean', group: 'Output:', describe: 'Add timings to json and ndjson reports' })
    .option('pr-body', { type: 'string', requiresArg: true, group: 'Output:', describe: 'Also write the markdown PR body (as -f markdown) to this file' })
    .option('commit-message', { type: 'string', requiresArg: true, group: 'Output:', describe: 'Also write a one-line conventional commit message (build(docker): ...) to this file' })
    .version('version', 'Show the version', version)
    .help('help', 'Show this help')
    .alias('help', 'h')
    .group(['version', 'help'], 'Other:')
    .strict()
    .exitProcess(false)
    .wrap(100);
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const asList = (v: unknown): string[] | undefined => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map(String));
const usage = (reason: string): ParsedArgs => ({ exit: 2, stderr: `dockerfix: ${reason}\n` });

/** What yargs gives for a command line: its error, the parsed arguments, and the text it produced (help). */
export interface RawArgs {
  err?: Error;
  parsed: Record<string, unknown>;
  output: string;
}

export async function parseWithYargs(argv: readonly string[], version: string): Promise<RawArgs> {
  const { default: yargs } = await import('yargs');
  const got: RawArgs = { parsed: {}, output: '' };
  spec(yargs, version).parse([...argv], {}, (e: Error | undefined, a: Record<string, unknown>, out: string) => {
    got.err = e ?? undefined;
    got.parsed = a;
    got.output = out;
  });
  return got;
}

/** The boolean flags {@link readSimple} reads, by every spelling yargs accepts for them without a value. */
const SIMPLE_BOOLEANS: Record<string, string> = {
  '--dry-run': 'dry-run',
  '--dry': 'dry-run',
  '-d': 'dry-run',
  '--check': 'check',
  '--list-different': 'list-different',
  '-l': 'list-different',
  '--unsafe': 'unsafe',
  '--list-transforms': 'list-transforms',
  '--stdin': 'stdin',
  '--quiet': 'quiet',
  '-q': 'quiet',
  '--stats': 'stats',
  '--verify': 'verify',
};

/**
 * Reads a command line made only of paths, the boolean flags above (each at most once) and
 * `-f`/`--format` with a known format (at most once), the way yargs reads it; null for
 * anything else, which yargs then reads. A path that starts with `-` is not a path here, and
 * `true` or `false` could be the value of the flag before it, so neither is read.
 */
export function readSimple(argv: readonly string[]): RawArgs | null {
  const parsed: Record<string, unknown> = {};
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'true' || a === 'false') return null;
    if (!a.startsWith('-')) {
      paths.push(a);
      continue;
    }
    const flag = SIMPLE_BOOLEANS[a];
    if (flag !== undefined) {
      if (flag in parsed) return null;
      parsed[flag] = true;
    } else if (a === '-f' || a === '--format') {
      const value = argv[i + 1];
      if ('format' in parsed || value === undefined || !(FORMATS as readonly string[]).includes(value)) return null;
      parsed.format = value;
      i++;
    } else {
      return null;
    }
  }
  if (paths.length) parsed.paths = paths;
  return { parsed, output: '' };
}

export async function parseArgs(argv: readonly string[], version: string): Promise<ParsedArgs> {
  return interpret(readSimple(argv) ?? (await parseWithYargs(argv, version)), version);
}

/** From what yargs (or {@link readSimple}) read to the options, or what to print. */
export function interpret(got: RawArgs, version: string): ParsedArgs {
  const { parsed, output } = got;
  if (got.err) return usage(`${oneLine(got.err.message)} (see dockerfix --help)`);
  if (parsed.help) return { exit: 0, stdout: output.endsWith('\n') ? output : output + '\n' };
  if (parsed.version) return { exit: 0, stdout: `${version}\n` };

  // Single-valued options given twice arrive as arrays: take the last, like most CLIs.
  const last = (v: unknown): string | undefined => (Array.isArray(v) ? v.at(-1) : v === undefined ? undefined : String(v));
  for (const k of ['syntax-image', 'context', 'stdin-filepath', 'output', 'format', 'color', 'target', 'platform', 'verify-network', 'pr-body', 'commit-message']) {
    if (Array.isArray(parsed[k])) parsed[k] = last(parsed[k]);
  }

  let color: ColorChoice = 'auto';
  const c = parsed.color;
  if (c === false) color = 'never';
  else if (c === true || c === '') color = 'always';
  else if (c !== undefined) {
    if (c !== 'auto' && c !== 'always' && c !== 'never') return usage(`--color must be auto, always or never, not "${String(c)}"`);
    color = c;
  }

  const transform = splitIds(asList(parsed.transform));
  const exclude = splitIds(asList(parsed['exclude-transform']));
  if (transform && transform.length === 0) return usage('--transform needs a transform id (see dockerfix --list-transforms)');
  if (exclude && exclude.length === 0) return usage('--exclude-transform needs a transform id (see dockerfix --list-transforms)');

  let config: string | false | undefined;
  const cfg = parsed.config;
  if (cfg === false) config = false;
  else if (Array.isArray(cfg)) return usage('--config given more than once');
  else if (cfg !== undefined) {
    if (cfg === '' || cfg === true) return usage('--config needs a file');
    config = String(cfg);
  }

  const options: CliOptions = {
    paths: (asList(parsed.paths) ?? []).filter((p) => p !== ''),
    dryRun: !!parsed['dry-run'],
    check: !!parsed.check,
    listDifferent: !!parsed['list-different'],
    transform,
    exclude,
    unsafe: !!parsed.unsafe,
    listTransforms: !!parsed['list-transforms'],
    syntaxImage: last(parsed['syntax-image']),
    context: last(parsed.context),
    format: (last(parsed.format) ?? 'stylish') as FormatName,
    output: last(parsed.output),
    stdin: !!parsed.stdin,
    stdinFilepath: last(parsed['stdin-filepath']),
    color,
    quiet: !!parsed.quiet,
    config,
    ignorePattern: asList(parsed['ignore-pattern']) ?? [],
    stats: !!parsed.stats,
    verify: !!parsed.verify,
    buildArg: asList(parsed['build-arg']) ?? [],
    target: last(parsed.target),
    platform: last(parsed.platform),
    verifyNetwork: last(parsed['verify-network']),
    prBody: last(parsed['pr-body']),
    commitMessage: last(parsed['commit-message']),
  };
  const badArg = options.buildArg.find((a) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(a));
  if (badArg !== undefined) return usage(`--build-arg ${JSON.stringify(badArg)} must be NAME=VALUE`);
  if (!options.verify && (options.buildArg.length || options.target || options.platform || options.verifyNetwork)) {
    return usage('--build-arg, --target, --platform and --verify-network are for --verify');
  }
  if (options.verify && options.stdin) return usage('--verify builds from a build context on disk; it cannot be combined with --stdin');

  if (options.listDifferent && options.dryRun) return usage('--list-different and --dry-run cannot be combined');
  if (options.listDifferent && options.format !== 'stylish') return usage('--list-different prints paths only; it cannot be combined with --format');
  if (options.stdin && options.paths.length) return usage('--stdin reads standard input; do not give paths too');
  if (options.stdinFilepath !== undefined && !options.stdin) return usage('--stdin-filepath needs --stdin');
  // It ends up on a `# syntax=` line: anything but an image reference would change what BuildKit reads there.
  const badImage = options.syntaxImage === undefined ? null : imageReferenceProblem(options.syntaxImage);
  if (badImage) return usage(`--syntax-image ${JSON.stringify(options.syntaxImage)} is not a valid image reference: ${badImage}`);
  return { options };
}
