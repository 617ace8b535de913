import { mapCacheMountIds } from '../../src/verify/mounts.js';

const P = 'dfx-run1-';

describe('mapCacheMountIds', () => {
  test('adds a run-unique id to a mount without one (default id = target) and keeps every other byte', () => {
    const text = 'FROM node:20\r\nRUN --mount=type=cache,target=/root/.npm \\\r\n    npm ci\r\nCOPY . .\r\n';
    const got = mapCacheMountIds(text, P);
    expect(got).toEqual({
      text: 'FROM node:20\r\nRUN --mount=type=cache,target=/root/.npm,id=dfx-run1-/root/.npm \\\r\n    npm ci\r\nCOPY . .\r\n',
      ids: [{ from: '/root/.npm', to: 'dfx-run1-/root/.npm' }],
    });
  });

  test('replaces an explicit id, and mounts that shared an id still share one', () => {
    const text = [
      'FROM debian AS a',
      'RUN --mount=type=cache,id=/root/.npm,target=/x true',
      'FROM debian',
      'RUN --mount=type=cache,target=/root/.npm,sharing=locked --mount=type=bind,source=a,target=/b true',
      '',
    ].join('\n');
    const got = mapCacheMountIds(text, P);
    if ('error' in got) throw new Error(got.error);
    expect(got.text).toBe(
      [
        'FROM debian AS a',
        'RUN --mount=type=cache,id=dfx-run1-/root/.npm,target=/x true',
        'FROM debian',
        'RUN --mount=type=cache,target=/root/.npm,sharing=locked,id=dfx-run1-/root/.npm --mount=type=bind,source=a,target=/b true',
        '',
      ].join('\n'),
    );
    expect(got.ids).toEqual([{ from: '/root/.npm', to: 'dfx-run1-/root/.npm' }]);
  });

  test('leaves a file without cache mounts byte-identical, BOM included', () => {
    const text = '\uFEFF# syntax=docker/dockerfile:1\nFROM busybox\nRUN --mount=type=secret,id=tok cat /run/secrets/tok\n';
    expect(mapCacheMountIds(text, P)).toEqual({ text, ids: [] });
  });

  test('refuses a quoted mount flag rather than guess', () => {
    const got = mapCacheMountIds('FROM busybox\nRUN --mount="type=cache,target=/c" true\n', P);
    expect(got).toEqual({ error: expect.stringContaining('quotes') });
  });
});
