// Writes dist/cli.cache, the V8 code cache bin/load-cli.js hands to vm.Script with the bundle.
// Run by scripts/bundle.mjs after it wrote dist/cli.cjs.
//
// A cache made right after compiling holds only the code V8 compiles eagerly (little more than
// the top level); functions are compiled when first called. So this first runs the CLI
// in-process on a sample (a Dockerfile the default transforms change, in a folder with a build
// context), output discarded: a dry run, a --check with a JSON report, --stdin, and a run that
// writes the file; only then is the script serialised, so the cache also holds every function
// those runs compiled. Finally a fresh Node checks that V8 accepts the cache.
//
//     node scripts/code-cache.mjs          train and write dist/cli.cache
//     node scripts/code-cache.mjs --check  exit 1 unless this Node accepts dist/cli.cache
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, loadCli } from '../bin/load-cli.js';

if (process.argv[2] === '--check') {
  process.exit(loadCli().cacheUsed ? 0 : 1);
}

const SAMPLE = {
  Dockerfile: `FROM node:20-slim
ARG APP_VERSION=dev
RUN apt-get update && \\
    apt-get install -y --no-install-recommends curl && \\
    rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci && npm cache clean --force
ENV VERSION=$APP_VERSION
EXPOSE 3000
CMD ["node", "server.js"]
`,
  'package.json': '{ "name": "sample", "version": "1.0.0", "dependencies": { "express": "^4.19.2" } }\n',
  'package-lock.json': '{ "name": "sample", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": {} }\n',
  '.dockerignore': 'node_modules\n.git\n',
  'server.js': "console.log('hello');\n",
};

const dir = mkdtempSync(join(tmpdir(), 'dockerfix-code-cache-'));
try {
  for (const [name, text] of Object.entries(SAMPLE)) writeFileSync(join(dir, name), text);
  const { main, script } = loadCli({ cache: false });
  const run = async (argv, expectCode, stdin) => {
    let stdout = '';
    const io = { stdout: { write: (t) => (stdout += t) }, stderr: { write: () => true }, stdin, cwd: dir, env: {} };
    const code = await main(argv, io);
    if (code !== expectCode) throw new Error(`code-cache: dockerfix ${argv.join(' ')} exited ${code}, not ${expectCode}:\n${stdout}`);
    return stdout;
  };
  // The single-file dry run first (what start-up time is measured on), then the other common paths.
  const diff = await run(['--dry-run', 'Dockerfile'], 0);
  // The sample must keep exercising the transforms, or the cache would miss their code.
  if (!diff.includes('+RUN --mount=type=cache')) throw new Error(`code-cache: no cache mount in the training run's diff:\n${diff}`);
  await run(['--check', '--format', 'json', '.'], 1);
  // --stdin-filepath is not one of the flags src/cli/args.ts reads without yargs: this run puts yargs in the cache.
  await run(['--stdin', '--stdin-filepath', 'Dockerfile'], 0, [Buffer.from(SAMPLE.Dockerfile)]);
  await run(['Dockerfile'], 0);
  writeFileSync(CACHE, script.createCachedData());
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// A Node started the way bin/dockerfix.js is must accept the cache, or it would only cost time.
try {
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--check'], { stdio: 'inherit' });
} catch {
  throw new Error(`code-cache: a fresh Node rejects ${CACHE}`);
}
