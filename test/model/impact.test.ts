import { memoryContext } from '../../src/context/memory.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { countSteps, estimateImpact, impactOfPaths, rerunsAfter, type ImpactEdit } from '../../src/model/impact.js';

const m = (t: string) => parseDockerfile(t);
/** Lines (1-based) of the steps that re-run: certain ones, then `?` the content-checked ones. */
function lines(t: string, e: ImpactEdit, target?: string): string {
  const model = m(t);
  const r = rerunsAfter(model, e, { target });
  const at = (k: number) => model.instructions[k].startLine + 1;
  return [...r.certain.map(at), ...r.maybe.map((k) => `?${at(k)}`)].join(' ');
}

describe('what a step is', () => {
  test('RUN, COPY, ADD and WORKDIR count; WORKDIR / and config instructions do not; FROM does not', () => {
    expect(countSteps(m('FROM a\nWORKDIR /\nWORKDIR /app\nENV A=1\nCOPY . .\nADD x /x\nRUN make\nLABEL a=b\nEXPOSE 1\nCMD ["x"]\n'))).toBe(4);
  });
  test('only the stages built for the target count', () => {
    const t = 'FROM a AS deps\nRUN one\nFROM b AS unused\nRUN two\nRUN three\nFROM c\nCOPY --from=deps /x /x\n';
    expect(countSteps(m(t))).toBe(2);
    expect(countSteps(m(t), { target: 'unused' })).toBe(2);
    expect(countSteps(m(t), { target: 'deps' })).toBe(1);
  });
  test('equal steps on the same parent are one vertex (BuildKit merges them)', () => {
    const t = 'FROM node:20 AS a\nWORKDIR /app\nRUN echo hi\nFROM node:20\nWORKDIR /app\nRUN echo hi\nCOPY --from=a /app /b\n';
    expect(countSteps(m(t))).toBe(3);
    // Another base: not the same vertex.
    expect(countSteps(m(t.replace('FROM node:20\n', 'FROM node:22\n')))).toBe(5);
  });
});

