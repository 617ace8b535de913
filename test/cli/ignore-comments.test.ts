/**
 * Ignore comments from the command line: peers' comments that mean the same as a transform
 * (tally's cache-mount rule), peers' comments that do not (hadolint, `# check=skip=`), unknown
 * ids in `# dockerfix ignore=` and unknown keys in the config's `options` as warnings with a
 * "did you mean", unknown ids on the command line as errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, spawnCli, tempDir } from './helpers.js';

const NPM = (comment: string) => `FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\n${comment}\nRUN npm ci\n`;

function project(dockerfile: string, config?: unknown): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  writeFileSync(join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
  writeFileSync(join(dir, 'package-lock.json'), '{}\n');
  if (config) writeFileSync(join(dir, 'dockerfix.config.json'), JSON.stringify(config));
  return dir;
}

test('# tally ignore=prefer-package-cache-mounts keeps the cache mount off that RUN; the file is left alone', async () => {
  const dir = project(NPM('# tally ignore=prefer-package-cache-mounts;reason=no cache on CI'));
  const r = await run(['-t', 'cache-mounts', '--check'], { cwd: dir });
  expect(r.code).toBe(0);
  const without = project(NPM('# a plain comment'));
  expect((await run(['-t', 'cache-mounts', '--check'], { cwd: without })).code).toBe(1);
});

test('# tally global ignore=tally/prefer-package-cache-mounts turns cache-mounts off for the file only', async () => {
  const dir = project(`# tally global ignore=tally/prefer-package-cache-mounts\n${NPM('')}`);
  const r = await run(['-t', 'cache-mounts,syntax-directive', '-d', '-f', 'json'], { cwd: dir });
  const doc = JSON.parse(r.stdout);
  expect(doc.files[0].changes.map((c: { transform: string }) => c.transform)).toEqual(['syntax-directive']);
});

test('# hadolint ignore=DL3042 and # check=skip=all turn nothing off (not mapped, see the table)', async () => {
  const hadolint = project('FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\n# hadolint ignore=DL3042\nRUN pip install -r requirements.txt\n');
  writeFileSync(join(hadolint, 'requirements.txt'), 'flask\n');
  expect((await run(['-t', 'cache-mounts', '--check'], { cwd: hadolint })).code).toBe(1);
  const check = project(`# check=skip=all\n${NPM('')}`);
  expect((await run(['--check'], { cwd: check })).code).toBe(1);
});

test('an unknown id in # dockerfix ignore= is a warning with "did you mean", in stylish and json; the file is still fixed', async () => {
  const dir = project(NPM('# dockerfix ignore=cache-mount'));
  const r = await run(['-t', 'cache-mounts', '-d'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('4  ');
  expect(r.stderr).toContain('warning: `# dockerfix ignore=` names an unknown transform "cache-mount" (did you mean "cache-mounts"?); it turns nothing off');
  expect(r.stdout).toContain('--mount=type=cache');
  const j = JSON.parse((await run(['-t', 'cache-mounts', '-d', '-f', 'json'], { cwd: dir })).stdout);
  expect(j.files[0].warnings).toEqual([{ line: 4, message: expect.stringContaining('did you mean "cache-mounts"') }]);
  expect(j.files[0].status).toBe('changed');
});

test('a known id gives no warning', async () => {
  const dir = project(NPM('# dockerfix ignore=cache-mounts'));
  const r = await run(['-t', 'cache-mounts', '-f', 'json', '--check'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).files[0].warnings).toBeUndefined();
});

test('unknown ids and keys in the config\'s options are warnings with "did you mean"; the run goes on', async () => {
  const dir = project(NPM(''), { options: { 'split-manifest-cop': { outputExclusion: 'exclude' }, 'syntax-directive': { imgae: 'x' } } });
  const r = await run(['--check'], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('dockerfix: warning: unknown transform "split-manifest-cop" in the config file\'s "options" (did you mean "split-manifest-copy"?); its options are ignored');
  expect(r.stderr).toContain('dockerfix: warning: unknown key "imgae" in the config file\'s "options"."syntax-directive" (did you mean "image"?)');
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(NPM(''));
});

test('an unknown id on the command line stays an error (exit 2), now with "did you mean"', async () => {
  const dir = project(NPM(''));
  const r = await spawnCli(['-t', 'reorder-for-cahce', '--check'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('unknown transform "reorder-for-cahce" (did you mean "reorder-for-cache"?)');
  const x = await run(['-x', 'cache-mount'], { cwd: dir });
  expect(x.code).toBe(2);
  expect(x.stderr).toContain('did you mean "cache-mounts"?');
});
