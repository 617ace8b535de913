/** Unit tests for the e2e harness helpers (no Docker needed). */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bustArgProblem, layerCacheKeptProblem, orderChanged } from '../e2e/lib/claims.js';
import { compareFilesystems } from '../e2e/lib/compare.js';
import { executedSteps, isDependencyInstall, parsePlainProgress, type Step } from '../e2e/lib/docker.js';
import { stripSyntaxDirective } from '../e2e/lib/dockerfix.js';
import type { Measure } from '../e2e/lib/results.js';
import { readTar, type TarEntry } from '../e2e/lib/tar.js';

const LOG = `#1 [internal] load build definition from Dockerfile
#1 DONE 0.0s

#4 [builder 1/5] FROM docker.io/library/node:20
#4 DONE 0.0s

#5 [builder 2/5] WORKDIR /app
#5 CACHED

#7 [builder 3/5] COPY package.json package-lock.json ./
#7 CACHED

#8 [builder 4/5] RUN --mount=type=cache,target=/root/.npm npm ci
#8 sha256:50eecf11b1114eff736824102ec70893a9a6078a88b7d990efcd22a31a147ba5
#8 0.512 added 3 packages
#8 DONE 1.4s

#9 [2/2] COPY --from=builder /app/dist /www
#9 ERROR: failed to compute cache key

#10 exporting to image
#10 DONE 0.1s
`;

describe('parsePlainProgress', () => {
  const steps = parsePlainProgress(LOG);
  test('finds Dockerfile steps with and without a stage label, not internal vertices', () => {
    expect(steps.map((s) => [s.stage, s.pos, s.instruction])).toEqual([
      ['builder', '1/5', 'FROM'],
      ['builder', '2/5', 'WORKDIR'],
      ['builder', '3/5', 'COPY'],
      ['builder', '4/5', 'RUN'],
      ['stage-0', '2/2', 'COPY'],
    ]);
  });
  test('counts executed RUN/COPY/ADD/WORKDIR steps, not CACHED ones or FROM', () => {
    expect(executedSteps(steps).map((s) => s.id)).toEqual([8, 9]);
    expect(steps.find((s) => s.id === 8)!.seconds).toBe(1.4);
    expect(steps.find((s) => s.id === 9)!.error).toBe(true);
  });
});

describe('isDependencyInstall', () => {
  const run = (text: string) => ({ instruction: 'RUN', text }) as Step;
  test.each([
    'RUN npm ci',
    'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev',
    'RUN npm install -g yarn@1.22.22',
    'RUN yarn install --frozen-lockfile',
    'RUN yarn',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'RUN apt-get update && apt-get install -y --no-install-recommends jq',
    'RUN apt-get -y install jq',
  ])('%s is an install', (t) => expect(isDependencyInstall(run(t))).toBe(true));
  test.each(['RUN npm run build', 'RUN yarn build', 'RUN mkdir -p /app', 'RUN pip --version'])('%s is not', (t) =>
    expect(isDependencyInstall(run(t))).toBe(false),
  );
});

describe('stripSyntaxDirective', () => {
  test('removes the syntax line, keeps other directives and CRLF', () => {
    const r = stripSyntaxDirective('# escape=`\r\n# syntax=docker/dockerfile:1\r\n# comment\r\nFROM x\r\n');
    expect(r.text).toBe('# escape=`\r\n# comment\r\nFROM x\r\n');
    expect(r.stripped).toBe('# syntax=docker/dockerfile:1');
  });
  test('handles a BOM and leaves a syntax comment after the directives alone', () => {
    expect(stripSyntaxDirective('\uFEFF# syntax=docker/dockerfile:1\nFROM x\n').text).toBe('FROM x\n');
    const late = '# hello\n# syntax=docker/dockerfile:1\nFROM x\n';
    expect(stripSyntaxDirective(late)).toEqual({ text: late, stripped: undefined });
  });
});

const entry = (path: string, over: Partial<TarEntry> = {}): [string, TarEntry] => [
  path,
  { path, type: 'dir', mode: '0755', uid: 0, gid: 0, size: 0, link: '', dev: '', sha256: '', ...over },
];

