/** `--list-transforms`: the registry as a table (stylish), JSON, NDJSON or a Markdown table. */
import type { Transform } from '../core/transform.js';
import type { FormatName } from '../report/index.js';

export function listTransforms(registry: readonly Transform[], format: FormatName): string | null {
  const rows = registry.map((t) => ({ id: t.id, default: t.defaultEnabled, description: t.description }));
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2) + '\n';
    case 'ndjson':
      return rows.map((r) => JSON.stringify(r) + '\n').join('');
    case 'markdown':
      return (
        '| Transform | Default | What it does |\n|---|---|---|\n' +
        rows.map((r) => `| \`${r.id}\` | ${r.default ? 'on' : 'off'} | ${r.description.replace(/\|/g, '\\|')} |\n`).join('')
      );
    case 'stylish': {
      const w = Math.max(...rows.map((r) => r.id.length));
      return rows.map((r) => `${r.id.padEnd(w)}  ${r.default ? 'on ' : 'off'}  ${r.description}\n`).join('');
    }
    default:
      return null;
  }
}
