/**
 * How the e2e suite obtains the rewritten Dockerfile: by running the real
 * dockerfix CLI on a copy of the app, exactly as a user would.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './docker.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The CLI under test: `node <repo>/bin/dockerfix.js <Dockerfile>` rewrites the file
 * in place and exits 0 (also when there is nothing to change).
 * DOCKERFIX_E2E_CLI points the suite at another build of the CLI (e.g. a checkout
 * of main); CLI_ARGS are passed before the path.
 */
export const DOCKERFIX_CLI = resolve(process.env.DOCKERFIX_E2E_CLI ?? join(REPO, 'bin/dockerfix.js'));
export const CLI_ARGS: string[] = [];

export function cliMissingReason(): string | undefined {
  if (existsSync(DOCKERFIX_CLI)) return undefined;
  return (
    `dockerfix CLI not found at ${DOCKERFIX_CLI}. The e2e suite runs the real CLI ` +
    `(node bin/dockerfix.js <Dockerfile>, rewriting it in place); build it first ` +
    `(npm run build) or set DOCKERFIX_E2E_CLI to a dockerfix.js to test.`
  );
}

export interface DockerfixRun {
  changed: boolean;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run dockerfix on `dockerfilePath` (in place), with the app directory as the
 * working directory. DOCKERFIX_E2E_APP names the sample app for diagnostics.
 */
export async function runDockerfix(dockerfilePath: string, appName: string): Promise<DockerfixRun> {
  const missing = cliMissingReason();
  if (missing) throw new Error(missing);
  const before = await readFile(dockerfilePath);
  const r = await run(process.execPath, [DOCKERFIX_CLI, ...CLI_ARGS, dockerfilePath], {
    cwd: dirname(dockerfilePath),
    env: { ...process.env, DOCKERFIX_E2E_APP: appName },
    timeoutMs: 60_000,
  });
  if (r.code !== 0) {
    throw new Error(`dockerfix exited ${r.code} on ${appName}/Dockerfile\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  const after = await readFile(dockerfilePath);
  return { changed: !before.equals(after), code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Remove a `# syntax=...` parser directive. With it, BuildKit fetches the named
 * frontend image from a registry; none is reachable here, and the engine's
 * built-in frontend already supports RUN --mount. (`--build-arg
 * BUILDKIT_SYNTAX=dockerfile.v0` does not help: it is taken as an image name.)
 * Other directives (escape, check) are kept; line endings are preserved.
 */
export function stripSyntaxDirective(text: string): { text: string; stripped: string | undefined } {
  const lines = text.split(/(?<=\n)/);
  let stripped: string | undefined;
  const out: string[] = [];
  let inDirectives = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inDirectives) {
      const body = (i === 0 ? line.replace(/^\uFEFF/, '') : line).replace(/\r?\n$/, '');
      const m = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(body);
      if (m && ['syntax', 'escape', 'check'].includes(m[1]!.toLowerCase())) {
        if (m[1]!.toLowerCase() === 'syntax') {
          stripped = body;
          continue;
        }
      } else {
        inDirectives = false;
      }
    }
    out.push(line);
  }
  return { text: out.join(''), stripped };
}

/** What `dockerfix --verify -f json` reported for one file (the fields the suite checks). */
export interface VerifyRun {
  code: number;
  status: string;
  verify?: { verdict: string; reason: string; differences: { kind: string; what: string }[]; attempts?: { verdict: string; reason: string | null; unsafe: boolean }[] };
  stderr: string;
  seconds: number;
}

/**
 * `dockerfix --verify` on a Dockerfile, in place, as a user would run it on this engine:
 * `--verify-network host` (the lab has no bridge) and `-x syntax-directive` (the lab reaches
 * no registry, so a `# syntax=` line cannot be built; the suite strips it elsewhere).
 */
export async function runVerify(dockerfilePath: string, docker: string, extra: string[] = []): Promise<VerifyRun> {
  const r = await run(process.execPath, [DOCKERFIX_CLI, '--verify', '--verify-network', 'host', '-x', 'syntax-directive', '-f', 'json', ...extra, dockerfilePath], {
    cwd: dirname(dockerfilePath),
    env: { ...process.env, DOCKER: docker, CI: '1' },
    timeoutMs: 20 * 60_000,
  });
  let file: { status: string; verify?: VerifyRun['verify'] } = { status: 'no report' };
  try {
    file = (JSON.parse(r.stdout) as { files: { status: string; verify?: VerifyRun['verify'] }[] }).files[0]!;
  } catch {
    /* reported through status */
  }
  return { code: r.code, status: file.status, verify: file.verify, stderr: r.stderr, seconds: r.seconds };
}
