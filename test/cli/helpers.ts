/** Shared helpers for the CLI tests: temp copies of the examples, an in-process runner, file hashes. */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { main, type CliIO } from '../../src/cli/main.js';
import type { WriteFs } from '../../src/cli/io.js';

export const REPO = join(import.meta.dirname, '..', '..');
export const EXAMPLES = join(REPO, 'examples');
export const BIN = join(REPO, 'bin', 'dockerfix.js');

const made: string[] = [];

/** A fresh temp folder (removed after the test file), optionally holding a copy of `examples/`. */
export function tempDir(withExamples = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockerfix-test-'));
  made.push(dir);
  if (withExamples) cpSync(EXAMPLES, join(dir, 'examples'), { recursive: true });
  return dir;
}

afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  stdin?: string | Buffer;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  fs?: Partial<WriteFs>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main` in-process with captured streams. The environment is clean unless given. */
export async function run(argv: string[], opts: RunOptions): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.stdoutTTY ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.stderrTTY ?? false },
    stdin: opts.stdin === undefined ? Readable.from([]) : Readable.from([Buffer.from(opts.stdin)]),
    cwd: opts.cwd,
    env: opts.env ?? {},
    fs: opts.fs,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** sha256 of every file under `dir`, by relative path. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Every file name under `dir` (relative), to look for stray temp files. */
export function listTree(dir: string): string[] {
  return Object.keys(hashTree(dir));
}

/** Runs the built bin as a real process. */
export function spawnCli(args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { PATH: process.env.PATH ?? '', ...opts.env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code as number) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    else child.stdin!.end();
  });
}

/** Writes a file, creating its folders. */
export function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

export const PLAIN_DOCKERFILE = 'FROM alpine:3.20\nRUN echo hello\n';
