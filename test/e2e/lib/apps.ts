/**
 * What the suite does to each sample app in e2e/apps/: which file a "source-only
 * edit" touches, which build arg it changes, and how it changes the dependency
 * manifest. Edits are applied to the temporary copies, never to e2e/apps/.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AppSpec {
  name: string;
  /** One-line description for the results table. */
  about: string;
  /** File (relative to the app dir) that the source-only edit appends a comment to. */
  sourceFile: string;
  /** Comment syntax for that file. */
  comment: (text: string) => string;
  /**
   * Build arg the "arg change" step sets to a new value (omitted: the app has no ARG; n/a).
   * `bust`: the ARG is a deliberate cache buster (declared above steps that must re-run
   * when it changes, read by none of them). Then the rewritten file must re-run exactly
   * as many steps as the original after the change, not fewer. Such an app must be
   * built so that a correct rewrite keeps the same steps below the ARG (no manifest
   * split there, which would add a COPY).
   */
  buildArg?: { name: string; value: string; bust?: boolean };
  /** Dependency-manifest change (omitted: the app has no manifest; n/a); `files`: the context paths it edits. */
  manifestEdit?: { about: string; files: string[]; apply: (dir: string) => Promise<void> };
  /** Needs the local PyPI stand-in. */
  pypi?: boolean;
  /**
   * The rewrite is known to stay behind the hand-optimised e2e/handmade/full/<app>.Dockerfile
   * after a source edit, and why (what dockerfix cannot show safe). The suite then asserts the
   * gap is still there, so closing it makes the test say to remove this note.
   */
  handmadeGap?: string;
  /**
   * The lab engines that can build the app (omitted: every one), and why the others cannot
   * (e.g. a heredoc RUN: the old engine's built-in frontend rejects it). The suite skips the
   * app elsewhere, saying so.
   */
  engines?: ('old' | 'current')[];
  enginesWhy?: string;
}

const js = (t: string) => `\n// ${t}\n`;
const sh = (t: string) => `\n# ${t}\n`;
const md = (t: string) => `\n${t}\n`;

/**
 * Release bump: changes package.json's "version" (and the lock file's copy of it)
 * without changing any dependency, so the install step's input changes but no new
 * package needs to be fetched.
 */
function bumpNpmVersion(lockFile?: string) {
  return {
    about: 'package.json version bump (+ lock file)',
    files: lockFile === 'package-lock.json' ? ['package.json', lockFile] : ['package.json'],
    apply: async (dir: string) => {
      const pj = join(dir, 'package.json');
      const pkg = JSON.parse(await readFile(pj, 'utf8')) as { version: string };
      const next = pkg.version.replace(/(\d+)$/, (d) => String(Number(d) + 1));
      const oldVersion = pkg.version;
      pkg.version = next;
      await writeFile(pj, JSON.stringify(pkg, null, 2) + '\n');
      if (lockFile === 'package-lock.json') {
        const lp = join(dir, lockFile);
        const lock = JSON.parse(await readFile(lp, 'utf8')) as {
          version?: string;
          packages?: Record<string, { version?: string }>;
        };
        if (lock.version === oldVersion) lock.version = next;
        if (lock.packages?.['']) lock.packages[''].version = next;
        await writeFile(lp, JSON.stringify(lock, null, 2) + '\n');
      }
    },
  };
}

