// Copies src/ to dist/: a stand-in for a real bundler.
const { cpSync, mkdirSync } = require('node:fs');

mkdirSync('dist', { recursive: true });
cpSync('src', 'dist', { recursive: true });
