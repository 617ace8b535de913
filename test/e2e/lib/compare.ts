/** The image comparison lives in product code (src/verify/compare.ts), so `dockerfix --verify` compares exactly as the suite does. */
export * from '../../../src/verify/compare.js';
