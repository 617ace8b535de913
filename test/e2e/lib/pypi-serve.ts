/**
 * Serve the PyPI stand-in (pypi.ts) until killed: scripts/e2e-engines.mjs starts it once
 * when the engines' suites run at the same time. Prints "ready <url>" on stdout when listening.
 */
import { startPypi } from './pypi.js';

const pypi = await startPypi();
process.stdout.write(`ready ${pypi.url}\n`);
const stop = () => void pypi.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
