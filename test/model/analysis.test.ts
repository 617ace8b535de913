/**
 * The dependency model and the swap predicate. RUN bodies are given as literal command
 * lists (test data standing in for the shell parser), so these tests pin the model
 * itself: what each instruction reads and writes, and when two may trade places.
 */
import { analyze, canSwap, swapConflict, Volatility, type Analysis } from '../../src/model/analysis.js';
import { parseDockerfile, type Instruction } from '../../src/model/dockerfile.js';
import { cmd, withScripts } from '../helpers/scripts.js';
import { envReadersOf, matchesAny } from '../../src/model/env-readers.js';

const by = (a: Analysis, prefix: string): Instruction => {
  const i = a.model.instructions.find((x) => x.text === prefix) ?? a.model.instructions.find((x) => x.text.startsWith(prefix));
  if (!i) throw new Error(`no instruction ${prefix}`);
  return i;
};
const eff = (a: Analysis, prefix: string) => a.effects.get(by(a, prefix).index)!;
const swap = (a: Analysis, p: string, q: string) => canSwap(eff(a, p), eff(a, q));

const APT = ['apt-get', 'install', '-y', 'curl'];

describe('buildkit-semantics §5.3: every unsafe move is refused', () => {
  test('1. RUN pip install ↔ ENV PATH=/opt/venv/bin:$PATH', () => {
    const a = withScripts('FROM python:3.12\nENV PATH=/opt/venv/bin:$PATH\nRUN pip install flask\n', { 'pip install flask': [['pip', 'install', 'flask']] });
    expect(swap(a, 'ENV PATH', 'RUN pip')).toBe(false);
  });
  test('2. USER app ↔ RUN apt-get install', () => {
    const a = withScripts('FROM debian\nUSER app\nRUN apt-get install -y curl\n', { 'apt-get install -y curl': [APT] });
    expect(swapConflict(eff(a, 'USER'), eff(a, 'RUN'))).toMatch(/reads what/);
  });
  test('3. WORKDIR /app ↔ COPY package.json .', () => {
    const a = withScripts('FROM node:20\nWORKDIR /app\nCOPY package.json .\n', {});
    expect(swap(a, 'WORKDIR', 'COPY')).toBe(false);
  });
  test('4. ENV NODE_ENV=production ↔ RUN npm ci (also with --ignore-scripts, where npm is understood)', () => {
    const a = withScripts('FROM node:20\nWORKDIR /app\nENV NODE_ENV=production\nRUN npm ci\nRUN npm ci --ignore-scripts\n', {
      'npm ci': [['npm', 'ci']],
      'npm ci --ignore-scripts': [['npm', 'ci', '--ignore-scripts']],
    });
    expect(eff(a, 'RUN npm ci').opaque).toBe(true); // the project's install hooks are unknown without a context
    expect(swap(a, 'ENV', 'RUN npm ci')).toBe(false);
    expect(eff(a, 'RUN npm ci --ignore').opaque).toBe(false);
    expect(swap(a, 'ENV', 'RUN npm ci --ignore')).toBe(false);
  });
  test('5. SHELL ["/bin/bash","-o","pipefail","-c"] ↔ a shell-form RUN', () => {
    const a = withScripts('FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN mkdir -p /x\n', { 'mkdir -p /x': [['mkdir', '-p', '/x']] });
    expect(swap(a, 'SHELL', 'RUN')).toBe(false);
  });
  test('6. COPY entrypoint.sh /usr/local/bin/ ↔ RUN chmod +x /usr/local/bin/entrypoint.sh', () => {
    const a = withScripts('FROM debian\nCOPY entrypoint.sh /usr/local/bin/\nRUN chmod +x /usr/local/bin/entrypoint.sh\n', {
      'chmod +x /usr/local/bin/entrypoint.sh': [['chmod', '+x', '/usr/local/bin/entrypoint.sh']],
    });
    expect(swap(a, 'COPY', 'RUN')).toBe(false);
  });
  test('7. RUN ln -s /data /app/data ↔ COPY data/ /app/data/', () => {
    const a = withScripts('FROM debian\nRUN ln -s /data /app/data\nCOPY data/ /app/data/\n', { 'ln -s /data /app/data': [['ln', '-s', '/data', '/app/data']] });
    expect(swap(a, 'RUN', 'COPY')).toBe(false);
  });
  test('8. LABEL version=$VERSION ↔ ARG VERSION', () => {
    const a = withScripts('FROM debian\nARG VERSION\nLABEL version=$VERSION\n', {});
    expect(swap(a, 'ARG', 'LABEL')).toBe(false);
  });
  test('9. EXPOSE $PORT ↔ ENV PORT=8080', () => {
    const a = withScripts('FROM debian\nENV PORT=8080\nEXPOSE $PORT\n', {});
    expect(swap(a, 'ENV', 'EXPOSE')).toBe(false);
  });
  test('10. ARG TARGETARCH ↔ the RUN that uses $TARGETARCH', () => {
    const a = withScripts('FROM debian\nARG TARGETARCH\nRUN curl -fsSLo /usr/local/bin/tool https://x/tool-$TARGETARCH\n', {
      'curl -fsSLo /usr/local/bin/tool https://x/tool-$TARGETARCH': [{ argv: ['curl', '-fsSLo', '/usr/local/bin/tool', null] }],
    });
    expect(swap(a, 'ARG', 'RUN')).toBe(false);
  });
  test('11. CMD ↔ CMD, ENV X=1 ↔ ENV X=2 (last writer wins)', () => {
    const a = withScripts('FROM debian\nCMD ["a"]\nCMD ["b"]\nENV X=1\nENV X=2\n', {});
    expect(swap(a, 'CMD ["a"]', 'CMD ["b"]')).toBe(false);
    expect(swap(a, 'ENV X=1', 'ENV X=2')).toBe(false);
  });
  test('12. VOLUME /data ↔ a RUN writing /data/x', () => {
    const a = withScripts('FROM debian\nVOLUME /data\nRUN touch /data/x\n', { 'touch /data/x': [['touch', '/data/x']] });
    expect(swap(a, 'VOLUME', 'RUN')).toBe(false);
  });
  test('13. WORKDIR /home/app ↔ USER app (directory owner)', () => {
    const a = withScripts('FROM debian\nWORKDIR /home/app\nUSER app\n', {});
    expect(swap(a, 'WORKDIR', 'USER')).toBe(false);
  });
  test('14. COPY a/ /x/ ↔ COPY b/conf /x/conf', () => {
    const a = withScripts('FROM debian\nCOPY a/ /x/\nCOPY b/conf /x/conf\n', {});
    expect(swap(a, 'COPY a/', 'COPY b/')).toBe(false);
  });
});

