import { buildCommand, parseCacheRecords } from '../../src/verify/engine.js';

describe('engine commands', () => {
  test('docker build with BuildKit, or buildx with --load; flags passed through', () => {
    const o = { context: '/c', dockerfile: '/d/Dockerfile', tag: 't', buildArgs: { V: '1' }, target: 'prod', platform: 'linux/amd64', network: 'host' };
    expect(buildCommand({ kind: 'buildkit' }, o)).toEqual(['build', '--network=host', '--progress=plain', '-f', '/d/Dockerfile', '-t', 't', '--build-arg', 'V=1', '--target', 'prod', '--platform', 'linux/amd64', '/c']);
    expect(buildCommand({ kind: 'buildx' }, { context: '/c', dockerfile: 'D', tag: 't' })).toEqual(['buildx', 'build', '--load', '--progress=plain', '-f', 'D', '-t', 't', '/c']);
  });

  test('reads the build-cache records of docker system df -v', () => {
    expect(parseCacheRecords('[{"CacheType":"exec.cachemount","Description":"cached mount /c","ID":"abc"}]\n')).toEqual([{ id: 'abc', type: 'exec.cachemount', description: 'cached mount /c' }]);
    expect(parseCacheRecords('null\n')).toEqual([]);
    expect(parseCacheRecords('oops')).toHaveProperty('error');
  });
});
