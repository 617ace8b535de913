/**
 * Several repositories in one run: each uses its own dockerfix.config.json and ignore files,
 * and the summary gives one line per repository. A single-repository run prints what it did
 * before (no per-repository line). Runs the built bin.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnCli, tempDir, write } from './helpers.js';

const NPM_DOCKERFILE = 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n';

/** A git repository (a `.git` folder is what makes one) with an npm app. */
function repo(dir: string, files: Record<string, string> = {}): string {
  mkdirSync(join(dir, '.git'), { recursive: true });
  write(join(dir, 'Dockerfile'), NPM_DOCKERFILE);
  write(join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
  write(join(dir, 'package-lock.json'), '{"name":"x","lockfileVersion":3,"packages":{}}\n');
  for (const [p, c] of Object.entries(files)) write(join(dir, p), c);
  return dir;
}

function twoRepos(): { root: string; a: string; b: string } {
  const root = tempDir();
  const a = repo(join(root, 'repoA'), { 'dockerfix.config.json': '{"transforms": ["syntax-directive"]}\n' });
  const b = repo(join(root, 'repoB'), {
    'dockerfix.config.json': '{"ignorePatterns": ["legacy/"]}\n',
    'legacy/Dockerfile': NPM_DOCKERFILE,
    '.gitignore': 'generated/\n',
    'generated/Dockerfile': NPM_DOCKERFILE,
    '.dockerfixignore': 'tools/\n',
    'tools/Dockerfile': NPM_DOCKERFILE,
    'svc/Dockerfile': NPM_DOCKERFILE,
  });
  return { root, a, b };
}

const json = (out: string) => JSON.parse(out) as { files: { path: string; status: string; changes: { transform: string }[] }[] };
const transformsOf = (doc: ReturnType<typeof json>, path: string) => [...new Set(doc.files.find((f) => f.path === path)!.changes.map((c) => c.transform))].sort();

test('dockerfix repoA repoB: each repository uses its own config, ignore files and ignorePatterns', async () => {
  const { root } = twoRepos();
  const r = await spawnCli(['--check', '-f', 'json', 'repoA', 'repoB'], { cwd: root });
  expect(r.code).toBe(1);
  const doc = json(r.stdout);
  // repoB's legacy/ (its config), generated/ (its .gitignore) and tools/ (its .dockerfixignore) are not searched.
  expect(doc.files.map((f) => f.path)).toEqual(['repoA/Dockerfile', 'repoB/Dockerfile', 'repoB/svc/Dockerfile']);
  // repoA's config runs syntax-directive only; repoB's keeps the defaults.
  expect(transformsOf(doc, 'repoA/Dockerfile')).toEqual(['syntax-directive']);
  expect(transformsOf(doc, 'repoB/Dockerfile')).toEqual(expect.arrayContaining(['cache-mounts', 'syntax-directive']));
  expect(r.stderr).toBe(
    'repoA: 1 changed, 0 unchanged, 0 skipped, 0 errors (config: repoA/dockerfix.config.json)\n' +
      'repoB: 2 changed, 0 unchanged, 0 skipped, 0 errors (config: repoB/dockerfix.config.json)\n' +
      'Results: 3 changed, 0 unchanged, 0 skipped, 0 errors\n',
  );
});

test('a folder of checkouts is several repositories; a config of the folder itself does not leak into them', async () => {
  const { root } = twoRepos();
  // Not a repository: its config applies to files outside any checkout only.
  writeFileSync(join(root, 'dockerfix.config.json'), '{"transforms": ["cache-mounts"], "ignorePatterns": ["repoB/svc/"]}\n');
  write(join(root, 'loose/Dockerfile'), NPM_DOCKERFILE);
  const r = await spawnCli(['--check', '-f', 'json', '.'], { cwd: root });
  const doc = json(r.stdout);
  expect(doc.files.map((f) => f.path)).toEqual(['loose/Dockerfile', 'repoA/Dockerfile', 'repoB/Dockerfile', 'repoB/svc/Dockerfile']);
  expect(transformsOf(doc, 'loose/Dockerfile')).toEqual(['cache-mounts']);
  expect(transformsOf(doc, 'repoA/Dockerfile')).toEqual(['syntax-directive']);
  expect(r.stderr).toContain('(no repository): 1 changed, 0 unchanged, 0 skipped, 0 errors (config: dockerfix.config.json)\n');
  expect(r.stderr).toContain('repoA: 1 changed, 0 unchanged, 0 skipped, 0 errors (config: repoA/dockerfix.config.json)\n');
});

test('a repository without a config gets the defaults, not the working directory\'s config', async () => {
  const root = tempDir();
  const home = repo(join(root, 'home'), { 'dockerfix.config.json': '{"transforms": ["syntax-directive"]}\n' });
  repo(join(root, 'other'));
  const r = await spawnCli(['--check', '-f', 'json', '.', '../other'], { cwd: home });
  const doc = json(r.stdout);
  expect(transformsOf(doc, 'Dockerfile')).toEqual(['syntax-directive']);
  expect(transformsOf(doc, '../other/Dockerfile')).toEqual(expect.arrayContaining(['cache-mounts', 'syntax-directive']));
  expect(r.stderr).toContain('../other: 1 changed, 0 unchanged, 0 skipped, 0 errors (config: none)\n');
  // --config FILE applies to every repository.
  const named = json((await spawnCli(['--check', '-f', 'json', '--config', 'dockerfix.config.json', '.', '../other'], { cwd: home })).stdout);
  expect(transformsOf(named, '../other/Dockerfile')).toEqual(['syntax-directive']);
});

test('a bad config in one repository is a config error: exit 2, nothing written anywhere', async () => {
  const { root, a, b } = twoRepos();
  writeFileSync(join(b, 'dockerfix.config.json'), '{"transforms": ["no-such-transform"]}\n');
  const r = await spawnCli(['repoA', 'repoB'], { cwd: root });
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('dockerfix: unknown transform "no-such-transform" in the config file (see dockerfix --list-transforms)\n');
  expect(readFileSync(join(a, 'Dockerfile'), 'utf8')).toBe(NPM_DOCKERFILE);
  writeFileSync(join(b, 'dockerfix.config.json'), '{"transforms": ');
  const r2 = await spawnCli(['repoA', 'repoB'], { cwd: root });
  expect(r2.code).toBe(2);
  expect(r2.stderr).toMatch(/^dockerfix: config repoB\/dockerfix.config.json is not valid JSON: /);
  expect(readFileSync(join(a, 'Dockerfile'), 'utf8')).toBe(NPM_DOCKERFILE);
});

test('a single-repository run prints no per-repository line', async () => {
  const { a } = twoRepos();
  const r = await spawnCli(['--check'], { cwd: a });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('1 file would change; run dockerfix without --check/-l to apply.\nResults: 1 changed, 0 unchanged, 0 skipped, 0 errors\n');
  // Naming a subfolder of the same repository stays one repository.
  const { b } = twoRepos();
  const r2 = await spawnCli(['--check', '.', 'svc'], { cwd: b });
  expect(r2.stderr).not.toContain('(config:');
});

test('--pr-body and --commit-message write beside the normal output; written changes exit 0', async () => {
  const { root, a } = twoRepos();
  const out = tempDir();
  const r = await spawnCli(['--pr-body', join(out, 'body.md'), '--commit-message', join(out, 'msg.txt'), 'repoA'], { cwd: root });
  expect(r.code).toBe(0);
  expect(readFileSync(join(a, 'Dockerfile'), 'utf8')).toBe('# syntax=docker/dockerfile:1\n' + NPM_DOCKERFILE);
  // The normal output is still there: the stylish report on stdout, the summary on stderr.
  expect(r.stdout).toContain('repoA/Dockerfile\n');
  expect(r.stderr).toBe('Results: 1 changed, 0 unchanged, 0 skipped, 0 errors\n');
  const body = readFileSync(join(out, 'body.md'), 'utf8');
  expect(body).toContain('## dockerfix');
  expect(body).toContain('`repoA/Dockerfile`');
  expect(body).toContain('<!-- dockerfix-meta ');
  expect(readFileSync(join(out, 'msg.txt'), 'utf8')).toBe('build(docker): add # syntax in repoA/Dockerfile\n');

  // Nothing left to do: still exit 0, and the files say so.
  const again = await spawnCli(['--pr-body', join(out, 'body.md'), '--commit-message', join(out, 'msg.txt'), 'repoA'], { cwd: root });
  expect(again.code).toBe(0);
  expect(readFileSync(join(out, 'msg.txt'), 'utf8')).toBe('build(docker): no Dockerfile changes\n');
});

test('--commit-message names the kinds of change, and stays within 72 characters', async () => {
  const { root } = twoRepos();
  const out = tempDir();
  const r = await spawnCli(['--dry-run', '--commit-message', join(out, 'msg.txt'), 'repoB'], { cwd: root });
  expect(r.code).toBe(0);
  const msg = readFileSync(join(out, 'msg.txt'), 'utf8');
  expect(msg).toMatch(/^build\(docker\): [^\n]+\n$/);
  expect(msg.length - 1).toBeLessThanOrEqual(72);
  expect(msg).toBe('build(docker): add # syntax, add cache mounts in 2 Dockerfiles\n');
});

test('--pr-body into a folder that does not exist: exit 2 with one line, the run itself still happens', async () => {
  const { root } = twoRepos();
  const r = await spawnCli(['--check', '--pr-body', join(root, 'missing', 'body.md'), 'repoA'], { cwd: root });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`dockerfix: cannot write ${join(root, 'missing', 'body.md')}: ENOENT\n`);
});
