/** `# syntax=` values, and the one rule for a pin too old for a feature (syntax-directive's, which cache-mounts asks). */
import { parseSyntax } from '../../src/model/frontend.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { frontendFor } from '../../transforms/syntax-directive.js';

const HEX = 'ab'.repeat(32);

test.each([
  ['docker/dockerfile:1', { kind: 'floating' }],
  ['docker/dockerfile', { kind: 'floating' }],
  ['docker/dockerfile:1.4', { kind: 'pinned', version: [1, 4], channel: '', digest: false }],
  ['docker.io/docker/dockerfile:1.0-experimental', { kind: 'pinned', version: [1, 0], channel: 'experimental', digest: false }],
  [`docker/dockerfile:1.0@sha256:${HEX}`, { kind: 'pinned', version: [1, 0], channel: '', digest: true }],
  ['registry.example.com/docker/dockerfile:1', { kind: 'other' }],
])('parseSyntax(%s)', (value, expected) => {
  expect(parseSyntax(value)).toEqual(expected);
});

describe('frontendFor RUN --mount', () => {
  const PIP = 'FROM python:3.12\nRUN pip install flask\n';
  const file = (directive: string | null) => parseDockerfile((directive === null ? '' : `# syntax=${directive}\n`) + PIP);
  const on = {};

  test.each([
    // [directive, syntax-directive's options (null: it does not run), outcome kind]
    [null, null, 'supported'],
    [null, on, 'supported'],
    [null, { image: 'docker/dockerfile:1.1' }, 'stays-old'],
    [null, { image: 'registry.example.com/docker/dockerfile:1' }, 'supported'],
    ['docker/dockerfile:1', null, 'supported'],
    ['docker/dockerfile:1.2', null, 'supported'],
    ['docker/dockerfile:1.4', on, 'supported'],
    ['docker/dockerfile:1.1-experimental', null, 'supported'],
    ['docker/dockerfile:1.0', on, 'raised'],
    ['docker/dockerfile:1.0', null, 'stays-old'],
    [`docker/dockerfile:1.0@sha256:${HEX}`, on, 'stays-old'],
    [`docker/dockerfile:1.4@sha256:${HEX}`, on, 'supported'],
    ['docker/dockerfile:1.0', { image: 'docker/dockerfile:1.1' }, 'stays-old'],
    ['docker/dockerfile:1.0', { image: 'docker/dockerfile:1.3' }, 'raised'],
    ['docker/dockerfile:1.0', { image: 'registry.example.com/docker/dockerfile:1' }, 'raised'],
    ['docker/dockerfile:1.0', { image: 'Not A Ref' }, 'stays-old'],
    ['registry.example.com/docker/dockerfile:1', null, 'unknown'],
    ['registry.example.com/docker/dockerfile:1', on, 'unknown'],
    // What syntax-directive wrote itself, from its image option: the user's stand-in for docker/dockerfile:1.
    ['registry.example.com/docker/dockerfile:1', { image: 'registry.example.com/docker/dockerfile:1' }, 'supported'],
  ])('%s with %j: %s', (directive, settings, kind) => {
    expect(frontendFor(file(directive), 'RUN --mount', settings).kind).toBe(kind);
  });

  test('a pin syntax-directive does not raise says why, and what to do by hand', () => {
    const off = frontendFor(file('docker/dockerfile:1.0'), 'RUN --mount', null);
    expect(off).toMatchObject({ kind: 'stays-old', why: expect.stringMatching(/not enabled in this run/), byHand: expect.stringMatching(/by hand/) });
    const digest = frontendFor(file(`docker/dockerfile:1.0@sha256:${HEX}`), 'RUN --mount', on);
    expect(digest).toMatchObject({ kind: 'stays-old', why: expect.stringMatching(/digest/) });
    const ignored = frontendFor(parseDockerfile(`# syntax=docker/dockerfile:1.0\n# dockerfix global ignore=syntax-directive\n${PIP}`), 'RUN --mount', null);
    expect(ignored).toMatchObject({ kind: 'stays-old', why: expect.stringMatching(/global ignore=syntax-directive/) });
  });

  test('a pin syntax-directive cannot raise far enough for the rest of the file is not raised for a mount either', () => {
    const m = parseDockerfile('# syntax=docker/dockerfile:1.0\nFROM python:3.12\nCOPY --parents src/*/pyproject.toml /app/\nRUN pip install flask\n');
    const o = frontendFor(m, 'RUN --mount', { image: 'docker/dockerfile:1.4' });
    expect(o).toMatchObject({ kind: 'stays-old', why: expect.stringMatching(/also uses COPY --parents.*older than docker\/dockerfile:1\.20/) });
    expect(frontendFor(m, 'RUN --mount', {}).kind).toBe('raised');
  });
});
