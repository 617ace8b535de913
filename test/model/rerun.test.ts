import { parseDockerfile } from '../../src/model/dockerfile.js';
import { compareReruns, editKinds, rerunSteps, type EditKind } from '../../src/model/rerun.js';

const m = (t: string) => parseDockerfile(t);
const count = (t: string, k: EditKind) => rerunSteps(m(t), k).size;

const REAL = 'FROM node:20\nWORKDIR /app\nCOPY lib ./lib\nCOPY bin ./bin\nCOPY package.json ./\nRUN npm install\nCOPY index.js ./\n';
const MOVED = 'FROM node:20\nWORKDIR /app\nCOPY package.json ./\nCOPY lib ./lib\nCOPY bin ./bin\nRUN npm install\nCOPY index.js ./\n';

test('edit kinds: manifests, sources, the rest of the context, build args', () => {
  const kinds = editKinds([m('ARG V\nFROM a\nCOPY package.json ./\nCOPY src ./src\nCOPY . .\nARG W=1\n')]);
  expect(kinds).toEqual([
    { kind: 'manifest', name: 'package.json' },
    { kind: 'source', name: 'src' },
    { kind: 'source', name: '.' },
    { kind: 'arg', name: 'V' },
    { kind: 'arg', name: 'W' },
  ]);
});

test('the real case: moving only the manifest copy makes a manifest edit re-run 5 of 5 instead of 3', () => {
  expect(count(REAL, { kind: 'manifest', name: 'package.json' })).toBe(3);
  expect(count(MOVED, { kind: 'manifest', name: 'package.json' })).toBe(5);
  expect(count(REAL, { kind: 'source', name: 'lib' })).toBe(5);
  expect(count(MOVED, { kind: 'source', name: 'lib' })).toBe(4);
  const v = compareReruns(m(REAL), m(MOVED));
  expect(v.verdict).toBe('worse');
  expect(v.worst).toEqual({ edit: { kind: 'manifest', name: 'package.json' }, before: 3, after: 5 });
});

test('a system install above the source copy gains and makes nothing worse', () => {
  const before = 'FROM debian\nWORKDIR /app\nCOPY . .\nRUN apt-get install -y curl\nRUN make\n';
  const after = 'FROM debian\nWORKDIR /app\nRUN apt-get install -y curl\nCOPY . .\nRUN make\n';
  expect(compareReruns(m(before), m(after)).verdict).toBe('gain');
  expect(compareReruns(m(after), m(before)).verdict).toBe('worse');
});

test('build args: a RUN after the ARG re-runs; a COPY only through the chain or when it names the arg', () => {
  const t = 'FROM a\nCOPY x /x\nARG V=1\nCOPY y /y\nRUN a\nCOPY z /$V\n';
  expect([...rerunSteps(m(t), { kind: 'arg', name: 'V' })].length).toBe(2);
  expect(count('FROM a\nARG V\nCOPY y /y\nCOPY z /$V\n', { kind: 'arg', name: 'V' })).toBe(1);
  // a global arg in FROM re-runs the whole stage; the stage's own ARG line then gains nothing
  const g = 'ARG V=1\nFROM img:$V\nARG V\nRUN a\nCOPY c /c\n';
  expect(count(g, { kind: 'arg', name: 'V' })).toBe(2);
  expect(compareReruns(m(g), m('ARG V=1\nFROM img:$V\nRUN a\nCOPY c /c\nARG V\n')).verdict).toBe('none');
});

test('stages: only the image counts; a changed stage re-runs what copies from it; --link copies only on their sources', () => {
  const t = 'FROM a AS build\nCOPY . .\nRUN make\nFROM a AS unused\nCOPY . .\nFROM b\nRUN x\nCOPY --from=build /out /out\nRUN y\n';
  expect(count(t, { kind: 'source', name: '.' })).toBe(4);
  const link = 'FROM a\nCOPY app.sh /\nCOPY --link conf /conf\nRUN z\n';
  expect([...rerunSteps(m(link), { kind: 'source', name: 'app.sh' })].length).toBe(2);
});

test('an added deps-only step that source edits leave cached is a gain (go mod download)', () => {
  const before = 'FROM golang AS b\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\nFROM scratch\nCOPY --from=b /app /app\n';
  const after = 'FROM golang AS b\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app\nFROM scratch\nCOPY --from=b /app /app\n';
  expect(compareReruns(m(before), m(after)).verdict).toBe('gain');
});
