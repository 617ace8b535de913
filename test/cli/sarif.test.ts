/** `-f sarif` validates against the SARIF 2.1.0 schema (the copy @microsoft/jest-sarif ships) with ajv. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, write } from './helpers.js';

const require = createRequire(import.meta.url);
// Both are CommonJS with a `default` export; require() them so the types and runtime agree under NodeNext.
interface Validate { (doc: unknown): boolean; errors?: unknown }
interface AjvLike { compile(schema: unknown): Validate }
const Ajv = (require('ajv-draft-04') as { default: new (o: Record<string, unknown>) => AjvLike }).default;
const addFormats = (require('ajv-formats') as { default: (ajv: AjvLike) => void }).default;
const schemaPath = join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

test('-f sarif is valid SARIF 2.1.0 with a rule per transform and results in original lines', async () => {
  const dir = tempDir(true);
  write(join(dir, 'examples/broken/Dockerfile'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
  const r = await run(['--check', '-f', 'sarif', 'examples'], { cwd: dir });
  const doc = JSON.parse(r.stdout);
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  expect(validate(doc) ? [] : validate.errors).toEqual([]);
  expect(validate({ ...doc, version: '2.0.0' })).toBe(false); // the validator can fail
  const run0 = doc.runs[0];
  expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['syntax-directive', 'reorder-for-cache', 'arg-near-use', 'cache-mounts', 'split-manifest-copy']));
  const py = run0.results.filter((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri === 'examples/python-worker/Dockerfile');
  const apt = py.find((x: { ruleId: string; message: { text: string } }) => x.ruleId === 'cache-mounts' && x.message.text.includes('apt'));
  expect(apt.locations[0].physicalLocation.region).toEqual({ startLine: 6, endLine: 9 });
  expect(run0.invocations[0].executionSuccessful).toBe(false);
});
