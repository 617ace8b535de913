/** The cache-impact estimate in the reports: json/ndjson rows, the stylish line, the markdown table. */
import { join } from 'node:path';
import { run, tempDir, write } from './helpers.js';

const APP = 'FROM node:20\nARG VERSION=1\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN echo $VERSION > version.txt\nCMD ["node", "index.js"]\n';

function app(): string {
  const dir = tempDir();
  write(join(dir, 'app/Dockerfile'), APP);
  write(join(dir, 'app/package.json'), '{"name":"a","version":"1.0.0"}\n');
  write(join(dir, 'app/package-lock.json'), '{"lockfileVersion":3}\n');
  write(join(dir, 'app/index.js'), '\n');
  write(join(dir, 'done/Dockerfile'), '# syntax=docker/dockerfile:1\nFROM scratch\n');
  return dir;
}

test('-f json: an impact array per changed file, none on an unchanged one', async () => {
  const dir = app();
  const r = await run(['--check', '-f', 'json', '-x', 'syntax-directive', '.'], { cwd: dir });
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  const changed = doc.files.find((f: { path: string }) => f.path === 'app/Dockerfile');
  // Original: WORKDIR, COPY . ., RUN npm ci, RUN echo (4 steps). Rewrite: WORKDIR, COPY package.json
  // package-lock.json, RUN npm ci, COPY . ., RUN echo (5), the ARG moved down to the echo.
  expect(changed.impact).toEqual([
    { edit: 'source', before: 3, after: 2, steps: 5, stepsBefore: 4 },
    { edit: 'manifest:package-lock.json', before: 3, after: 4, steps: 5, stepsBefore: 4 },
    { edit: 'manifest:package.json', before: 3, after: 4, steps: 5, stepsBefore: 4 },
    { edit: 'arg:VERSION', before: 2, after: 1, steps: 5, stepsBefore: 4 },
    { edit: 'base:0', before: 4, after: 5, steps: 5, stepsBefore: 4 },
  ]);
  expect(doc.files.find((f: { path: string }) => f.path === 'done/Dockerfile').impact).toBeUndefined();
  // Deterministic: the same bytes twice.
  expect((await run(['--check', '-f', 'json', '-x', 'syntax-directive', '.'], { cwd: dir })).stdout).toBe(r.stdout);
  const nd = (await run(['--check', '-f', 'ndjson', '-x', 'syntax-directive', '.'], { cwd: dir })).stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(nd.find((l: { path?: string }) => l.path === 'app/Dockerfile').impact).toEqual(changed.impact);
});

test('stylish: one short line per changed file, rows that change only', async () => {
  const dir = app();
  const r = await run(['--check', '-x', 'syntax-directive', '.'], { cwd: dir });
  const lines = r.stdout.split('\n').filter((l) => l.includes('re-runs  '));
  expect(lines).toEqual(['  re-runs  source edit: 3 of 4 steps → 2 of 5; package-lock.json: 3 → 4; package.json: 3 → 4; arg VERSION: 2 → 1']);
  // A cache-mount-only change re-runs the same steps: the line says so and no more.
  const only = await run(['--check', '-t', 'cache-mounts', '.'], { cwd: dir });
  expect(only.stdout.split('\n').filter((l) => l.includes('re-runs  '))).toEqual(['  re-runs  source edit: 3 of 4 steps → 3']);
  // -q: errors only.
  expect((await run(['--check', '-q', '-x', 'syntax-directive', '.'], { cwd: dir })).stdout).not.toContain('re-runs');
});

test('markdown: a cache-impact table per changed file', async () => {
  const dir = app();
  const r = await run(['--check', '-f', 'markdown', '-x', 'syntax-directive', '.'], { cwd: dir });
  expect(r.stdout).toContain(
    '### Cache impact\n\n' +
      'Build steps (RUN, COPY, ADD, WORKDIR) that re-run after each everyday edit, before and after this change, estimated from the Dockerfile (a range: a `COPY --from` re-runs only when the files it copies changed).\n\n' +
      '**`app/Dockerfile`**\n\n' +
      '| Edit | Re-run before | Re-run after | Of steps |\n|---|--:|--:|--:|\n' +
      '| a source file | 3 | 2 | 4 → 5 |\n' +
      '| `package-lock.json` | 3 | 4 | 4 → 5 |\n' +
      '| `package.json` | 3 | 4 | 4 → 5 |\n' +
      '| build arg `VERSION` | 2 | 1 | 4 → 5 |\n' +
      '| base image | 4 | 5 | 4 → 5 |\n',
  );
});

test('a multi-stage file: a copy from another stage is a range', async () => {
  const dir = tempDir();
  write(join(dir, 'Dockerfile'), 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n\nFROM busybox\nCOPY --from=build /app/dist /www\n');
  write(join(dir, 'package.json'), '{"name":"a","version":"1.0.0"}\n');
  write(join(dir, 'package-lock.json'), '{"lockfileVersion":3}\n');
  const r = await run(['--check', '-f', 'json', '-x', 'syntax-directive', '.'], { cwd: dir });
  const rows = JSON.parse(r.stdout).files[0].impact;
  expect(rows[0]).toEqual({ edit: 'source', before: 4, after: 3, steps: 6, stepsBefore: 5, beforeMin: 3, afterMin: 2 });
  const s = await run(['--check', '-x', 'syntax-directive', '.'], { cwd: dir });
  expect(s.stdout).toContain('re-runs  source edit: 3–4 of 5 steps → 2–3 of 6');
});