describe('which steps re-run', () => {
  const NPM = 'FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n';
  test('a source edit: the broad copy and what follows', () => {
    expect(lines(NPM, { kind: 'source', name: '.' })).toBe('5 6');
    expect(lines(NPM, { kind: 'paths', paths: ['src/index.js'] })).toBe('5 6');
  });
  test('a manifest edit: its copy and everything after it', () => {
    expect(lines(NPM, { kind: 'manifest', name: 'package.json' })).toBe('3 4 5 6');
    expect(lines(NPM, { kind: 'paths', paths: ['package.json'] })).toBe('3 4 5 6');
  });
  test('a file .dockerignore excludes re-runs nothing', () => {
    const ctx = memoryContext({ 'package.json': '{}', '.dockerignore': 'notes.md\n', 'notes.md': 'x' });
    expect(impactOfPaths(m(NPM), ['notes.md'], { buildContext: ctx }).reruns).toBe(0);
    expect(impactOfPaths(m(NPM), ['src/a.js'], { buildContext: ctx }).reruns).toBe(2);
  });
  test('a narrower source: only the copies that name it', () => {
    const t = 'FROM a\nCOPY lib ./lib\nRUN make lib\nCOPY bin ./bin\nRUN make bin\n';
    expect(lines(t, { kind: 'paths', paths: ['bin/run.sh'] })).toBe('4 5');
    expect(lines(t, { kind: 'paths', paths: ['lib/x.c'] })).toBe('2 3 4 5');
    expect(lines(t, { kind: 'paths', paths: ['README.md'] })).toBe('');
  });
  test('build args: RUNs after the ARG, the chain after them, a WORKDIR or COPY that expands it', () => {
    const t = 'FROM a\nCOPY x /x\nARG V=1\nCOPY y /y\nWORKDIR /w\nRUN a\nCOPY z /z\n';
    expect(lines(t, { kind: 'arg', name: 'V' })).toBe('6 7');
    expect(lines('FROM a\nARG V=1\nWORKDIR /srv/$V\nCOPY . .\n', { kind: 'arg', name: 'V' })).toBe('3 4');
    expect(lines('FROM a\nARG V=1\nCOPY --chown=$V . .\n', { kind: 'arg', name: 'V' })).toBe('3');
    // An ENV set from the arg carries it on.
    expect(lines('FROM a\nARG V=1\nENV D=/srv/$V\nWORKDIR $D\n', { kind: 'arg', name: 'V' })).toBe('4');
  });
  test('ARG in FROM: every step of that stage, and of stages built from it', () => {
    const t = 'ARG NODE=20\nFROM node:${NODE} AS build\nWORKDIR /app\nRUN a\nFROM build\nRUN b\nFROM busybox\nRUN c\n';
    expect(lines(t, { kind: 'arg', name: 'NODE' }, 'build')).toBe('3 4');
    expect(lines(t.replace('FROM busybox\nRUN c\n', ''), { kind: 'arg', name: 'NODE' })).toBe('3 4 6');
    // A global ARG not redeclared and not in a FROM line changes nothing.
    expect(lines('ARG V=1\nFROM a\nRUN echo $V\n', { kind: 'arg', name: 'V' })).toBe('');
    expect(lines('ARG V=1\nFROM a\nARG V\nRUN echo $V\n', { kind: 'arg', name: 'V' })).toBe('4');
  });
  test('COPY --link depends on its own sources only', () => {
    const t = 'FROM a\nARG V\nRUN a\nCOPY --link app /app\nRUN b\n';
    expect(lines(t, { kind: 'arg', name: 'V' })).toBe('3 5');
    expect(lines(t, { kind: 'paths', paths: ['app/x'] })).toBe('4 5');
    // --chmod turns --link off.
    expect(lines(t.replace('--link', '--link --chmod=644'), { kind: 'arg', name: 'V' })).toBe('3 4 5');
  });
  test('COPY --from a stage that re-ran: only if the copied bytes changed', () => {
    const t = 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm run build\nFROM busybox\nWORKDIR /www\nCOPY --from=build /app/dist .\nRUN ls\n';
    expect(lines(t, { kind: 'source', name: '.' })).toBe('3 4 ?7 ?8');
    const e = impactOfPaths(m(t), ['content/index.md']);
    expect(e).toEqual({ reruns: 4, min: 2, steps: 6 });
    // A read-write mount is not checked by content.
    const rw = 'FROM a AS b\nCOPY . .\nFROM c\nRUN --mount=from=b,target=/b,rw cp -r /b /c\n';
    expect(lines(rw, { kind: 'source', name: '.' })).toBe('2 4');
    expect(lines(rw.replace(',rw', ''), { kind: 'source', name: '.' })).toBe('2 ?4');
  });
  test('a base-image update: every step of the stages built FROM it, and of stages FROM those', () => {
    const t = 'FROM node:20 AS build\nWORKDIR /app\nRUN a\nFROM build AS test\nRUN b\nFROM busybox\nCOPY --from=build /app /app\nRUN c\n';
    expect(lines(t, { kind: 'base', stage: 0 }, 'test')).toBe('2 3 5');
    expect(lines(t, { kind: 'base', stage: 0 })).toBe('2 3 ?7 ?8');
    expect(lines(t, { kind: 'base', stage: 2 })).toBe('7 8');
  });
});

describe('the estimate of a rewrite', () => {
  test('json rows: source, each manifest, each arg, each base; steps of the rewrite and of the original', () => {
    const before = 'FROM node:20\nARG VERSION=1\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';
    const after = 'FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\nARG VERSION=1\n';
    expect(estimateImpact(m(before), m(after))).toEqual([
      { edit: 'source', before: 2, after: 1, steps: 4, stepsBefore: 3 },
      { edit: 'manifest:package.json', before: 2, after: 3, steps: 4, stepsBefore: 3 },
      { edit: 'arg:VERSION', before: 1, after: 0, steps: 4, stepsBefore: 3 },
      { edit: 'base:0', before: 3, after: 4, steps: 4, stepsBefore: 3 },
    ]);
  });
  test('source is the worst case over the non-manifest copies', () => {
    const t = 'FROM a\nCOPY lib ./lib\nRUN make\nCOPY bin ./bin\n';
    const e = estimateImpact(m(t), m(t));
    expect(e.find((x) => x.edit === 'source')).toEqual({ edit: 'source', before: 3, after: 3, steps: 3 });
  });
  test('the same base image in two stages is one update, named after the first stage', () => {
    const t = 'FROM node:20 AS a\nRUN x\nFROM node:20 AS b\nRUN y\nCOPY --from=a /x /x\n';
    expect(estimateImpact(m(t), m(t)).filter((x) => x.edit.startsWith('base:'))).toEqual([{ edit: 'base:a', before: 3, after: 3, steps: 3 }]);
  });
  test('manifests the context lists at its top level count even when only a broad copy takes them', () => {
    const ctx = memoryContext({ 'requirements.txt': 'x\n', 'app.py': '' });
    const t = 'FROM python\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n';
    expect(estimateImpact(m(t), m(t), { buildContext: ctx }).map((x) => x.edit)).toEqual(['source', 'manifest:requirements.txt', 'base:0']);
  });
});
