/** docs/ignore-comments.md and the README list every row of PEER_RULES with what it turns off. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_RULES } from '../src/model/ignore-comments.js';
import { TRANSFORMS } from '../transforms/index.js';

const ROOT = join(import.meta.dirname, '..');
const doc = readFileSync(join(ROOT, 'docs', 'ignore-comments.md'), 'utf8');

test.each(PEER_RULES.map((r) => [r.tool, r.rules[0], r]))('%s %s has a row in docs/ignore-comments.md saying what it turns off', (_tool, _rule, row) => {
  const rows = doc.split('\n').filter((l) => l.startsWith('|') && l.toLowerCase().includes(row.tool === 'buildkit' ? 'buildkit' : row.tool) && (row.tool === 'buildkit' || l.includes(`\`${row.rules[0]}\``)));
  expect(rows).toHaveLength(1);
  const cell = rows[0].split('|')[3].trim();
  expect(cell).toBe(row.transforms.length ? row.transforms.map((t) => `\`${t}\``).join(', ') : 'nothing');
});

test('every mapped transform exists', () => {
  for (const r of PEER_RULES) for (const t of r.transforms) expect(TRANSFORMS.map((x) => x.id)).toContain(t);
});