describe('compareFilesystems', () => {
  test('cache contents are free, but a mount target must keep its owner', () => {
    const orig = new Map([
      entry('/home/node/.npm', { uid: 1000, gid: 1000 }),
      entry('/home/node/.npm/_cacache', { uid: 1000, gid: 1000 }),
      entry('/app/a.js', { type: 'file', size: 1, sha256: 'aa' }),
    ]);
    const rewr = new Map([entry('/home/node/.npm'), entry('/app/a.js', { type: 'file', size: 1, sha256: 'aa' })]);
    const d = compareFilesystems(orig, rewr);
    expect(d.map((x) => [x.path, !!x.allowedBy])).toEqual([
      ['/home/node/.npm', false],
      ['/home/node/.npm/_cacache', true],
    ]);
  });
  test('noisy files may differ in content only; anything else fails', () => {
    const f = (sha: string, mode = '0644') => ({ type: 'file', size: 3, sha256: sha, mode });
    const orig = new Map([entry('/var/log/dpkg.log', f('a')), entry('/etc/x', f('a')), entry('/var/log/apt/term.log', f('a'))]);
    const rewr = new Map([entry('/var/log/dpkg.log', f('b')), entry('/etc/x', f('b')), entry('/var/log/apt/term.log', f('a', '0600'))]);
    expect(compareFilesystems(orig, rewr).map((x) => [x.path, !!x.allowedBy])).toEqual([
      ['/etc/x', false],
      ['/var/log/apt/term.log', false],
      ['/var/log/dpkg.log', true],
    ]);
  });
  test("apt's package lists are compared; only an empty mount-point directory may be missing", () => {
    const file = { type: 'file', size: 9, sha256: 'cc', mode: '0644' };
    const orig = new Map([
      entry('/var/lib/apt/lists'),
      entry('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', file),
      entry('/var/cache/apt/archives/lock', file),
      entry('/etc/apt/apt.conf.d/docker-clean', file),
    ]);
    const rewr = new Map([entry('/var/lib/apt/lists')]);
    expect(compareFilesystems(orig, rewr).map((x) => [x.path, !!x.allowedBy])).toEqual([
      ['/etc/apt/apt.conf.d/docker-clean', false],
      ['/var/cache/apt/archives/lock', true],
      ['/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', false],
    ]);
    // The original deleted the directory itself; the rewritten image keeps the empty mount point.
    expect(compareFilesystems(new Map(), new Map([entry('/var/lib/apt/lists')])).map((x) => !!x.allowedBy)).toEqual([true]);
  });
  test("pnpm's store is a download cache", () => {
    const orig = new Map([
      entry('/root/.local'),
      entry('/root/.local/share'),
      entry('/root/.local/share/pnpm'),
      entry('/root/.local/share/pnpm/store'),
      entry('/root/.local/share/pnpm/store/v3/files/00/ab', { type: 'file', size: 1, sha256: 'aa' }),
    ]);
    expect(compareFilesystems(orig, new Map()).every((x) => x.allowedBy)).toBe(true);
  });
});

const m = (executed: number, failed = false): Measure => ({
  executed,
  executedSteps: Array.from({ length: executed }, (_, i) => `stage-0 ${i + 2}/9 RUN step ${i}`),
  installsRerun: [],
  seconds: 1,
  ...(failed ? { failed } : {}),
});

describe('claims', () => {
  test('a cache-busting ARG must re-run as many steps in the rewrite, not fewer or more', () => {
    expect(bustArgProblem('REFRESH', m(2), m(2))).toBeUndefined();
    expect(bustArgProblem('REFRESH', m(2), m(0))).toMatch(/re-ran 0 steps, the original 2/);
    expect(bustArgProblem('REFRESH', m(2), m(3))).toMatch(/re-ran 3 steps/);
  });
  test('the cache-mount prune must keep the layer cache (same re-runs as the first source edit)', () => {
    expect(layerCacheKeptProblem('rewritten', m(1), m(1))).toBeUndefined();
    expect(layerCacheKeptProblem('rewritten', m(1), m(1, true))).toBeUndefined();
    expect(layerCacheKeptProblem('original', m(2), m(5))).toMatch(/original Dockerfile re-ran 5 steps .* after the first source edit 2/);
  });
});

