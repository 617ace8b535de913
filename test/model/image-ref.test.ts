/** Image references (`--syntax-image`, the config's `syntax-directive` image): Docker's reference grammar. */
import { imageReferenceProblem } from '../../src/model/image-ref.js';

const HEX64 = 'a'.repeat(40) + '0123456789abcdef01234567';

test.each([
  'docker/dockerfile:1',
  'docker/dockerfile',
  'docker/dockerfile:1.7-labs',
  'docker/dockerfile-upstream:master',
  'docker.io/docker/dockerfile:1',
  'registry.example.com/docker/dockerfile:1',
  'mirror.gcr.io/docker/dockerfile:1.4',
  'localhost:5000/dockerfile:1',
  'localhost/df',
  'registry.example.com:443/team/sub/dockerfile:1',
  '10.0.0.1:5000/docker/dockerfile:1',
  '[::1]:5000/docker/dockerfile:1',
  'Registry.Example.COM/docker/dockerfile:1', // the host may have capitals
  'my-registry.example/docker/dockerfile:1',
  'a.example/df:1',
  'dockerfile',
  'a',
  'a/b/c/d/e',
  'my_org/my__image/my-image/my--image/my.image:1',
  'docker/dockerfile:1_X', // tags may have capitals and underscores
  'docker/dockerfile:_tag',
  'docker/dockerfile:' + 'x'.repeat(128),
  `docker/dockerfile:1.7@sha256:${HEX64}`,
  `docker/dockerfile@sha256:${HEX64}`,
  `registry.example.com:5000/docker/dockerfile:1@sha256:${HEX64}`,
  `docker/dockerfile@sha512:${'b'.repeat(128)}`,
])('valid: %s', (ref) => {
  expect(imageReferenceProblem(ref)).toBeNull();
});

test.each([
  ['', /empty/],
  [' ', /white space/],
  ['docker/dockerfile:1 ', /white space/],
  [' docker/dockerfile:1', /white space/],
  ['docker/dockerfile:1 --flag', /white space/],
  ['docker/dockerfile:1\n# evil', /white space/],
  ['docker/dockerfile:1\r', /white space/],
  ['docker/dockerfile:1\t', /white space/],
  ['docker/Dockerfile:1', /lower case/],
  ['Docker/Dockerfile', /lower case/],
  ['DOCKERFILE', /lower case/],
  ['docker/dockerfile#1', /"docker\/dockerfile#1"|not a valid/],
  ['docker/dockerfile:1#x', /tag/],
  ['syntax=docker/dockerfile:1', /not a valid/],
  ['docker/dockerfile=1', /not a valid/],
  ['-docker/dockerfile:1', /start with a letter or digit/],
  ['--help', /start with a letter or digit/],
  ['docker/-dockerfile', /start with a letter or digit/],
  ['docker/dockerfile-', /not a valid/],
  ['docker/dockerfile.', /not a valid/],
  ['docker/docker___file', /not a valid/],
  ['docker/docker..file', /not a valid/],
  ['docker//dockerfile', /empty path component/],
  ['docker/dockerfile/', /empty path component/],
  ['/docker/dockerfile', /empty path component|not a valid/],
  ['docker/dockerfile:', /tag/],
  ['docker/dockerfile:.1', /tag/],
  ['docker/dockerfile:-1', /tag/],
  ['docker/dockerfile:' + 'x'.repeat(129), /tag/],
  ['docker/dockerfile:1:2', /not a valid|tag/],
  ['docker/dockerfile@sha256:abc', /digest/],
  [`docker/dockerfile@sha256:${HEX64.toUpperCase()}`, /digest/],
  [`docker/dockerfile@md5:${HEX64}`, /digest/],
  [`docker/dockerfile@${HEX64}`, /digest/],
  [`docker/dockerfile:1@sha256:${HEX64}@sha256:${HEX64}`, /digest/],
  ['docker/dockerfile@', /digest/],
  ['example.com:port/dockerfile', /not a valid/],
  ['exa_mple.com:5000/dockerfile', /not a valid/],
  ['-example.com/dockerfile', /not a valid|start with a letter or digit/],
  ['[::1/dockerfile', /start with a letter or digit/],
  [':1', /not a valid|empty/],
  ['@sha256:' + HEX64, /empty|not a valid/],
  [HEX64, /64 hexadecimal/],
  ['docker/' + 'x'.repeat(249), /255/],
  ['docker/dockerfile:1;rm -rf /', /white space|tag/],
  ['docker/dockerfile:1$x', /tag/],
  ['ü/dockerfile', /start with a letter or digit/],
])('invalid: %j', (ref, why) => {
  const problem = imageReferenceProblem(ref);
  expect(problem).not.toBeNull();
  expect(problem).toMatch(why);
  expect(problem).not.toContain('\n');
});
