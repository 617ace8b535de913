/** The tar reader lives in product code (src/verify/tar.ts), shared with `dockerfix --verify`. */
export * from '../../../src/verify/tar.js';