describe('readTar', () => {
  test('reads GNU tar output with long names, symlinks, modes and content hashes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfx-tar-'));
    try {
      const root = join(dir, 'root');
      const long = 'd'.repeat(60) + '/' + 'e'.repeat(70);
      mkdirSync(join(root, long), { recursive: true });
      writeFileSync(join(root, long, 'file.txt'), 'hello\n', { mode: 0o640 });
      symlinkSync('../target', join(root, 'link'));
      const tar = join(dir, 'x.tar');
      execFileSync('tar', ['-C', root, '--owner=0', '--group=0', '-cf', tar, '.']);
      const t = readTar(tar);
      const f = t.get(`/${long}/file.txt`)!;
      expect(f).toMatchObject({ type: 'file', mode: '0640', size: 6, uid: 0 });
      expect(f.sha256).toBe('5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03');
      expect(t.get('/link')).toMatchObject({ type: 'symlink', link: '../target' });
      expect(t.get('/')!.type).toBe('dir');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('a hard link reads as the file it links to; pnpm install times are skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfx-tar-'));
    try {
      const root = join(dir, 'root');
      mkdirSync(join(root, 'a/node_modules'), { recursive: true });
      writeFileSync(join(root, 'a/LICENSE'), 'MIT\n');
      linkSync(join(root, 'a/LICENSE'), join(root, 'b-LICENSE'));
      writeFileSync(join(root, 'a/node_modules/.modules.yaml'), 'layoutVersion: 5\nprunedAt: Thu, 03 Dec 2026 11:52:53 GMT\n');
      const other = join(dir, 'other');
      mkdirSync(join(other, 'a/node_modules'), { recursive: true });
      writeFileSync(join(other, 'a/node_modules/.modules.yaml'), 'layoutVersion: 5\nprunedAt: Thu, 03 Dec 2026 11:53:20 GMT\n');
      const tar = join(dir, 'x.tar');
      const tar2 = join(dir, 'y.tar');
      execFileSync('tar', ['-C', root, '--owner=0', '--group=0', '-cf', tar, './a', './b-LICENSE']);
      execFileSync('tar', ['-C', other, '--owner=0', '--group=0', '-cf', tar2, '.']);
      const t = readTar(tar);
      expect(t.get('/b-LICENSE')).toMatchObject({ type: 'file', size: 4, sha256: t.get('/a/LICENSE')!.sha256, hardlinkOf: '/a/LICENSE' });
      expect(t.get('/a/node_modules/.modules.yaml')!.sha256).toBe(readTar(tar2).get('/a/node_modules/.modules.yaml')!.sha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('orderChanged', () => {
  const orig = 'FROM node:20\nRUN npm install -g pnpm@9\nCOPY . .\nRUN apt-get update && apt-get install -y jq \\\n    && rm -rf /var/lib/apt/lists/*\n';
  test('a mount-only rewrite keeps the order', () => {
    const w = '# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=cache,target=/root/.npm npm install -g pnpm@9\nCOPY . .\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\\n    apt-get update && apt-get install -y jq\n';
    expect(orderChanged(orig, w)).toBe(false);
  });
  test('a reorder, a split or a changed command is a change of order', () => {
    expect(orderChanged(orig, 'FROM node:20\nRUN npm install -g pnpm@9\nRUN apt-get update && apt-get install -y jq && rm -rf /var/lib/apt/lists/*\nCOPY . .\n')).toBe(true);
    expect(orderChanged(orig, orig.replace('COPY . .', 'COPY package.json ./\nCOPY . .'))).toBe(true);
    expect(orderChanged(orig, orig.replace('jq', 'jq curl'))).toBe(true);
  });
});