describe('safe swaps the transforms rely on', () => {
  const text = [
    'FROM debian:12',
    'WORKDIR /app',
    'COPY . .',
    'RUN apt-get update && apt-get install -y curl',
    'ENV APP_PORT=3000',
    'ENV DEBIAN_FRONTEND=noninteractive',
    'ARG HTTP_PROXY',
    'COPY --chown=app config.yaml /app/config.yaml',
    'RUN useradd app',
    'EXPOSE 3000',
    'COPY . /',
    '',
  ].join('\n');
  const a = withScripts(text, {
    'apt-get update && apt-get install -y curl': [['apt-get', 'update'], APT],
    'useradd app': [['useradd', 'app']],
  });
  test('apt-get install does not read what `COPY . .` into /app wrote', () => {
    expect(swap(a, 'COPY . .', 'RUN apt-get')).toBe(true);
  });
  test('apt-get install does not read APP_PORT, but reads DEBIAN_FRONTEND and proxies', () => {
    expect(swap(a, 'ENV APP_PORT', 'RUN apt-get')).toBe(true);
    expect(swap(a, 'ENV DEBIAN', 'RUN apt-get')).toBe(false);
    expect(swap(a, 'ARG HTTP_PROXY', 'RUN apt-get')).toBe(false);
  });
  test('a COPY --chown=<name> reads /etc/passwd, which useradd writes', () => {
    expect(swap(a, 'COPY --chown', 'RUN useradd')).toBe(false);
  });
  test('a COPY into / overlaps everything', () => {
    expect(swap(a, 'COPY . /', 'RUN apt-get')).toBe(false);
  });
  test('metadata commutes with a RUN', () => {
    expect(swap(a, 'EXPOSE', 'RUN apt-get')).toBe(true);
  });
  test('FROM never moves', () => {
    expect(swap(a, 'FROM', 'WORKDIR')).toBe(false);
  });
});

