/**
 * The safety net under every pass: given the re-parsed output (the runner parses the whole
 * text again), prove that nothing the fixes did not declare was lost, duplicated or broken.
 * A failed check rejects the file.
 */
import { KEYWORDS, type DockerfileModel } from '../model/dockerfile.js';
import type { Fix } from './fix.js';

const KNOWN_FLAGS: Record<string, Set<string>> = {
  FROM: new Set(['platform']),
  RUN: new Set(['mount', 'network', 'security', 'device']),
  COPY: new Set(['from', 'chown', 'chmod', 'link', 'parents', 'exclude']),
  ADD: new Set(['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'unpack', 'exclude']),
  HEALTHCHECK: new Set(['interval', 'timeout', 'start-period', 'start-interval', 'retries']),
};

/** Returns the re-parsed model `after`, or a reason the output must not be written. */
export function verifyPass(before: DockerfileModel, after: DockerfileModel, fixes: Fix[]): { model: DockerfileModel } | { error: string } {
  const fail = (error: string) => ({ error });

  const unknownBefore = countBy(before.instructions.filter((i) => !KEYWORDS.has(i.keyword)).map((i) => i.keyword));
  const unknownAfter = countBy(after.instructions.filter((i) => !KEYWORDS.has(i.keyword)).map((i) => i.keyword));
  for (const [k, n] of unknownAfter) if (n > (unknownBefore.get(k) ?? 0)) return fail(`output has an unknown instruction ${k}`);

  if (after.stages.length !== before.stages.length) return fail(`stage count changed (${before.stages.length} → ${after.stages.length})`);
  for (let s = 0; s < before.stages.length; s++) {
    if (after.stages[s].from.text !== before.stages[s].from.text) return fail(`FROM line of stage ${s + 1} changed`);
  }

  const touchesDirectives = fixes.some((f) => f.directives);
  const dirs = (m: DockerfileModel) => m.directives.map((d) => `${d.name}=${d.value}`);
  if (!touchesDirectives && dirs(after).join('\n') !== dirs(before).join('\n')) return fail('parser directives changed');
  if (touchesDirectives) {
    const kept = new Set(dirs(after));
    for (const d of before.directives) if (d.name !== 'syntax' && !kept.has(`${d.name}=${d.value}`)) return fail(`parser directive ${d.name} lost`);
  }
  if (after.escape !== before.escape) return fail('escape character changed');

  const delta = fixes.reduce((n, f) => n + (f.instructionDelta ?? 0), 0);
  if (after.instructions.length !== before.instructions.length + delta) {
    return fail(`instruction count ${after.instructions.length}, expected ${before.instructions.length + delta}`);
  }

  // Every instruction no edit touched must still be there, byte for byte, as often as before.
  // An insertion touches an instruction when it lands inside it or right after its last character.
  const edits = fixes.flatMap((f) => f.edits);
  const untouched = before.instructions.filter(
    (i) => !edits.some((e) => (e.range[0] === e.range[1] ? i.start < e.range[0] && e.range[0] <= i.end : e.range[0] < i.end && e.range[1] > i.start)),
  );
  const available = countBy(after.instructions.map((i) => i.text));
  for (const i of untouched) {
    const n = available.get(i.text) ?? 0;
    if (n === 0) return fail(`instruction at line ${i.startLine + 1} (${i.keyword}) was lost or altered`);
    available.set(i.text, n - 1);
  }

  if (after.instructions.filter((i) => i.heredoc).length !== before.instructions.filter((i) => i.heredoc).length) {
    return fail('here-document count changed');
  }
  for (const i of after.instructions) {
    const known = KNOWN_FLAGS[i.keyword];
    if (!known) continue;
    for (const f of i.flags) {
      if (!known.has(f.name) && !before.instructions.some((b) => b.flags.some((g) => g.name === f.name))) {
        return fail(`unknown flag --${f.name} on ${i.keyword} at line ${i.startLine + 1}`);
      }
    }
  }
  return { model: after };
}

function countBy(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}
