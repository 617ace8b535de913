/**
 * The command-line fast path (readSimple, which spares a run building the yargs parser) must
 * read every command line it accepts exactly as yargs does, and leave the rest to yargs.
 */
import { interpret, parseWithYargs, readSimple } from '../../src/cli/args.js';

const VERSION = '9.9.9';

const BOOLEANS = ['--dry-run', '--dry', '-d', '--check', '--list-different', '-l', '--unsafe', '--list-transforms', '--stdin', '--quiet', '-q', '--stats'];
// Paths, including ones yargs could read as numbers, booleans or flags.
const WORDS = ['Dockerfile', 'dir/', 'a b', '', '.', '0100', '1e3', '0x10', '12', 'true', 'false', '-', '--', 'ü.Dockerfile', '-1'];
const FORMAT = [['-f', 'json'], ['--format', 'patch'], ['-f', 'stylish'], ['-f', 'nope'], ['--format'], ['--format=json'], ['-fjson']];
const OTHER = [['--no-check'], ['--dry-run=false'], ['--dryRun'], ['-dq'], ['--help'], ['--version'], ['-t', 'cache-mounts'], ['--context', '.'], ['--color'], ['--bogus']];
const PIECES: string[][] = [...BOOLEANS.map((b) => [b]), ...WORDS.map((w) => [w]), ...FORMAT, ...OTHER];

/** Every sequence of one or two pieces, and a fixed pseudo-random sample of three to five. */
function commandLines(): string[][] {
  const out: string[][] = [[]];
  for (const a of PIECES) {
    out.push(a);
    for (const b of PIECES) out.push([...a, ...b]);
  }
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % PIECES.length;
  for (let i = 0; i < 600; i++) {
    const n = 3 + (i % 3);
    out.push(Array.from({ length: n }, () => PIECES[next()]).flat());
  }
  return out;
}

test('readSimple reads what it accepts exactly as yargs does', async () => {
  let accepted = 0;
  for (const argv of commandLines()) {
    const simple = readSimple(argv);
    if (simple === null) continue;
    accepted++;
    const viaYargs = interpret(await parseWithYargs(argv, VERSION), VERSION);
    expect({ argv, parsed: interpret(simple, VERSION) }).toEqual({ argv, parsed: viaYargs });
  }
  // The fast path has to cover the common command lines to be worth having.
  expect(accepted).toBeGreaterThan(500);
});

test('readSimple leaves help, version, other options and odd spellings to yargs', () => {
  for (const argv of [['--help'], ['-h'], ['--version'], ['--no-check', 'x'], ['--dry-run=true'], ['-dq'], ['-d', '-d'], ['-f', 'json', '-f', 'patch'], ['-f'], ['-f', 'nope'], ['--check', 'false'], ['--', 'x'], ['-'], ['-t', 'cache-mounts'], ['--context', '.']]) {
    expect(readSimple(argv)).toBeNull();
  }
  expect(readSimple(['--dry-run', 'Dockerfile'])).toEqual({ parsed: { 'dry-run': true, paths: ['Dockerfile'] }, output: '' });
});

test('--syntax-image is validated whichever path reads the command line', async () => {
  // readSimple never reads it: yargs does, in every spelling.
  for (const argv of [['--syntax-image', 'Bad Ref'], ['--syntax-image=Bad Ref'], ['-d', '--syntax-image', 'Bad Ref', 'Dockerfile']]) {
    expect(readSimple(argv)).toBeNull();
    expect(interpret(await parseWithYargs(argv, VERSION), VERSION)).toEqual({ exit: 2, stderr: 'dockerfix: --syntax-image "Bad Ref" is not a valid image reference: it contains white space\n' });
  }
  // The check is in interpret, which both paths end in: a fast-path result carrying the option is checked too.
  expect(interpret({ parsed: { 'syntax-image': 'docker/Dockerfile:1' }, output: '' }, VERSION)).toEqual({
    exit: 2,
    stderr: 'dockerfix: --syntax-image "docker/Dockerfile:1" is not a valid image reference: path components must be lower case ("Dockerfile")\n',
  });
  const ok = interpret(await parseWithYargs(['--syntax-image', 'registry.example.com:5000/docker/dockerfile:1'], VERSION), VERSION);
  expect('options' in ok && ok.options.syntaxImage).toBe('registry.example.com:5000/docker/dockerfile:1');
});
