import { composeBuild } from '../../src/context/resolve.js';

describe('composeBuild (the Compose build settings --verify passes on)', () => {
  test('args as a map or a K=V list, target, platform; interpolated values left out', () => {
    expect(composeBuild({ args: { A: '1', B: 2, C: '${X}' }, target: 'prod', platforms: ['linux/arm64'] }, {})).toEqual({ args: { A: '1', B: '2' }, target: 'prod', platform: 'linux/arm64' });
    expect(composeBuild({ args: ['A=1', 'B', 'C=$Y'] }, { platform: 'linux/amd64' })).toEqual({ args: { A: '1' }, platform: 'linux/amd64' });
    expect(composeBuild('.', {})).toEqual({ args: {} });
  });
});