export const APPS: AppSpec[] = [
  {
    name: 'npm-app',
    about: 'Express API, COPY . . then npm ci',
    sourceFile: 'src/store.js',
    comment: js,
    manifestEdit: bumpNpmVersion('package-lock.json'),
  },
  {
    name: 'npm-workspace-app',
    about: 'npm workspace (packages/*: api + shared), COPY . . then npm ci',
    sourceFile: 'packages/api/src/bookmarks.js',
    comment: js,
    manifestEdit: bumpNpmVersion('package-lock.json'),
  },
  {
    name: 'yarn-app',
    about: 'yarn classic (installed with npm -g), COPY . . then yarn install',
    sourceFile: 'src/index.js',
    comment: js,
    manifestEdit: bumpNpmVersion(),
  },
  {
    name: 'apt-app',
    about: 'debian:bookworm, COPY . . then apt-get install jq + rm lists',
    sourceFile: 'bin/report.sh',
    comment: sh,
  },
  {
    name: 'multistage-app',
    about: 'node builder stage renders a site, busybox final stage',
    sourceFile: 'content/index.md',
    comment: md,
    manifestEdit: bumpNpmVersion('package-lock.json'),
  },
  {
    name: 'build-args-app',
    about: 'ARG VERSION/BUILD_DATE at the top, DEBIAN_FRONTEND/NODE_ENV read implicitly',
    sourceFile: 'server.js',
    comment: js,
    buildArg: { name: 'VERSION', value: '1.0.1' },
    manifestEdit: bumpNpmVersion('package-lock.json'),
  },
  {
    name: 'python-app',
    about: 'pip install --no-cache-dir -r requirements.txt (local index stand-in)',
    sourceFile: 'inventory/stock.py',
    comment: sh,
    pypi: true,
    manifestEdit: {
      about: 'requirements.txt: acme-textutils 0.3.1 -> 0.3.2',
      files: ['requirements.txt'],
      apply: async (dir) => {
        const p = join(dir, 'requirements.txt');
        const text = await readFile(p, 'utf8');
        if (!text.includes('acme-textutils==0.3.1')) throw new Error('python-app requirements.txt changed shape');
        await writeFile(p, text.replace('acme-textutils==0.3.1', 'acme-textutils==0.3.2'));
      },
    },
  },
  {
    name: 'poetry-app',
    about: 'Debian python3-poetry, COPY . . then poetry install --no-root --only main (local index stand-in)',
    sourceFile: 'shelf/books.py',
    comment: sh,
    pypi: true,
    manifestEdit: {
      // The project's version is not part of poetry.lock's content-hash: the lock stays valid.
      about: 'pyproject.toml version bump 0.4.0 -> 0.4.1',
      files: ['pyproject.toml'],
      apply: async (dir) => {
        const p = join(dir, 'pyproject.toml');
        const text = await readFile(p, 'utf8');
        if (!text.includes('version = "0.4.0"')) throw new Error('poetry-app pyproject.toml changed shape');
        await writeFile(p, text.replace('version = "0.4.0"', 'version = "0.4.1"'));
      },
    },
  },
  {
    name: 'nonroot-app',
    about: 'USER node before COPY --chown and npm install',
    sourceFile: 'app.js',
    comment: js,
    manifestEdit: bumpNpmVersion('package-lock.json'),
    handmadeGap: '`npm install` with package-lock.json in the context may rewrite the lock, which the broad copy would put back: split-manifest-copy gives advice, the hand-made file splits',
  },
  {
    name: 'crlf-app',
    about: 'CRLF Dockerfile with comments, npm ci && npm cache clean',
    sourceFile: 'src/main.js',
    comment: js,
    manifestEdit: bumpNpmVersion('package-lock.json'),
  },
  {
    name: 'pnpm-offline-app',
    about: 'pnpm fetch --prod from the lock file, COPY . ., pnpm install --offline',
    sourceFile: 'src/links.js',
    comment: js,
    manifestEdit: bumpNpmVersion(),
  },
  {
    name: 'apt-offline-app',
    about: 'apt-get install --download-only, COPY . ., apt-get install --no-download',
    sourceFile: 'bin/check.sh',
    comment: sh,
  },
  {
    name: 'apt-lists-app',
    about: 'COPY . . then apt-get update && install jq; the lists stay in the image',
    sourceFile: 'run-job.sh',
    comment: sh,
  },
  {
    name: 'cachebust-app',
    about: 'npm ci, then an unused ARG that busts the cache of apt-get upgrade',
    sourceFile: 'src/inbox.js',
    comment: js,
    buildArg: { name: 'SECURITY_UPDATES_DATE', value: '2026-12-02', bust: true },
    manifestEdit: bumpNpmVersion('package-lock.json'),
  },
  {
    name: 'node-docs-app',
    about: "the official Node.js guide's web app: COPY . ., apt-get install, npm ci, no .dockerignore",
    sourceFile: 'server.js',
    comment: js,
    manifestEdit: bumpNpmVersion('package-lock.json'),
  },
  {
    name: 'heredoc-app',
    about: 'COPY . . then heredoc RUNs (`RUN <<EOF`): apt-get install jq + rm lists, npm ci',
    sourceFile: 'server.js',
    comment: js,
    manifestEdit: bumpNpmVersion('package-lock.json'),
    engines: ['current'],
    enginesWhy: "heredoc RUNs need Dockerfile frontend 1.4; the old engine's built-in one (BuildKit 0.8) rejects them and `# syntax=` cannot be pulled here",
  },
];

export async function applySourceEdit(app: AppSpec, dir: string, text = 'edited by the dockerfix e2e suite'): Promise<void> {
  await appendFile(join(dir, app.sourceFile), app.comment(text));
}