describe('what the model refuses to guess', () => {
  test('without a known WORKDIR a relative COPY writes anywhere', () => {
    const a = withScripts('FROM node:20\nCOPY . .\nRUN apt-get install -y curl\n', { 'apt-get install -y curl': [APT] });
    expect(eff(a, 'COPY').writes.paths.all).toBe(true);
    expect(swap(a, 'COPY', 'RUN')).toBe(false);
  });
  test('a WORKDIR from an ARG is unknown; from a constant ENV it is known', () => {
    const a = withScripts('FROM node:20\nARG DIR=/app\nWORKDIR $DIR\nCOPY . .\nFROM node:20\nENV DIR=/srv\nWORKDIR $DIR/x\nCOPY . .\n', {});
    const copies = a.model.instructions.filter((i) => i.keyword === 'COPY').map((i) => a.effects.get(i.index)!.writes.paths);
    expect(copies[0].all).toBe(true);
    expect(copies[1]).toEqual({ all: false, paths: ['/srv/x'] });
  });
  test('manifest files copied into a folder claim only folder/name; anything else claims the folder', () => {
    const a = withScripts('FROM python:3.12\nWORKDIR /app\nCOPY src/ ./src/\nCOPY pyproject.toml uv.lock ./\nCOPY requirements*.txt ./\nCOPY config ./\n', {});
    expect(eff(a, 'COPY pyproject').writes.paths.paths).toEqual(['/app/pyproject.toml', '/app/uv.lock']);
    expect(eff(a, 'COPY requirements').writes.paths.paths).toEqual(['/app']);
    expect(eff(a, 'COPY config').writes.paths.paths).toEqual(['/app']);
    expect(swap(a, 'COPY src/', 'COPY pyproject')).toBe(true);
  });
  test('an opaque RUN reads and writes everything', () => {
    const a = withScripts('FROM debian\nWORKDIR /src\nRUN ./build.sh\nRUN make\n', {});
    for (const p of ['RUN ./build.sh', 'RUN make']) {
      const e = eff(a, p);
      expect(e.opaque).toBe(true);
      expect(e.reads.vars.all && e.reads.paths.all && e.writes.paths.all).toBe(true);
    }
  });
  test('npm run, a script, sh -c: opaque; a redirect to a file is a write', () => {
    const a = withScripts('FROM node\nWORKDIR /app\nRUN npm run build\nRUN sh ./x.sh\nRUN echo hi > /app/out.txt\n', {
      'npm run build': [['npm', 'run', 'build']],
      'sh ./x.sh': [['sh', './x.sh']],
      'echo hi > /app/out.txt': [{ argv: ['echo', 'hi'], redirects: ['/app/out.txt'] }],
    });
    expect(eff(a, 'RUN npm').opaque).toBe(true);
    expect(eff(a, 'RUN sh').opaque).toBe(true);
    expect(eff(a, 'RUN echo').writes.paths.paths).toContain('/app/out.txt');
  });
  test('a cd in a subshell leaves the cwd unknown afterwards', () => {
    const a = withScripts('FROM debian\nWORKDIR /app\nRUN (cd /tmp && touch a) && touch b\n', {
      '(cd /tmp && touch a) && touch b': [{ argv: ['cd', '/tmp'], inSubshell: true }, { argv: ['touch', 'a'], inSubshell: true }, ['touch', 'b']],
    });
    expect(eff(a, 'RUN').writes.paths.all).toBe(true);
  });
  test('pip install -r with a context whose requirements install the project is opaque', () => {
    const text = 'FROM python:3.12\nWORKDIR /app\nRUN pip install -r requirements.txt\n';
    const scripts = { 'pip install -r requirements.txt': [['pip', 'install', '-r', 'requirements.txt']] };
    expect(eff(withScripts(text, scripts), 'RUN').opaque).toBe(false);
    const ctx = { root: '/', exists: () => true, ignored: () => false, read: () => 'flask\n-e .\n', list: () => [] };
    const a = analyze(parseDockerfile(text), { buildContext: ctx, runScript: () => ({ commands: [cmd({ argv: ['pip', 'install', '-r', 'requirements.txt'] })], variables: [], opaque: false }) });
    expect(eff(a, 'RUN').opaque).toBe(true);
  });
  test('RUN --mount=from= and COPY --from= of a stage are stage reads; an image is not', () => {
    const a = withScripts('FROM golang AS build\nRUN go version\nFROM alpine\nCOPY --from=build /out /bin/\nCOPY --from=nginx:1 /etc/nginx /etc/nginx\nRUN --mount=from=build,target=/b ls /b\n', {
      'go version': [['go', 'version']],
      'ls /b': [['ls', '/b']],
    });
    expect(eff(a, 'COPY --from=build').reads.stages).toEqual([0]);
    expect(eff(a, 'COPY --from=nginx').reads.stages).toEqual([]);
    expect(eff(a, 'RUN --mount').reads.stages).toEqual([0]);
    expect(a.stages[1].uses).toEqual([0]);
  });
});

