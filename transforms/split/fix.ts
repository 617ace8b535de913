/**
 * The fix: the manifest copies (`manifestCopies`, `COPY --parents` for workspaces), the edits
 * and the message (`buildFix`).
 */
import type { Edit, Fix } from '../../src/core/fix.js';
import type { BuildContextInfo } from '../../src/core/transform.js';
import type { DockerfileModel, Instruction } from '../../src/model/dockerfile.js';
import type { IgnoreEdit } from './shared.js';
import type { BroadCopy } from './broad-copy.js';

// ---------------------------------------------------------------------------------------------
// The manifest copies

export function manifestCopies(
  items: { ctxPath: string; dir: boolean; required: boolean }[],
  bc: BuildContextInfo | undefined,
  broad: BroadCopy,
  escape: string,
): { lines: string[]; files: string[] } {
  void escape;
  const seen = new Set<string>();
  const files: { path: string; dir: boolean; pattern: string }[] = [];
  for (const it of items) {
    if (seen.has(it.ctxPath)) continue;
    seen.add(it.ctxPath);
    if (bc) {
      if (!bc.exists(it.ctxPath)) continue;
      files.push({ path: it.ctxPath, dir: it.dir, pattern: it.ctxPath });
    } else {
      // No context: patterns that cannot fail. A wildcard that matches nothing copies nothing
      // (BuildKit AllowEmptyWildcard); a folder is matched by a one-letter class so only its
      // contents go to the explicit destination folder.
      const base = it.ctxPath.replace(/^.*\//, '');
      const pattern = it.dir ? it.ctxPath.slice(0, -1) + `[${it.ctxPath.slice(-1)}]` : /[*?[]/.test(base) ? it.ctxPath : `${it.ctxPath}*`;
      files.push({ path: it.ctxPath, dir: it.dir, pattern });
    }
  }
  // Group files by destination folder; each folder manifest gets its own line.
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  for (const f of files) {
    const key = f.dir ? f.path : (f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '');
    const gk = f.dir ? `dir:${key}` : `files:${key}`;
    if (!groups.has(gk)) {
      groups.set(gk, []);
      order.push(gk);
    }
    groups.get(gk)!.push(f.pattern);
  }
  const kw = broad.instr.text.startsWith('ADD') || broad.instr.text.startsWith('COPY') ? 'COPY' : 'copy';
  const flags = broad.flagText.length ? broad.flagText.join(' ') + ' ' : '';
  const lines = order.map((gk) => {
    const key = gk.slice(gk.indexOf(':') + 1);
    const dest = destFor(broad.dest, key);
    return `${kw} ${flags}${groups.get(gk)!.map(quoteIfNeeded).join(' ')} ${quoteIfNeeded(dest)}`;
  });
  return { lines, files: files.map((f) => (f.dir ? `${f.path}/` : f.path)) };
}

/**
 * One `COPY --parents` of every manifest to the broad copy's destination: each source keeps
 * its path (a folder source its folder). The root's files go on the first line, each other
 * folder's on a continuation line of its own.
 */
export function parentsCopy(files: string[], broad: BroadCopy, escape: string): { lines: string[]; files: string[] } {
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const dir = f.endsWith('/') ? f.slice(0, -1) : f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    if (!byDir.has(dir)) byDir.set(dir, []);
    byDir.get(dir)!.push(f.endsWith('/') ? f.slice(0, -1) : f);
  }
  const flags = broad.flagText.length ? broad.flagText.join(' ') + ' ' : '';
  const rows = [...byDir.values()].map((fs) => fs.map(quoteIfNeeded).join(' '));
  const line = `COPY --parents ${flags}${rows.join(` ${escape}\n    `)} ${quoteIfNeeded(destFor(broad.dest, ''))}`;
  return { lines: [line], files };
}

/** The broad copy's destination spelling, extended by a sub-folder, always ending in `/`. */
export function destFor(dest: string, sub: string): string {
  const base = dest === '.' || dest === './' ? '.' : dest.replace(/\/+$/, '');
  if (!sub) return base === '.' ? './' : `${base}/`;
  return `${base === '.' ? '.' : base}/${sub}/`;
}

export function quoteIfNeeded(s: string): string {
  return /\s/.test(s) ? JSON.stringify(s) : s;
}

export function buildFix(
  model: DockerfileModel,
  broad: BroadCopy,
  run: Instruction,
  copyLines: string[],
  info: { install: string; files: string[]; unsafe: string[]; between: Instruction[]; excludes: string[]; runSplit?: { first: string; second: string; cutText: string }; parents?: string; excludeWhy: string; ignoreEdit: IgnoreEdit | null },
): Fix {
  const text = model.text;
  const b = broad.instr;
  let block = text.slice(b.blockStart, b.blockEnd);
  let excluded = '';
  if (info.excludes.length) {
    // Right after the keyword: `COPY --exclude=node_modules --chown=… . .`.
    const at = b.start - b.blockStart + b.keyword.length;
    block = block.slice(0, at) + info.excludes.map((o) => ` --exclude=${o}`).join('') + block.slice(at);
    const list = listWords(info.excludes.map((o) => `\`${o}\``));
    excluded = ` It now leaves out ${list} (\`--exclude\`, docker/dockerfile:1.19 or later): .dockerignore does not exclude ${info.excludes.length === 1 ? 'it' : 'them'}, and a local copy would otherwise land on what the install wrote${info.excludeWhy}.`;
  }
  if (info.ignoreEdit) {
    const { edit, checked, created } = info.ignoreEdit;
    const outs = edit.append.filter((o) => o !== '.dockerignore');
    const list = listWords(outs.map((o) => `\`${o}\``));
    const one = outs.length === 1;
    excluded = ` It also ${created ? 'creates .dockerignore with' : 'adds'} ${list}${created ? ' (and `.dockerignore` itself, so no image gains the new file)' : ' to .dockerignore'}: a local copy would otherwise land on what the install wrote. No Dockerfile in the build context takes ${one ? 'it' : 'them'} from the context (checked: ${checked.join(', ')}), so no other build changes.`;
  }
  let respelled = '';
  if (info.between.some((i) => i.keyword === 'WORKDIR') && broad.absSpelled && broad.absSpelled !== broad.dest) {
    // The broad copy now follows a WORKDIR: spell its destination as the folder it meant.
    const at = block.lastIndexOf(broad.destWord);
    block = block.slice(0, at) + quoteIfNeeded(broad.absSpelled) + block.slice(at + broad.destWord.length);
    respelled = ` Its destination is now written \`${broad.absSpelled}\`, the folder \`${broad.dest}\` meant before the WORKDIR it now follows.`;
  }
  const copyText = copyLines.map((l) => l + '\n').join('');
  // Adjacent (only blank lines may separate them): one replacement; otherwise remove the broad
  // copy and insert the manifest copy above the install (and its comments).
  const edits: Edit[] =
    info.between.length === 0
      ? [{ range: [b.blockStart, b.blockEnd], text: copyText }]
      : [
          // A broad copy between two blank lines takes one of them along.
          { range: [b.blockStart, b.blockEnd + (text.slice(b.blockStart - 2, b.blockStart) === '\n\n' && text[b.blockEnd] === '\n' ? 1 : 0)], text: '' },
          { range: [run.blockStart, run.blockStart], text: copyText },
        ];
  const endsWithNewline = text.slice(run.blockStart, run.blockEnd).endsWith('\n');
  let splitNote = '';
  if (info.runSplit) {
    // `RUN a && b` → `RUN a`, the broad copy, `RUN b` (each half's bytes as written).
    const tail = text.slice(run.end, run.blockEnd);
    const sp = info.runSplit;
    edits.push({ range: [run.start, run.blockEnd], text: sp.first + (tail.endsWith('\n') ? tail : tail + '\n') + block + sp.second + tail });
    const rest = sp.cutText.replace(/\s*\\\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
    splitNote = ` The RUN at line ${run.startLine + 1} is split at the \`&&\` before \`${rest}\`: that part needs the source, so it now runs in its own RUN (same flags) after the copy; nothing but files passed between the two parts (no \`cd\`, variable or shell setting), and a failure of either still fails the build.`;
  } else {
    edits.push({ range: [run.blockEnd, run.blockEnd], text: endsWithNewline ? block : '\n' + block.replace(/\n$/, '') });
  }
  const names = listWords(info.files);
  const first = b.text.split('\n')[0];
  const from = info.between.length ? info.between[0].startLine + 1 : 0;
  const to = info.between.length ? info.between[info.between.length - 1].endLine + 1 : 0;
  const crossed = info.between.length ? ` The ${from === to ? `instruction between them (line ${from}) reads` : `instructions between them (lines ${from}–${to}) read`} nothing from the copied files.` : '';
  const unsafe = info.unsafe.length ? ` --unsafe: not verified: ${info.unsafe.join('; ')}.` : '';
  return {
    message: `Copied ${names} before ${info.install} and moved \`${first}\` below it: editing source files no longer re-runs ${info.install}; it now depends only on ${names}.${splitNote}${info.parents ?? ''}${crossed}${respelled}${excluded}${unsafe}`,
    line: b.startLine + 1,
    instruction: b.index,
    edits,
    instructionDelta: copyLines.length + (info.runSplit ? 1 : 0),
    ...(info.ignoreEdit ? { companions: [info.ignoreEdit.edit] } : {}),
  };
}

export function listWords(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
