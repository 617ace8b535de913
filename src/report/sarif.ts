/**
 * `sarif`: SARIF 2.1.0 for code scanning (GitHub and others). One run; a rule per transform
 * (its description as help), a result per change (`note`) and per piece of advice
 * (`warning`), each with the original file's region. SARIF `fixes` are not written yet. Errors
 * are tool notifications. `properties` of each result and of the run are where other
 * per-file data (verify, impact) can be carried.
 */
import { TRANSFORMS } from '../../transforms/index.js';
import type { FileReport, ReportOptions } from './types.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function sarif(results: readonly FileReport[], options: ReportOptions): string {
  const rules = TRANSFORMS.map((t) => ({
    id: t.id,
    name: t.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: t.description },
    fullDescription: { text: t.description },
    help: { text: `${t.description} Turn it off with \`-x ${t.id}\` or a \`# dockerfix ignore=${t.id}\` comment above the instruction.` },
    defaultConfiguration: { enabled: t.defaultEnabled, level: 'note' },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const out: Record<string, unknown>[] = [];
  const notifications: Record<string, unknown>[] = [];
  for (const r of results) {
    const location = (line: number, endLine: number) => ({ physicalLocation: { artifactLocation: { uri: r.path }, region: { startLine: line, endLine } } });
    for (const c of r.changes) {
      out.push({
        ruleId: c.transform,
        ruleIndex: ruleIndex.get(c.transform) ?? -1,
        level: 'note',
        kind: 'fail',
        message: { text: c.message },
        locations: [location(c.line, c.endLine ?? c.line)],
        properties: { change: true, newLine: c.newLine, newEndLine: c.newEndLine },
      });
    }
    for (const a of r.advice) {
      out.push({
        ruleId: a.transform,
        ruleIndex: ruleIndex.get(a.transform) ?? -1,
        level: 'warning',
        message: { text: a.message },
        locations: [location(a.line, a.endLine ?? a.line)],
        properties: { advice: true },
      });
    }
    if (r.error) notifications.push({ level: 'error', message: { text: `${r.path}: ${r.error.code} ${r.error.message}` }, locations: [{ physicalLocation: { artifactLocation: { uri: r.path } } }] });
  }
  const doc = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dockerfix', version: options.version, semanticVersion: options.version, rules } },
        invocations: [{ executionSuccessful: !results.some((r) => r.error), toolExecutionNotifications: notifications }],
        results: out,
        properties: { mode: options.mode, transforms: options.transforms, unsafe: options.unsafe },
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
