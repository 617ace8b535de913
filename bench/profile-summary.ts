/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by area (the parser,
 * dockerfix's own code, diff, ...), by module, and the top functions.
 *
 *     node dist/bench/profile-summary.js <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)']);

/** The module a script URL belongs to: an npm package, a dockerfix folder, or Node itself. */
export function moduleOf(url: string): string {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node internals';
  const m = /\/(?:dist\/)?(src\/[^/]+|transforms|bench|test\/helpers|bin)\/[^/]+$/.exec(url);
  if (m) return `dockerfix ${m[1]}`;
  return url.replace(/^file:\/\//, '');
}

/** Coarser areas: is the parser the bottleneck? */
export function areaOf(module: string): string {
  if (module === 'dockerfile-ast' || module.startsWith('vscode-languageserver')) return 'parser (dockerfile-ast + vscode-languageserver-*)';
  if (module === 'dockerfix src/model') return 'dockerfix model (src/model)';
  if (module === 'dockerfix transforms') return 'dockerfix transforms';
  if (module.startsWith('dockerfix src/')) return 'dockerfix engine (src/core, src/ecosystems, src/shell, src/context, src/cli, src/report)';
  if (module === 'diff') return 'diff (unified diff)';
  if (module === 'magic-string') return 'magic-string (applying edits)';
  if (module === '(garbage collector)') return 'garbage collector';
  if (module === 'node internals' || module === '(native)' || module === '(program)') return 'Node (module loading, I/O, natives)';
  if (module === '(idle)') return 'idle';
  return 'other';
}

export interface Summary {
  totalMs: number;
  areas: [string, number][];
  modules: [string, number][];
  functions: [string, number][];
}

export function summarise(profile: CpuProfile, top = 12): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const modules = new Map<string, number>();
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const cf = byId.get(id)!.callFrame;
    const mod = SPECIAL.has(cf.functionName) ? cf.functionName : moduleOf(cf.url);
    total += us;
    modules.set(mod, (modules.get(mod) ?? 0) + us);
    areas.set(areaOf(mod), (areas.get(areaOf(mod)) ?? 0) + us);
    const where = cf.url ? ` ${cf.url.replace(/^.*\/(node_modules\/|dist\/)/, '$1').replace(/^file:\/\/.*\//, '')}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'}${where}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, us]) => [n, us / 1000] as [string, number]);
  return { totalMs: total / 1000, areas: sorted(areas, 20), modules: sorted(modules, top), functions: sorted(fns, top) };
}

export function formatSummary(s: Summary): string {
  const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1)}%`;
  const rows = (xs: [string, number][]) => xs.map(([n, ms]) => `| ${n.replace(/\|/g, '\\|')} | ${ms.toFixed(0)} | ${pct(ms)} |`);
  return [
    `Sampled ${s.totalMs.toFixed(0)} ms of CPU.`,
    '',
    '| area | self ms | share |',
    '|---|---:|---:|',
    ...rows(s.areas),
    '',
    '| module | self ms | share |',
    '|---|---:|---:|',
    ...rows(s.modules),
    '',
    '| function | self ms | share |',
    '|---|---:|---:|',
    ...rows(s.functions),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [top]');
    process.exit(2);
  }
  const top = Number(process.argv[3]);
  console.log(formatSummary(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number.isInteger(top) && top > 0 ? top : 12)));
}