describe('volatility and the stage graph', () => {
  const text = [
    'ARG BASE=node:20',
    'FROM $BASE AS deps',
    'WORKDIR /app',
    'RUN apt-get update',
    'RUN curl -fsSLo /usr/local/bin/jq https://x/jq',
    'COPY package.json package-lock.json ./',
    'COPY . .',
    'RUN touch /app/built',
    'FROM deps AS test',
    'FROM deps',
    'ONBUILD RUN echo $FOO',
    '',
  ].join('\n');
  const a = withScripts(text, {
    'apt-get update': [['apt-get', 'update']],
    'curl -fsSLo /usr/local/bin/jq https://x/jq': [['curl', '-fsSLo', '/usr/local/bin/jq', 'https://x/jq']],
    'touch /app/built': [['touch', '/app/built']],
  });
  const v = (p: string) => a.volatility.get(by(a, p).index);
  test('classes from what each step reads', () => {
    expect(v('WORKDIR')).toBe(Volatility.Constant);
    expect(v('RUN apt-get')).toBe(Volatility.System);
    expect(v('RUN curl')).toBe(Volatility.Toolchain);
    expect(v('COPY package.json')).toBe(Volatility.Dependencies);
    expect(v('COPY . .')).toBe(Volatility.Source);
    // `touch /app/built` is a constant command, but it writes where the source copy wrote.
    expect(eff(a, 'RUN touch').volatility).toBe(Volatility.Constant);
    expect(v('RUN touch')).toBe(Volatility.Source);
  });
  test('children and descendants; globals', () => {
    expect(a.stages[0].children).toEqual([1, 2]);
    expect(a.stages[0].descendants).toEqual([0, 1, 2]);
    expect(a.globals.get('BASE')).toBe('node:20');
  });
  test('ONBUILD bodies name variables', () => {
    expect(eff(a, 'ONBUILD').reads.named.has('FOO')).toBe(true);
  });
});

