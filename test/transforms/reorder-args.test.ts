/**
 * The two transforms' decisions on RUN bodies, with the commands of each body given as
 * test data (see test/helpers/scripts.ts). The fixtures under __fixtures__/ run the same
 * transforms end to end through the engine.
 */
import { cacheBusterHints, proposeArgMoves } from '../../transforms/arg-near-use.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { proposeMoves } from '../../transforms/reorder-for-cache.js';
import { settle, type Scripts } from '../helpers/scripts.js';

const reorder = (text: string, scripts: Scripts) => settle(text, scripts, (a) => ({ fixes: proposeMoves(a) }));
const args = (text: string, scripts: Scripts, unsafe = false) => settle(text, scripts, (a) => proposeArgMoves(a, unsafe));

const APT_BODY = 'apt-get update && apt-get install -y --no-install-recommends libpq5';
const APT: Scripts = { [APT_BODY]: [['apt-get', 'update'], ['apt-get', 'install', '-y', '--no-install-recommends', 'libpq5']] };

describe('reorder-for-cache', () => {
  test('the classic case: apt-get below COPY . . moves above it, with its comment and blank line', () => {
    const input = `FROM python:3.12-slim\n\nWORKDIR /app\n\nCOPY . .\n\n# runtime libraries\nRUN ${APT_BODY}\n\nRUN pip install -r requirements.txt\n`;
    const r = reorder(input, { ...APT, 'pip install -r requirements.txt': [['pip', 'install', '-r', 'requirements.txt']] });
    expect(r.text).toBe(`FROM python:3.12-slim\n\nWORKDIR /app\n\n# runtime libraries\nRUN ${APT_BODY}\n\nCOPY . .\n\nRUN pip install -r requirements.txt\n`);
    expect(r.messages).toEqual([
      '`RUN apt-get update && apt-get install -y …` (line 8) now runs before `COPY . .` (line 5): editing source files no longer re-runs the system package install.',
    ]);
  });

  test('it takes the ENV it reads along', () => {
    const input = `FROM debian:12\nWORKDIR /app\nCOPY . .\nENV DEBIAN_FRONTEND=noninteractive\nRUN ${APT_BODY}\nENV APP_PORT=8080\n`;
    const r = reorder(input, APT);
    expect(r.text).toBe(`FROM debian:12\nWORKDIR /app\nENV DEBIAN_FRONTEND=noninteractive\nRUN ${APT_BODY}\nCOPY . .\nENV APP_PORT=8080\n`);
    expect(r.messages[0]).toMatch(/\(with `ENV DEBIAN_FRONTEND=noninteractive` \(line 4\), which keeps its place above it\)/);
  });

  test('ENV lines keep their order: an ENV above the one it needs travels too', () => {
    const input = `FROM debian:12\nWORKDIR /app\nCOPY . .\nENV APP_PORT=8080\nENV DEBIAN_FRONTEND=noninteractive\nRUN ${APT_BODY}\n`;
    expect(reorder(input, APT).text).toBe(`FROM debian:12\nWORKDIR /app\nENV APP_PORT=8080\nENV DEBIAN_FRONTEND=noninteractive\nRUN ${APT_BODY}\nCOPY . .\n`);
  });

  test('/srv belongs to the site (FHS), not to packages: apt moves above COPY . /srv', () => {
    const input = `FROM debian:12\nWORKDIR /srv\nCOPY . .\nRUN ${APT_BODY}\n`;
    expect(reorder(input, APT).text).toBe(`FROM debian:12\nWORKDIR /srv\nRUN ${APT_BODY}\nCOPY . .\n`);
  });

  test('/var/www/html is written by web servers (apache2\'s postinst copies index.html there): installing one stays below the copy', () => {
    const body = 'apt-get update && apt-get install -y apache2';
    const input = `FROM debian:12\nWORKDIR /var/www/html\nCOPY . .\nRUN ${body}\n`;
    expect(reorder(input, { [body]: [['apt-get', 'update'], ['apt-get', 'install', '-y', 'apache2']] }).text).toBe(input);
  });

  test('a package that pulls no web server in does not write /var/www/html: it moves above the copy', () => {
    const input = `FROM debian:12\nWORKDIR /var/www/html\nCOPY . .\nRUN ${APT_BODY}\n`;
    expect(reorder(input, APT).text).toBe(`FROM debian:12\nWORKDIR /var/www/html\nRUN ${APT_BODY}\nCOPY . .\n`);
  });

  test('a path reached through a link the Dockerfile made is the same path (buildah dest-symlink case)', () => {
    const input = 'FROM ubuntu\nRUN mkdir /symlink\nRUN ln -s /symlink /src && rm -rf /symlink\nCOPY Dockerfile /src/\nRUN test -s /symlink/Dockerfile\n';
    expect(reorder(input, {
      'mkdir /symlink': [['mkdir', '/symlink']],
      'ln -s /symlink /src && rm -rf /symlink': [['ln', '-s', '/symlink', '/src'], ['rm', '-rf', '/symlink']],
      'test -s /symlink/Dockerfile': [['test', '-s', '/symlink/Dockerfile']],
    }).text).toBe(input);
  });

  test('`sha256sum -c` reads the files its list names: it stays below the download', () => {
    const input = 'FROM debian:12\nWORKDIR /b\nRUN curl https://x/t.zip > t.zip\nRUN echo "$SUM t.zip" > SUMS\nRUN sha256sum -c SUMS --status\n';
    const r = reorder(input, {
      'curl https://x/t.zip > t.zip': [{ argv: ['curl', 'https://x/t.zip'], redirects: ['t.zip'] }],
      'echo "$SUM t.zip" > SUMS': [{ argv: ['echo', null], redirects: ['SUMS'] }],
      'sha256sum -c SUMS --status': [['sha256sum', '-c', 'SUMS', '--status']],
    });
    expect(r.text).not.toMatch(/sha256sum[^]*curl/);
  });

  test('a RUN that reads what the COPY brought in stays', () => {
    const input = 'FROM debian:12\nCOPY docker/sources.list /etc/apt/sources.list\nRUN apt-get update\n';
    expect(reorder(input, { 'apt-get update': [['apt-get', 'update']] }).text).toBe(input);
  });

  test('a WORKDIR the RUN needs pins it', () => {
    const scripts: Scripts = { ...APT, 'curl -fsSLO https://example.com/lib.tgz': [['curl', '-fsSLO', 'https://example.com/lib.tgz']] };
    const input = `FROM node:20\nWORKDIR /app\nCOPY . .\nWORKDIR /app/vendor\nRUN curl -fsSLO https://example.com/lib.tgz\n`;
    expect(reorder(input, scripts).text).toBe(input);
  });

  test('a USER or SHELL the RUN needs travels with it, unless an instruction it would now precede reads it', () => {
    // COPY ignores USER and SHELL: both cross it with the RUN.
    expect(reorder(`FROM node:20\nWORKDIR /home/node/app\nCOPY . .\nUSER root\nRUN ${APT_BODY}\nUSER node\n`, APT).text).toBe(
      `FROM node:20\nWORKDIR /home/node/app\nUSER root\nRUN ${APT_BODY}\nCOPY . .\nUSER node\n`,
    );
    expect(reorder(`FROM debian:12\nWORKDIR /app\nCOPY . .\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN ${APT_BODY}\n`, APT).text).toBe(
      `FROM debian:12\nWORKDIR /app\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN ${APT_BODY}\nCOPY . .\n`,
    );
    // A shell-form RUN (reads the SHELL) and a RUN (reads the USER) between them stop it.
    const scripts: Scripts = { ...APT, 'chmod +x /app/run.sh': [['chmod', '+x', '/app/run.sh']] };
    for (const input of [
      `FROM debian:12\nWORKDIR /app\nCOPY . .\nRUN chmod +x /app/run.sh\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN ${APT_BODY}\n`,
      `FROM debian:12\nWORKDIR /app\nCOPY . .\nRUN chmod +x /app/run.sh\nUSER root\nRUN ${APT_BODY}\n`,
    ]) {
      expect(reorder(input, scripts).text).toBe(input);
    }
  });

  test('without a known WORKDIR, or with a COPY into /, nothing crosses the COPY', () => {
    for (const input of [`FROM node:20\nCOPY . .\nRUN ${APT_BODY}\n`, `FROM debian:12\nCOPY rootfs/ /\nRUN ${APT_BODY}\n`]) {
      expect(reorder(input, APT).text).toBe(input);
    }
  });

  test('a RUN writing under a VOLUME declared between them stays', () => {
    const body = 'apt-get install -y postgresql-16-pgvector';
    const scripts: Scripts = { [body]: [['apt-get', 'install', '-y', 'postgresql-16-pgvector']] };
    const input = `FROM postgres:16\nCOPY initdb/ /docker-entrypoint-initdb.d/\nVOLUME /var/lib/postgresql/data\nRUN ${body}\n`;
    expect(reorder(input, scripts).text).toBe(input);
    const moved = reorder(input.replace('VOLUME /var/lib/postgresql/data\n', ''), scripts);
    expect(moved.text).toBe(`FROM postgres:16\nRUN ${body}\nCOPY initdb/ /docker-entrypoint-initdb.d/\n`);
  });

  test('a step of constants does not move on its own', () => {
    const input = 'FROM debian:12\nWORKDIR /app\nCOPY . .\nRUN mkdir -p /var/cache/app\n';
    expect(reorder(input, { 'mkdir -p /var/cache/app': [['mkdir', '-p', '/var/cache/app']] }).text).toBe(input);
  });

  test('a PHP image: installing php (which pulls apache2 in) stays below COPY . /var/www/html; libpq5 moves', () => {
    const body = 'apt-get update && apt-get install -y php';
    const input = `FROM php:8.3-apache\nCOPY . /var/www/html\nRUN ${body}\n`;
    expect(reorder(input, { [body]: [['apt-get', 'update'], ['apt-get', 'install', '-y', 'php']] }).text).toBe(input);
    const lib = `FROM php:8.3-apache\nCOPY . /var/www/html\nRUN ${APT_BODY}\n`;
    expect(reorder(lib, APT).text).toBe(`FROM php:8.3-apache\nRUN ${APT_BODY}\nCOPY . /var/www/html\n`);
  });

  test('an opaque RUN never moves, and a RUN that follows it is as volatile as it', () => {
    const input = `FROM debian:12\nWORKDIR /app\nCOPY . .\nRUN ./configure\nRUN ${APT_BODY}\n`;
    expect(reorder(input, APT).text).toBe(input);
  });

  test('several steps settle in order, stable among equals', () => {
    const input = [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN apt-get update',
      'RUN apt-get install -y libpq5',
      'RUN curl -fsSLo /usr/local/bin/tini https://example.com/tini',
      'RUN pip install -r requirements.txt',
      '',
    ].join('\n');
    const r = reorder(input, {
      'apt-get update': [['apt-get', 'update']],
      'apt-get install -y libpq5': [['apt-get', 'install', '-y', 'libpq5']],
      'curl -fsSLo /usr/local/bin/tini https://example.com/tini': [['curl', '-fsSLo', '/usr/local/bin/tini', 'https://example.com/tini']],
      'pip install -r requirements.txt': [['pip', 'install', '-r', 'requirements.txt']],
    });
    expect(r.text).toBe(
      [
        'FROM python:3.12-slim',
        'WORKDIR /app',
        'RUN apt-get update',
        'RUN apt-get install -y libpq5',
        'RUN curl -fsSLo /usr/local/bin/tini https://example.com/tini',
        'COPY . .',
        'RUN pip install -r requirements.txt',
        '',
      ].join('\n'),
    );
  });
});

