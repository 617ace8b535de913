import apt from '../../src/ecosystems/apt.js';
import apk from '../../src/ecosystems/apk.js';
import { dnf, rpmFrontEnd, yum } from '../../src/ecosystems/dnf.js';
import zypper from '../../src/ecosystems/zypper.js';
import { cmd, env, skipped, targets } from './helpers.js';

describe('apt', () => {
  test('recognises installs, updates and purges', () => {
    expect(apt.matches(cmd('apt-get install -y gcc'))).toBe(true);
    expect(apt.isInstall(cmd('apt-get -o Acquire::Retries=3 install -y gcc'))).toBe(true);
    expect(apt.isInstall(cmd('apt install -y gcc'))).toBe(true);
    expect(apt.isInstall(cmd('apt-get autoremove -y'))).toBe(false);
    expect(apt.refreshesIndex!(cmd('apt-get update -qq'))).toBe('only');
    expect(apt.refreshesIndex!(cmd('apt-get install -y gcc'))).toBe(false);
    expect(apt.isCachePurge(cmd('apt-get clean'), env())).toBe(true);
    expect(apt.isCachePurge(cmd('apt-get autoclean'), env())).toBe(false);
  });
  test('mounts the archive cache and the lists, never /var/lib/apt', () => {
    expect(targets(apt.cacheTargets(cmd('apt-get install x'), env()))).toEqual(['/var/cache/apt,locked', '/var/lib/apt/lists,locked,index']);
    expect(targets(apt.cacheTargets(cmd('apt-get update'), env()))).toEqual(['/var/lib/apt/lists,locked,index']);
  });
});

describe('apk', () => {
  test('index refresh', () => {
    expect(apk.refreshesIndex!(cmd('apk add --no-cache curl'))).toBe(true);
    expect(apk.refreshesIndex!(cmd('apk add -U curl'))).toBe(true);
    expect(apk.refreshesIndex!(cmd('apk update'))).toBe('only');
    expect(apk.refreshesIndex!(cmd('apk add curl'))).toBe(false);
  });
  test('replaces --no-cache with a refresh and a cache dir', () => {
    const r = apk.rewriteArgs!(cmd('apk add --no-cache --virtual .deps gcc'), env())!;
    expect(r.replace).toEqual([{ index: 1, words: ['--update-cache', '--cache-dir', '/var/cache/apk'] }]);
    expect(r.insertAfterName).toEqual([]);
    const r2 = apk.rewriteArgs!(cmd('apk add -U gcc'), env())!;
    expect(r2.insertAfterName).toEqual(['--cache-dir', '/var/cache/apk']);
    expect(apk.rewriteArgs!(cmd('apk update'), env())).toBeNull();
  });
  test('targets and skips', () => {
    expect(targets(apk.cacheTargets(cmd('apk add x'), env()))).toEqual(['/var/cache/apk,locked,index']);
    expect(skipped(apk.cacheTargets(cmd('apk add --root /mnt x'), env()))).toBe(true);
    expect(skipped(apk.cacheTargets(cmd('apk add --cache-dir /tmp/c x'), env()))).toBe(true);
    expect(apk.isCachePurge(cmd('apk cache clean'), env())).toBe(true);
    expect(skipped(apk.cacheTargets(cmd('apk add --no-cache x'), env({}, { baseImage: 'alpine:3.6' })))).toBe(true);
    expect(skipped(apk.cacheTargets(cmd('apk add --no-cache x'), env({}, { baseImage: 'node:8-alpine3.7' })))).toBe(true);
    expect(skipped(apk.cacheTargets(cmd('apk add --no-cache x'), env({}, { baseImage: 'node:20-alpine3.19' })))).toBe(false);
    expect(skipped(apk.cacheTargets(cmd('apk add --no-cache x'), env({}, { baseImage: 'alpine' })))).toBe(false);
  });
});

describe('dnf / yum', () => {
  test('front end by image', () => {
    expect(rpmFrontEnd('fedora:41')).toBe('dnf5');
    expect(rpmFrontEnd('fedora:39')).toBe('dnf4');
    expect(rpmFrontEnd('centos:7')).toBe('yum');
    expect(rpmFrontEnd('rockylinux:9')).toBe('dnf4');
    expect(rpmFrontEnd('registry.access.redhat.com/ubi9/ubi:9.4')).toBe('dnf4');
    expect(rpmFrontEnd('amazonlinux:2')).toBe('yum');
    expect(rpmFrontEnd('myorg/base')).toBeNull();
  });
  test('targets', () => {
    expect(targets(dnf.cacheTargets(cmd('dnf install -y gcc'), env({}, { baseImage: 'fedora:41' })))).toEqual(['/var/cache/libdnf5,locked']);
    expect(targets(dnf.cacheTargets(cmd('dnf install -y gcc'), env({}, { baseImage: 'rockylinux:9' })))).toEqual(['/var/cache/dnf,locked']);
    expect(targets(dnf.cacheTargets(cmd('dnf install -y gcc'), env({}, { baseImage: 'x' })))).toEqual(['/var/cache/dnf,locked', '/var/cache/libdnf5,locked']);
    expect(targets(yum.cacheTargets(cmd('yum install -y gcc'), env({}, { baseImage: 'centos:7' })))).toEqual(['/var/cache/yum,locked']);
    expect(targets(yum.cacheTargets(cmd('yum install -y gcc'), env({}, { baseImage: 'rockylinux:8' })))).toEqual(['/var/cache/dnf,locked']);
    expect(skipped(dnf.cacheTargets(cmd('dnf --installroot /x install gcc'), env()))).toBe(true);
  });
  test('keepcache and purges', () => {
    expect(dnf.rewriteArgs!(cmd('dnf install -y gcc'), env())!.insertAfterName).toEqual(['--setopt=keepcache=True']);
    expect(yum.rewriteArgs!(cmd('yum install -y gcc'), env())!.insertAfterName).toEqual(['--setopt=keepcache=1']);
    expect(dnf.rewriteArgs!(cmd('dnf --setopt=keepcache=0 install gcc'), env())).toBeNull();
    expect(dnf.isCachePurge(cmd('dnf clean all'), env())).toBe(true);
    expect(yum.isCachePurge(cmd('yum -q clean all'), env())).toBe(true);
    expect(dnf.isInstall(cmd('dnf -y install gcc'))).toBe(true);
    expect(dnf.isInstall(cmd('dnf clean all'))).toBe(false);
  });
});

describe('zypper', () => {
  test('installs, target, purge', () => {
    expect(zypper.isInstall(cmd('zypper --non-interactive install gcc'))).toBe(true);
    expect(zypper.isInstall(cmd('zypper -n in gcc'))).toBe(true);
    expect(targets(zypper.cacheTargets(cmd('zypper in gcc'), env()))).toEqual(['/var/cache/zypp,locked']);
    expect(zypper.isCachePurge(cmd('zypper clean -a'), env())).toBe(true);
    expect(zypper.isCachePurge(cmd('zypper cc -a'), env())).toBe(true);
  });
});