describe('the env-reader table', () => {
  test('every understood command reads PATH; tools read their own variables', () => {
    for (const c of ['apt-get', 'npm', 'pip3.11', '/usr/bin/go', 'mkdir']) expect(envReadersOf(c)).toContain('PATH');
    expect(matchesAny('npm_config_cache', envReadersOf('npm')!)).toBe(true);
    expect(matchesAny('PIP_INDEX_URL', envReadersOf('pip3')!)).toBe(true);
    expect(matchesAny('CGO_ENABLED', envReadersOf('go')!)).toBe(true);
    expect(matchesAny('DEBIAN_FRONTEND', envReadersOf('apt-get')!)).toBe(true);
    expect(matchesAny('TARGETARCH', envReadersOf('apt-get')!)).toBe(true);
    expect(matchesAny('http_proxy', envReadersOf('curl')!)).toBe(true);
    expect(matchesAny('APP_PORT', envReadersOf('apt-get')!)).toBe(false);
  });
  test('unknown commands are not in the table (readers of everything)', () => {
    expect(envReadersOf('make')).toBeNull();
    expect(envReadersOf('./build.sh')).toBeNull();
  });
});

describe('RUN bodies read by the shell parser', () => {
  const real = (text: string) => analyze(parseDockerfile(text));
  const run = (a: Analysis) => a.effects.get(a.model.instructions.find((i) => i.keyword === 'RUN')!.index)!;
  test('downloads piped into tar write only the -C folder; into sh they are opaque', () => {
    const a = real('FROM debian\nRUN wget -qO- https://x/t.tgz | tar -xz -C /usr/local\n');
    expect(run(a).opaque).toBe(false);
    // ~/.wget-hsts: wget records HSTS hosts in the user's home (GNU Wget manual, HSTS).
    expect(run(a).writes.paths).toEqual({ all: false, paths: ['/root/.wget-hsts', '/usr/local'] });
    expect(run(real('FROM debian\nRUN curl -fsSL https://x/install.sh | sh\n')).opaque).toBe(true);
  });
  test('redirects write, `< file` reads, sh -c with a literal is read through', () => {
    const e = run(real('FROM debian\nWORKDIR /app\nRUN sh -c \'echo deb http://x stable main > /etc/apt/sources.list.d/x.list\' && sort < /app/in.txt\n'));
    expect(e.opaque).toBe(false);
    expect(e.writes.paths.paths).toContain('/etc/apt/sources.list.d/x.list');
    expect(e.reads.paths.paths).toContain('/app/in.txt');
  });
  test('a PATH changed inside the RUN makes every lookup unknown; eval is opaque', () => {
    expect(run(real('FROM debian\nRUN export PATH=/app/bin:$PATH && mkdir -p /x\n')).reads.paths.all).toBe(true);
    expect(run(real('FROM debian\nRUN eval "$CMD"\n')).opaque).toBe(true);
  });
  test('a heredoc RUN a shell runs is read; one read by another program, and a PowerShell SHELL, are opaque', () => {
    const h = run(real('FROM debian\nRUN <<EOF\nmkdir /x\nEOF\n'));
    expect(h.opaque).toBe(false);
    expect(h.writes.paths.paths).toContain('/x');
    expect(run(real('FROM debian\nRUN python3 <<EOF\nimport os\nEOF\n')).opaque).toBe(true);
    expect(run(real('FROM debian\nSHELL ["pwsh", "-Command"]\nRUN mkdir /x\n')).opaque).toBe(true);
  });
});

test('pip reads the current folder even for named packages (`--group` reads pyproject.toml)', () => {
  const a = analyze(parseDockerfile('FROM python:3.12\nWORKDIR /code\nCOPY pyproject.toml .\nRUN python -m pip install --prefix=/install --group docker\n'));
  const [copy, run] = a.model.stages[0].instructions.slice(1).map((i) => a.effects.get(i.index)!);
  expect(canSwap(copy, run)).toBe(false);
});

test('a FROM written with a variable is an image when a literal `:`, `/` or `@` rules out a stage name', () => {
  const a = analyze(parseDockerfile('ARG P=mirror.gcr.io/library/\nARG S=builder\nFROM ${P}docker:28 AS docker\nFROM ${S} AS maybe\nFROM alpine\nCOPY --from=docker /usr/local/bin/docker /usr/local/bin/\nCOPY --from=maybe /out /opt/out\n'));
  const copies = a.model.stages[2].instructions.map((i) => a.effects.get(i.index)!);
  expect(copies.map((e) => e.volatility)).toEqual([Volatility.Toolchain, Volatility.Source]);
});
