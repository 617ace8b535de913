import { chooseEditFile } from '../../src/verify/edit.js';

const none = () => false;

describe('chooseEditFile', () => {
  test('a source file the broad copy takes; never a manifest, an ignored file or the Dockerfile', () => {
    const df = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';
    const files = ['Dockerfile', 'package.json', 'package-lock.json', 'node_modules/x/index.js', 'src/store.js', 'README', '.dockerignore'];
    expect(chooseEditFile(df, files, { ignored: (f) => f.startsWith('node_modules/'), dockerfileRel: 'Dockerfile' })).toEqual({ file: 'src/store.js' });
  });

  test('without a broad copy, a file of a named source folder', () => {
    const df = 'FROM node:20\nCOPY package.json ./\nRUN npm ci\nCOPY src ./src\n';
    expect(chooseEditFile(df, ['lib/a.js', 'package.json', 'src/b.js'], { ignored: none })).toEqual({ file: 'src/b.js' });
  });

  test('says why when there is nothing to edit', () => {
    expect(chooseEditFile('FROM busybox\nRUN true\n', ['a.js'], { ignored: none })).toEqual({ none: expect.stringContaining('no COPY or ADD') });
    expect(chooseEditFile('FROM node:20\nCOPY package.json ./\n', ['package.json', 'a.js'], { ignored: none })).toEqual({ none: expect.stringContaining('manifest') });
    expect(chooseEditFile('FROM busybox\nCOPY --from=build /out /out\n', ['a.js'], { ignored: none })).toHaveProperty('none');
  });
});
