/**
 * The shipped table (src/data/debian-paths.ts) is exactly what scripts/debian-paths.ts builds
 * from the checked-in sample of Debian's indices (test/data/debian-paths-sample.txt), and it
 * answers the questions reorder-for-cache asks. Regenerate both from the mirror with
 * `node --import ./test/helpers/ts-register.mjs scripts/debian-paths.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTable, entriesOf, mirrorFromAptSources, parseSample, pullers, renderModule, renderSample, splitContentsLine } from '../../scripts/debian-paths.js';
import { debianPackageClaims, isUbuntuImage, mayWriteWebRoot } from '../../src/model/debian-paths.js';
import { SYSTEM_PACKAGE_PATHS } from '../../src/model/analysis.js';

const root = join(import.meta.dirname, '../..');
const sampleText = readFileSync(join(root, 'test/data/debian-paths-sample.txt'), 'utf8');

test('the shipped table is what the generator builds from the sample', () => {
  const sample = parseSample(sampleText);
  expect(renderSample(sample)).toBe(sampleText);
  expect(renderModule(buildTable(sample))).toBe(readFileSync(join(root, 'src/data/debian-paths.ts'), 'utf8'));
  expect(sample.sources.map((s) => s.release)).toEqual(['bookworm', 'trixie', 'bullseye']);
});

test('the table stays small', () => {
  expect(readFileSync(join(root, 'src/data/debian-paths.ts')).length).toBeLessThan(100_000);
});

test('Contents lines and entries', () => {
  expect(splitContentsLine('usr/share/doc/my file.txt            doc/foo,web/bar')).toEqual({ path: 'usr/share/doc/my file.txt', packages: ['foo', 'bar'] });
  expect(entriesOf('usr/src/linux/Makefile')).toEqual([['/', 'usr'], ['/usr', 'src'], ['/usr/src', 'linux']]);
  expect(entriesOf('usr/share/doc/x')).toEqual([['/', 'usr'], ['/usr', 'share']]);
  expect(entriesOf('./var/www/html/')).toEqual([['/', 'var'], ['/var', 'www'], ['/var/www', 'html']]);
});

test('pullers follow Depends, Recommends and Provides', () => {
  const rel = (pkg: string, field: string, value: string) => ({ release: 'x', pkg, field, value });
  const set = pullers(['apache2'], [
    rel('apache2', 'Provides', 'httpd, httpd-cgi'),
    rel('webapp', 'Recommends', 'nginx | httpd'),
    rel('meta', 'Depends', 'libc6, webapp (>= 1)'),
    rel('curl', 'Depends', 'libc6'),
  ]);
  expect([...set].sort()).toEqual(['apache2', 'meta', 'webapp']);
});

test('the mirror comes from the apt sources', () => {
  expect(mirrorFromAptSources(['Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\nTypes: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n'])).toBe('http://mirror.example/debian');
  expect(mirrorFromAptSources(['deb [arch=amd64] http://ftp.example/debian bookworm main\n'])).toBe('http://ftp.example/debian');
  expect(mirrorFromAptSources(['deb https://example.com/apt stable main\n'])).toBeNull();
});

test('where a Debian package may write', () => {
  const claims = debianPackageClaims(SYSTEM_PACKAGE_PATHS);
  const written = (p: string) => claims.some((c) => p === c || p.startsWith(c + '/') || c.startsWith(p + '/'));
  for (const p of ['/usr/src/app', '/usr/app', '/opt/app', '/home/node/app', '/srv/app', '/var/www/html', '/app']) expect([p, written(p)]).toEqual([p, false]);
  for (const p of ['/usr/share/nginx/html', '/usr/lib/node_modules', '/usr/local/bin', '/etc/nginx', '/var/lib/app', '/root/app', '/usr/src/binutils', '/usr/src/googletest/src']) expect([p, written(p)]).toEqual([p, true]);
  expect(mayWriteWebRoot(['curl', 'unzip', 'ca-certificates'])).toBe(false);
  expect(mayWriteWebRoot(['apache2'])).toBe(true);
  expect(mayWriteWebRoot(['nginx=1.22.1-9'])).toBe(true);
  expect(mayWriteWebRoot(['php'])).toBe(true); // php → libapache2-mod-php → apache2
  expect(mayWriteWebRoot([null])).toBe(true);
  expect(mayWriteWebRoot(['php8.*'])).toBe(true);
});

test('Ubuntu images by name', () => {
  for (const r of ['ubuntu:24.04', 'docker.io/library/ubuntu', 'eclipse-temurin:21-jre', 'buildpack-deps:jammy', 'nvidia/cuda:12.4.1-runtime-ubuntu22.04', 'ubuntu/nginx:latest']) expect([r, isUbuntuImage(r)]).toEqual([r, true]);
  for (const r of ['debian:bookworm-slim', 'node:20', 'python:3.12-slim-bookworm', 'eclipse-temurin:21-alpine', 'php:8.3-apache']) expect([r, isUbuntuImage(r)]).toEqual([r, false]);
});
