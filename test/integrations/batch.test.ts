/**
 * The batch recipes' scripts (docs/batch/*.sh) over local git repositories, run the way each
 * engine runs them (the engines are Go binaries, not on npm or Debian, so their contract is
 * emulated, as documented in docs/batch.md): clone, run the script in the clone's root,
 * commit, and take the PR title and body where the engine takes them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, REPO, tempDir } from '../cli/helpers.js';

const DOCKERFILE = 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n';
const gitEnv = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...gitEnv } });
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...gitEnv, DOCKERFIX: `${process.execPath} ${BIN}` };

/** Two origin repositories: one with a Dockerfile to fix, one already fine. */
function origins(): Record<string, string> {
  const root = tempDir();
  const make = (name: string, files: Record<string, string>) => {
    const dir = join(root, 'src', name);
    mkdirSync(dir, { recursive: true });
    git(['init', '-q', '-b', 'main'], dir);
    for (const [p, c] of Object.entries(files)) writeFileSync(join(dir, p), c);
    git(['add', '-A'], dir);
    git(['commit', '-qm', 'init'], dir);
    return dir;
  };
  return {
    api: make('api', { Dockerfile: DOCKERFILE, 'package.json': '{"name":"api"}\n', 'package-lock.json': '{"lockfileVersion":3,"packages":{}}\n' }),
    done: make('done', { Dockerfile: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n' }),
  };
}

test('multi-gitter (--manual-commit): the script commits; the PR title is the commit subject, the body the rest', () => {
  const src = origins();
  const prs: Record<string, { title: string; body: string }> = {};
  for (const [name, url] of Object.entries(src)) {
    const clone = join(tempDir(), name);
    git(['clone', '-q', '--depth', '1', `file://${url}`, clone], REPO);
    const before = git(['rev-parse', 'HEAD'], clone).trim();
    const r = spawnSync(join(REPO, 'docs', 'batch', 'multi-gitter.sh'), [], { cwd: clone, env: { ...env, REPOSITORY: `org/${name}` }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    if (git(['rev-parse', 'HEAD'], clone).trim() === before) continue; // multi-gitter: no change, no PR
    const message = git(['log', '-1', '--format=%B'], clone);
    const [title, ...rest] = message.split('\n');
    prs[name] = { title, body: rest.join('\n').trim() };
    expect(git(['status', '--porcelain'], clone)).toBe('');
  }
  expect(Object.keys(prs)).toEqual(['api']);
  expect(prs.api.title).toMatch(/^build\(docker\): .*add cache mounts.* in Dockerfile$/);
  expect(prs.api.body).toContain('## dockerfix');
  expect(prs.api.body).toContain('<!-- dockerfix-meta ');
  // The run's output, for the record.
  console.log(`multi-gitter recipe: PR "${prs.api.title}", body ${prs.api.body.length} characters`);
});

test('turbolift: foreach runs the script in work/<org>/<repo>; commit --all; a PR body per repository', () => {
  const src = origins();
  const campaign = tempDir();
  const clones: Record<string, string> = {};
  for (const [name, url] of Object.entries(src)) {
    clones[name] = join(campaign, 'work', 'org', name);
    git(['clone', '-q', `file://${url}`, clones[name]], REPO);
    git(['checkout', '-q', '-b', 'dockerfix-cache'], clones[name]);
  }
  for (const dir of Object.values(clones)) {
    const r = spawnSync('sh', [join(REPO, 'docs', 'batch', 'turbolift.sh')], { cwd: dir, env, encoding: 'utf8' });
    expect(r.status).toBe(0);
  }
  // turbolift commit --message: a no-op where nothing changed, `git commit --all` elsewhere.
  const committed: string[] = [];
  for (const [name, dir] of Object.entries(clones)) {
    if (!git(['status', '--porcelain'], dir)) continue;
    git(['commit', '--all', '-qm', 'build(docker): make Dockerfiles cache-friendly'], dir);
    committed.push(name);
    expect(git(['status', '--porcelain'], dir)).toBe('');
  }
  expect(committed).toEqual(['api']);
  const body = readFileSync(join(campaign, 'dockerfix-out', 'org', 'api.md'), 'utf8');
  expect(body).toContain('`Dockerfile`');
  expect(readFileSync(join(campaign, 'dockerfix-out', 'org', 'done.message'), 'utf8')).toBe('build(docker): no Dockerfile changes\n');
  console.log(`turbolift recipe: committed ${committed.join(', ')}; PR body of org/api ${body.length} characters`);
});
