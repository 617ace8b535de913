/**
 * The corpus check's count of cache mounts on steps that download nothing (issue 10: such
 * mounts are noise a reviewer rejects, and on an offline step they hide what it reads). Written
 * apart from src/ecosystems on purpose: its own small table of where each tool's cache lives
 * and which words make a command download nothing, matched on the RUN's text, so that it can
 * disagree with the transform.
 */
import type { DockerfileModel } from '../../src/model/dockerfile.js';

interface Tool {
  /** A cache-mount target of this tool (matched anywhere in the target path). */
  target: RegExp;
  /** A command of this tool. */
  command: RegExp;
  /** Words that make that command download nothing. */
  offline: RegExp;
}

const TOOLS: Tool[] = [
  { target: /\/var\/(cache\/apt|lib\/apt)/, command: /\bapt(-get)?\s+(\S+\s+)*(install|upgrade|dist-upgrade|reinstall)\b/, offline: /--no-download\b/ },
  { target: /\/var\/cache\/apk/, command: /\bapk\s+(add|upgrade|fix)\b/, offline: /--no-network\b/ },
  { target: /\/var\/cache\/(dnf|yum|libdnf5)/, command: /\b(dnf|yum|microdnf)\s/, offline: /(\s-C\b|--cacheonly\b)/ },
  { target: /\/pip$|\/pip\//, command: /\bpip3?\s+install\b/, offline: /--no-index\b/ },
  { target: /\/\.npm$|\/\.npm\//, command: /\bnpm\s+(ci|install|i)\b/, offline: /--offline\b/ },
  { target: /yarn/, command: /\byarn\b/, offline: /--offline\b/ },
  { target: /pnpm/, command: /\bpnpm\s+(install|i)\b/, offline: /--offline\b/ },
  { target: /\/pkg\/mod|go-build/, command: /\bgo\s+(build|install|test|run|vet)\b/, offline: /-mod=vendor|GOPROXY=off/ },
  { target: /\.m2/, command: /\bmvnw?\b/, offline: /(\s-o\b|--offline\b)/ },
  { target: /\.nuget/, command: /\bdotnet\s+(build|publish|test|run)\b/, offline: /--no-restore\b/ },
  { target: /cargo\/(registry|git)/, command: /\bcargo\s+(build|test|run|install|check)\b/, offline: /--frozen\b|--offline\b/ },
  { target: /gradle/, command: /\bgradlew?\b/, offline: /--offline\b/ },
  { target: /\/uv$|\/uv\//, command: /\buv\s+(sync|pip)\b/, offline: /--offline\b/ },
];

/** Cache-mount targets of the RUN, as written. */
function cacheTargets(flags: readonly { name: string; value: string | null }[]): string[] {
  const out: string[] = [];
  for (const f of flags) {
    if (f.name !== 'mount' || !f.value || !/(^|,)type=cache(,|$)/.test(f.value)) continue;
    const t = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value);
    if (t) out.push(t[1].replace(/^["']|["']$/g, ''));
  }
  return out;
}

/** The (RUN, cache-mount target) pairs whose tool, in that RUN, only runs commands that download nothing. */
export function downloadNothingMounts(m: DockerfileModel): number {
  let n = 0;
  for (const i of m.instructions) {
    if (i.keyword !== 'RUN') continue;
    const segments = i.body.split(/&&|\|\||;|\||\n/);
    for (const target of cacheTargets(i.flags)) {
      const tool = TOOLS.find((t) => t.target.test(target));
      if (!tool) continue;
      const uses = segments.filter((s) => tool.command.test(s));
      if (uses.length && uses.every((s) => tool.offline.test(s))) n++;
    }
  }
  return n;
}

/** Every cache mount of the file. */
export function cacheMountCount(m: DockerfileModel): number {
  return m.instructions.reduce((k, i) => k + (i.keyword === 'RUN' ? cacheTargets(i.flags).length : 0), 0);
}
