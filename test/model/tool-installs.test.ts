/**
 * Tool installs (TOOL_PATHS, IMAGE_TOOLS in src/model/analysis/tools.ts, homeOf in known-state.ts): the folders they
 * claim, and the forms that still read the current folder. docs/reorder-and-args.md.
 */
import { analyze, canSwap, type Effects } from '../../src/model/analysis.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';

/** Effects of the last instruction of the last stage, and of the one `back` places above it. */
function last(text: string, back = 0): [Effects, Effects] {
  const a = analyze(parseDockerfile(text));
  const list = a.model.stages[a.model.stages.length - 1].instructions;
  return [a.effects.get(list[list.length - 1].index)!, a.effects.get(list[list.length - 1 - back].index)!];
}
const paths = (e: Effects) => (e.writes.paths.all ? ['*'] : e.writes.paths.paths);

describe('global tool installs', () => {
  test('npm install -g of a registry package writes the prefix folders and the user cache, and reads no cwd', () => {
    const [e] = last('FROM node:22\nWORKDIR /usr/src/app\nRUN npm install -g pnpm@9\n');
    expect(e.opaque).toBe(false);
    expect(e.reads.workdir).toBe(false);
    expect(paths(e)).toEqual(expect.arrayContaining(['/usr/local/lib/node_modules', '/usr/local/bin', '/root/.npm', '/tmp']));
    // node images keep npm in /usr/local/bin: /usr/bin is never searched, so /usr/lib is not claimed.
    expect(paths(e)).not.toContain('/usr/lib/node_modules');
    expect(e.reads.paths.paths).not.toContain('/usr/src/app');
  });
  test('as USER node the cache is /home/node/.npm; an unknown user home claims everything', () => {
    const [node] = last('FROM node:22\nUSER node\nRUN npm install -g pnpm@9\n');
    expect(paths(node)).toContain('/home/node/.npm');
    const [app] = last('FROM node:22\nRUN useradd -m app\nUSER app\nRUN npm install -g pnpm@9\n');
    expect(app.writes.paths.all).toBe(true);
    const [home] = last('FROM node:22\nENV HOME=/srv/home\nRUN npm install -g pnpm@9\n');
    expect(paths(home)).toContain('/srv/home/.npm');
  });
  test('npm install -g of the current folder, a path or nothing reads the cwd', () => {
    for (const body of ['npm install -g .', 'npm install -g ./tools/cli', 'npm install -g', 'npm install -g pkg.tgz', 'npm install -g --prefix /x pnpm']) {
      const [e] = last(`FROM node:22\nWORKDIR /app\nRUN ${body}\n`);
      expect([body, e.reads.workdir]).toEqual([body, true]);
    }
  });
  test('corepack: enable and prepare with a version read no cwd; install/prepare without one do; use is opaque', () => {
    expect(last('FROM node:22\nWORKDIR /app\nRUN corepack enable\n')[0].reads.workdir).toBe(false);
    expect(last('FROM node:22\nWORKDIR /app\nRUN corepack prepare pnpm@9.1.0 --activate\n')[0].reads.workdir).toBe(false);
    expect(paths(last('FROM node:22\nWORKDIR /app\nRUN corepack prepare pnpm@9.1.0 --activate\n')[0])).toContain('/root/.cache/node/corepack');
    expect(last('FROM node:22\nWORKDIR /app\nRUN corepack install\n')[0].reads.workdir).toBe(true);
    expect(last('FROM node:22\nWORKDIR /app\nRUN corepack prepare --activate\n')[0].reads.workdir).toBe(true);
    expect(last('FROM node:22\nWORKDIR /app\nRUN corepack use pnpm@9\n')[0].opaque).toBe(true);
  });
  test('pip install of names writes the prefix (whole), ~/.cache/pip and ~/.local; -r, --group, python -m pip read the cwd', () => {
    const [e] = last('FROM python:3.12\nWORKDIR /usr/src/app\nRUN pip install poetry==1.8.3\n');
    expect(e.reads.workdir).toBe(false);
    expect(paths(e)).toEqual(expect.arrayContaining(['/usr/local', '/root/.cache/pip', '/root/.local']));
    expect(paths(e)).not.toContain('/usr');
    // On an image whose python is not known, /usr/bin's prefix /usr and all of /opt count.
    expect(paths(last('FROM debian:12\nRUN pip install poetry\n')[0])).toEqual(expect.arrayContaining(['/usr', '/opt']));
    for (const body of ['pip install -r requirements.txt', 'pip install --group docker', 'python -m pip install poetry', 'pip install ./dist/x.whl', 'pip install x-1.0-py3-none-any.whl']) {
      const [r] = last(`FROM python:3.12\nWORKDIR /app\nRUN ${body}\n`);
      expect([body, r.opaque || r.reads.workdir]).toEqual([body, true]);
    }
  });
  test('pip --find-links=/wheels reads /wheels, so it stays below the copy that fills it', () => {
    const [run, copy] = last('FROM python:3.12 AS w\nRUN true\nFROM python:3.12\nCOPY --from=w /wheels /wheels\nRUN pip install --no-index --find-links=/wheels x\n', 1);
    expect(run.reads.paths.paths).toContain('/wheels');
    expect(canSwap(run, copy)).toBe(false);
  });
  test('a virtualenv on PATH is written; one inside the app folder blocks the move', () => {
    const [run, copy] = last('FROM python:3.12\nWORKDIR /app\nENV PATH=/app/.venv/bin:$PATH\nCOPY . .\nRUN pip install gunicorn\n', 1);
    expect(paths(run)).toContain('/app/.venv');
    expect(canSwap(run, copy)).toBe(false);
  });
  test('go install pkg@version ignores the current module; golang images put GOPATH at /go', () => {
    const [e] = last('FROM golang:1.22\nWORKDIR /usr/src/app\nRUN go install github.com/air-verse/air@v1.52.3\n');
    expect(e.reads.workdir).toBe(false);
    expect(paths(e)).toEqual(expect.arrayContaining(['/go', '/root/.cache/go-build']));
    expect(e.reads.paths.paths).toContain('/usr/local/go');
    expect(last('FROM golang:1.22\nWORKDIR /src\nRUN go install ./cmd/x\n')[0].opaque).toBe(true);
  });
  test('curl and wget read the user config files, not all of /home; a saved file reads its folder', () => {
    const [c] = last('FROM node:22\nRUN curl -fsSL https://x/tini -o /usr/local/bin/tini\n');
    expect(c.reads.paths.paths).not.toContain('/home');
    expect(c.reads.paths.paths).toEqual(expect.arrayContaining(['/root/.curlrc', '/usr/local/bin']));
    expect(paths(last('FROM debian:12\nRUN wget -O /opt/x https://x/y\n')[0])).toContain('/root/.wget-hsts');
  });
});
