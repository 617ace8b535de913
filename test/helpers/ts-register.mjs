/**
 * `node --import ./test/helpers/ts-register.mjs file.ts`: runs the project's TypeScript
 * directly in plain Node (no jest), for work that is too slow inside jest's VM context
 * (the corpus check). See ts-hooks.mjs.
 */
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