describe('arg-near-use', () => {
  const PIP = 'pip install --upgrade pip && pip install -r requirements.txt';
  const PIP_SCRIPT: Scripts = { [PIP]: [['pip', 'install', '--upgrade', 'pip'], ['pip', 'install', '-r', 'requirements.txt']] };

  test('the motivating example: ARG VERSION lands right above ENV VERSION $VERSION', () => {
    const input = `FROM python:3.7-slim\nARG VERSION\nRUN ${PIP}\nENV VERSION_2 2\nENV VERSION $VERSION\nCMD ["env"]\n`;
    const r = args(input, PIP_SCRIPT);
    expect(r.text).toBe(`FROM python:3.7-slim\nRUN ${PIP}\nENV VERSION_2 2\nARG VERSION\nENV VERSION $VERSION\nCMD ["env"]\n`);
    expect(r.messages).toEqual([
      '`ARG VERSION` (line 2) moved down to just before its first use, `ENV VERSION $VERSION` (line 5), which uses `$VERSION`: a new value no longer re-runs `RUN pip install --upgrade pip && pip install -r …` (line 3).',
    ]);
  });

  test('ARG NODE_ENV=production above RUN npm ci stays (npm reads NODE_ENV)', () => {
    const input = 'FROM node:20\nWORKDIR /app\nARG NODE_ENV=production\nRUN npm ci --ignore-scripts\n';
    expect(args(input, { 'npm ci --ignore-scripts': [['npm', 'ci', '--ignore-scripts']] }).text).toBe(input);
  });

  test('an ARG read by RUN ./build.sh stays, with advice; --unsafe moves it and says so', () => {
    const input = `FROM debian:12\nWORKDIR /src\nARG RELEASE\nRUN ${APT_BODY}\nRUN ./build.sh\n`;
    const safe = args(input, APT);
    expect(safe.text).toBe(input);
    expect(safe.advice).toHaveLength(1);
    expect(safe.advice[0]).toMatch(/`RUN \.\/build\.sh` \(line 5\) runs commands the model does not understand/);
    const unsafe = args(input, APT, true);
    expect(unsafe.text).toBe(`FROM debian:12\nWORKDIR /src\nRUN ${APT_BODY}\nRUN ./build.sh\nARG RELEASE\n`);
    expect(unsafe.messages[0]).toMatch(/Unsafe \(--unsafe\): it now also runs after `RUN \.\/build\.sh`/);
    expect(unsafe.messages[0]).toMatch(/a new value of RELEASE no longer re-runs them\.$/);
  });

  test('an ARG used by name after an opaque RUN moves only down to that RUN', () => {
    const input = `FROM debian:12\nWORKDIR /src\nARG RELEASE\nRUN ${APT_BODY}\nRUN make\nLABEL release=$RELEASE\n`;
    const r = args(input, APT);
    expect(r.text).toBe(`FROM debian:12\nWORKDIR /src\nRUN ${APT_BODY}\nARG RELEASE\nRUN make\nLABEL release=$RELEASE\n`);
    expect(r.messages[0]).toMatch(/runs commands the model does not understand/);
  });

  test('an ARG only a stage built on this one uses goes to the end of the stage', () => {
    const input = `FROM debian:12 AS base\nARG BUILD_DATE\nRUN ${APT_BODY}\nCOPY app /app\n\nFROM base\nLABEL built=$BUILD_DATE\n`;
    const r = args(input, APT);
    expect(r.text).toBe(`FROM debian:12 AS base\nRUN ${APT_BODY}\nCOPY app /app\nARG BUILD_DATE\n\nFROM base\nLABEL built=$BUILD_DATE\n`);
    expect(r.messages[0]).toMatch(/only stages built on it, which still see it/);
  });

  test('an ARG nothing reads stays, whatever its name (it may be a cache buster); --unsafe moves it and names the loss', () => {
    for (const name of ['FOO', 'CACHEBUST', 'INVALIDATE_CACHE_TIMESTAMP']) {
      const input = `FROM debian:12\nARG ${name}\nRUN ${APT_BODY}\nCOPY app /app\n`;
      const safe = args(input, APT);
      expect(safe.text).toBe(input);
      expect(safe.messages).toEqual([]);
      expect(safe.advice).toHaveLength(1);
      expect(safe.advice[0]).toMatch(new RegExp(`^\`ARG ${name}\` \\(line 2\\) is not used: `));
      expect(safe.advice[0]).toMatch(name === 'FOO' ? /may be a deliberate cache buster/ : /Its name marks it as a deliberate cache buster/);
      const unsafe = args(input, APT, true);
      expect(unsafe.text).toBe(`FROM debian:12\nRUN ${APT_BODY}\nCOPY app /app\nARG ${name}\n`);
      expect(unsafe.messages[0]).toMatch(new RegExp(`Unsafe \\(--unsafe\\): .*a new value of ${name} no longer re-runs it\\.$`));
    }
  });

  test('a comment above an unused ARG can mark it as a cache buster', () => {
    const input = `FROM debian:12\n# bump to force a fresh clone\nARG STAMP=0\nRUN ${APT_BODY}\n`;
    const r = args(input, APT);
    expect(r.text).toBe(input);
    expect(r.advice[0]).toMatch(/The comment above it marks it as a deliberate cache buster/);
  });

  test('an ARG overridden by ENV and never read is not used', () => {
    const input = `FROM debian:12\nARG MODE\nRUN ${APT_BODY}\nENV MODE=release\n`;
    const r = args(input, APT);
    expect(r.text).toBe(input);
    expect(r.advice[0]).toMatch(/^`ARG MODE` \(line 2\) is not used/);
  });

  test('ARG used in a COPY destination stops there; two ARG lines keep their order', () => {
    const input = `FROM debian:12\nARG APP_HOME=/opt/app\nARG APP_USER=app\nRUN ${APT_BODY}\nCOPY --chown=$APP_USER app/ $APP_HOME/\n`;
    const r = args(input, APT);
    expect(r.text).toBe(`FROM debian:12\nRUN ${APT_BODY}\nARG APP_HOME=/opt/app\nARG APP_USER=app\nCOPY --chown=$APP_USER app/ $APP_HOME/\n`);
  });

  test('ARG TARGETARCH stays above the apt-get that reads it from the environment', () => {
    const input = `FROM debian:12\nARG TARGETARCH\nRUN ${APT_BODY}\nRUN curl -fsSLo /usr/local/bin/x https://example.com/x-$TARGETARCH\n`;
    expect(args(input, APT).text).toBe(input);
  });

  test('a cache-busting ARG stays, even when a later step names it', () => {
    const input = `FROM debian:12\nARG CACHEBUST=1\nRUN ${APT_BODY}\n`;
    expect(args(input, APT).text).toBe(input);
    const named = `FROM debian:12\nARG CACHEBUST=1\nRUN ${APT_BODY}\nLABEL bust=$CACHEBUST\n`;
    expect(args(named, APT, true).text).toBe(named);
  });

  test('ENV order: an ARG does not cross ENV lines when a later RUN could observe the env order', () => {
    const input = `FROM debian:12\nARG VERSION\nRUN ${APT_BODY}\nENV A=1\nRUN make\nLABEL v=$VERSION\n`;
    // make is opaque: the ARG stops above the ENV, after the apt-get.
    expect(args(input, APT).text).toBe(`FROM debian:12\nRUN ${APT_BODY}\nARG VERSION\nENV A=1\nRUN make\nLABEL v=$VERSION\n`);
  });

  test('`ARG A B` moves as a unit to the first use of either name', () => {
    const input = `FROM debian:12\nARG GIT_SHA BUILD_DATE\nRUN ${APT_BODY}\nLABEL sha=$GIT_SHA\nLABEL date=$BUILD_DATE\n`;
    expect(args(input, APT).text).toBe(`FROM debian:12\nRUN ${APT_BODY}\nARG GIT_SHA BUILD_DATE\nLABEL sha=$GIT_SHA\nLABEL date=$BUILD_DATE\n`);
  });

  test('global ARGs stay; an in-stage re-declaration moves', () => {
    const input = `ARG BASE_TAG=12-slim\nFROM debian:\${BASE_TAG}\nARG BASE_TAG\nRUN ${APT_BODY}\nLABEL base=$BASE_TAG\n`;
    expect(args(input, APT).text).toBe(`ARG BASE_TAG=12-slim\nFROM debian:\${BASE_TAG}\nRUN ${APT_BODY}\nARG BASE_TAG\nLABEL base=$BASE_TAG\n`);
  });

  test.each([
    ['ARG CACHEBUST', ['its name']],
    ['ARG CACHE_BUST=1', ['its name']],
    ['ARG NO_CACHE', ['its name']],
    ['ARG INVALIDATE_CACHE_TIMESTAMP="0000-00-00"', ['its name']],
    ['ARG FORCE_REBUILD', ['its name']],
    ['ARG CACHE_DATE', ['its name']],
    ['# not used anywhere, it invalidates the docker build cache on purpose\nARG STAMP', ['the comment above it']],
    ['# bump to force a fresh clone\nARG CLONE_CACHEBUST', ['its name', 'the comment above it']],
    ['ARG FOO', []],
    ['ARG PIP_CACHE_DIR', []],
    ['ARG CACHE_ID', []],
    ['# the release to package\nARG VERSION', []],
  ])('cache-buster hints of %j', (text, hints) => {
    const m = parseDockerfile(`FROM alpine\n${text}\n`);
    const argI = m.instructions.at(-1)!;
    expect(cacheBusterHints(argI, [argI.body.split('=')[0].trim()])).toEqual(hints);
  });
});
