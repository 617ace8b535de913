/**
 * What a single-file `dockerfix --dry-run` does, minus the CLI's own code: start Node, load
 * the engine, read one Dockerfile and its build context, run the default transforms, print
 * the diff. `bench/run.ts` times it next to the real CLI so the CLI's own cost shows.
 *
 *     node dist/bench/one-file.js <Dockerfile>
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { loadBuildContext } from '../src/context/index.js';
import { fixSource } from '../src/core/runner.js';
import { TRANSFORMS } from '../transforms/index.js';

const path = process.argv[2];
if (!path) {
  console.error('usage: one-file.js <Dockerfile>');
  process.exit(2);
}
const input = readFileSync(path, 'utf8');
const r = fixSource(input, { transforms: TRANSFORMS.filter((t) => t.defaultEnabled), buildContext: loadBuildContext(dirname(path), path), path });
if (r.error) {
  console.error(`${path}: ${r.error.code} ${r.error.message}`);
  process.exitCode = 2;
} else if (r.changed) {
  process.stdout.write(createTwoFilesPatch(`a/${path}`, `b/${path}`, r.input, r.output, undefined, undefined, { context: 3 }));
}
