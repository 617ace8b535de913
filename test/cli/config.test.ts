/** dockerfix.config.json: found up to the repository root, --config, --no-config, validation. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, write, PLAIN_DOCKERFILE } from './helpers.js';

function project(config?: unknown): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  write(join(dir, 'app/Dockerfile'), PLAIN_DOCKERFILE);
  write(join(dir, 'vendor/Dockerfile'), PLAIN_DOCKERFILE);
  if (config !== undefined) write(join(dir, 'dockerfix.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

const report = async (argv: string[], cwd: string) => {
  const r = await run(['--check', '-f', 'json', ...argv], { cwd });
  return { code: r.code, stderr: r.stderr, doc: r.stdout ? JSON.parse(r.stdout) : null };
};

test('the config file is found walking up from the working directory', async () => {
  const dir = project({ ignorePatterns: ['vendor/'], options: { 'syntax-directive': { image: 'mirror.example/dockerfile:1' } } });
  const { doc } = await report(['.'], join(dir, 'app'));
  expect(doc.files.map((f: { path: string }) => f.path)).toEqual(['Dockerfile']);
  expect(doc.files[0].diff).toContain('+# syntax=mirror.example/dockerfile:1');
  // ignorePatterns are relative to the config file, wherever dockerfix runs from.
  const fromRoot = await report(['.'], dir);
  expect(fromRoot.doc.files.map((f: { path: string }) => f.path)).toEqual(['app/Dockerfile']);
});

test('the search stops at the repository root', async () => {
  const outer = tempDir();
  write(join(outer, 'dockerfix.config.json'), '{"exclude": ["syntax-directive"]}');
  const dir = join(outer, 'repo');
  mkdirSync(join(dir, '.git'), { recursive: true });
  write(join(dir, 'Dockerfile'), PLAIN_DOCKERFILE);
  expect((await report(['.'], dir)).doc.transforms).toContain('syntax-directive');
});

test('--no-config ignores it; --config FILE names one; flags win over the file', async () => {
  const dir = project({ exclude: ['syntax-directive'] });
  expect((await report(['.'], dir)).doc.transforms).not.toContain('syntax-directive');
  expect((await report(['--no-config', '.'], dir)).doc.transforms).toContain('syntax-directive');
  write(join(dir, 'other.json'), JSON.stringify({ transforms: ['syntax-directive'], unsafe: true }));
  const other = await report(['--config', 'other.json', '.'], dir);
  expect(other.doc.transforms).toEqual(['syntax-directive']);
  expect(other.doc.unsafe).toBe(true);
  const flag = await report(['--no-config', '--syntax-image', 'a.example/df:1', 'app'], dir);
  expect(flag.doc.files[0].diff).toContain('+# syntax=a.example/df:1');
});

test.each([
  ['{ not json', 'is not valid JSON'],
  ['[]', 'must be a JSON object'],
  ['{"transfroms": []}', 'unknown key "transfroms"'],
  ['{"transforms": "syntax-directive"}', '"transforms" must be an array'],
  ['{"unsafe": "yes"}', '"unsafe" must be true or false'],
  ['{"transforms": ["nope"]}', 'unknown transform "nope" in the config file'],
  ['{"options": {"syntax-directive": {"image": "Mirror/Dockerfile:1"}}}', '"options"."syntax-directive"."image" "Mirror/Dockerfile:1" is not a valid image reference: path components must be lower case'],
  ['{"options": {"syntax-directive": {"image": "docker/dockerfile:1\\n# x"}}}', 'is not a valid image reference: it contains white space'],
  ['{"options": {"syntax-directive": {"image": ""}}}', 'is not a valid image reference: it is empty'],
  ['{"options": {"syntax-directive": {"image": 1}}}', '"options"."syntax-directive"."image" must be a string'],
])('a bad config (%s) exits 2 with one line', async (text, reason) => {
  const dir = project(text);
  const r = await run(['.'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(reason);
  expect(r.stdout).toBe('');
  // Nothing was processed: the writable Dockerfiles are untouched.
  expect(readFileSync(join(dir, 'app/Dockerfile'), 'utf8')).toBe(PLAIN_DOCKERFILE);
});
