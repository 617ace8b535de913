import type { CachePlan, CommandView, RunEnvironment } from '../../src/ecosystems/types.js';

/** `cmd('pip install -r r.txt')`: split on spaces; `$X` words become dynamic (null). */
export function cmd(text: string): CommandView {
  const words = text.split(/\s+/).filter(Boolean);
  const assignments: { name: string; value: string | null }[] = [];
  while (words.length && /^[A-Za-z_]\w*=/.test(words[0])) {
    const w = words.shift()!;
    assignments.push({ name: w.slice(0, w.indexOf('=')), value: w.slice(w.indexOf('=') + 1) });
  }
  const [name, ...args] = words;
  return { name, args: args.map((a) => (a.includes('$') ? null : a)), assignments };
}

export function env(vars: Record<string, string> = {}, over: Partial<RunEnvironment> = {}): RunEnvironment {
  return { env: new Map(Object.entries(vars)), home: '/root', root: true, workdir: '/app', baseImage: 'debian:bookworm', ...over };
}

export function targets(plan: CachePlan): string[] {
  if ('skip' in plan) throw new Error('skipped: ' + plan.skip);
  return plan.targets.map((t) => t.target + (t.sharing ? `,${t.sharing}` : '') + (t.index ? ',index' : ''));
}

export function skipped(plan: CachePlan): boolean {
  return 'skip' in plan;
}

export function context(files: Record<string, string>) {
  return { exists: (rel: string) => rel in files, read: (rel: string) => files[rel] ?? null };
}
