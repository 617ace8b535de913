/** `--verify` without an engine: one line on stderr, exit 2, nothing processed or written. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { BIN, run, tempDir } from './helpers.js';

describe('--verify without an engine', () => {
  test('DOCKER names no binary: exit 2, one line, nothing written', async () => {
    const dir = tempDir(true);
    const before = readFileSync(join(dir, 'examples/node-api/Dockerfile'), 'utf8');
    const r = await run(['--verify', 'examples'], { cwd: dir, env: { DOCKER: '/nonexistent/docker' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dockerfix: --verify needs a container engine, but there is no docker client \(\/nonexistent\/docker/);
    expect(readFileSync(join(dir, 'examples/node-api/Dockerfile'), 'utf8')).toBe(before);
  });

  test('no docker on PATH (the real CLI): exit 2, one line', () => {
    const dir = tempDir(true);
    const p = spawnSync(process.execPath, [BIN, '--verify', '--check', 'examples'], { cwd: dir, env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stderr).toContain('no docker client');
  });

  test('a client whose engine does not answer: exit 2, one line', async () => {
    const dir = tempDir();
    const fake = join(dir, 'docker');
    execFileSync('sh', ['-c', `printf '#!/bin/sh\\necho "Cannot connect to the Docker daemon" >&2\\nexit 1\\n' > ${fake} && chmod +x ${fake}`]);
    const r = await run(['--verify', '.'], { cwd: dir, env: { DOCKER: fake } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dockerfix: --verify needs a container engine, but none answers (`' + fake + ' version` exited 1: Cannot connect to the Docker daemon)\n');
  });

  test('the build flags need --verify; --build-arg needs NAME=VALUE', async () => {
    const dir = tempDir();
    expect((await run(['--build-arg', 'A=1', '.'], { cwd: dir })).stderr).toContain('are for --verify');
    expect((await run(['--verify', '--build-arg', 'nope', '.'], { cwd: dir })).stderr).toContain('must be NAME=VALUE');
  });
});
