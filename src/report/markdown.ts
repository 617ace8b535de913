/**
 * `markdown`: a pull-request body, as Renovate and Dependabot write them. A header, a
 * table of files × transforms, the notes (what changed and why, advice, companion files), the
 * cache-impact tables,
 * errors, one `<details>` diff per file (a companion file gets its own), how to reproduce the change, and a hidden
 * `<!-- dockerfix-meta {...} -->` comment for bots. It stays under GitHub's 65,536-character
 * body limit: what does not fit is left out with a note saying so (diffs first, then notes,
 * then table rows).
 */
import { impactTable } from './impact.js';
import { summarize, type FileReport, type ReportOptions } from './types.js';

/** GitHub rejects longer PR bodies; keep a margin for bots that append a line. */
export const MARKDOWN_LIMIT = 65_000;

const cell = (s: string) => s.replace(/\|/g, '\\|');
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A code span that survives backticks inside. */
function code(s: string): string {
  if (!s.includes('`')) return `\`${s}\``;
  const longest = Math.max(...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${s} ${fence}`;
}

function fenced(body: string, lang: string): string {
  const runs = body.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${fence}${lang}\n${body.endsWith('\n') ? body : body + '\n'}${fence}\n`;
}

/** Shell-quotes an argument when needed, for the reproduce line. */
function shellArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function diffStat(diff: string): string {
  let add = 0;
  let del = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ') || line.startsWith('--- ')) continue;
    if (line.startsWith('+')) add++;
    else if (line.startsWith('-')) del++;
  }
  return `+${add} −${del}`;
}

export function markdown(results: readonly FileReport[], options: ReportOptions): string {
  const sum = summarize(results);
  const changed = results.filter((r) => r.status === 'changed');
  const withNotes = results.filter((r) => r.changes.length || r.advice.length);
  const errors = results.filter((r) => r.error);
  const verb = options.mode === 'write' ? 'changed' : 'would change';
  const total = results.length;

  // The tail always fits: reproduce line and meta comment.
  const reproArgs = ['npx', `dockerfix@${options.version}`, '-t', options.transforms.join(',')];
  if (options.unsafe) reproArgs.push('--unsafe');
  reproArgs.push(...(options.reproduce?.flags ?? []), ...(options.reproduce?.paths ?? []));
  const meta: Record<string, unknown> = {
    version: options.version,
    transforms: options.transforms,
    unsafe: options.unsafe,
    summary: sum,
    files: changed.map((r) => r.path),
  };
  const companions = changed.flatMap((r) => (r.companions ?? []).map((c) => c.path));
  if (companions.length) meta.companions = companions;
  let metaJson = JSON.stringify(meta);
  if (metaJson.length > 8000) metaJson = JSON.stringify({ ...meta, files: undefined, filesOmitted: changed.length });
  const safeMeta = metaJson.replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  const tail = `\n---\n\nReproduce with ${code(reproArgs.map(shellArg).join(' '))}.\n\n<!-- dockerfix-meta ${safeMeta} -->\n`;

  const budget = MARKDOWN_LIMIT - tail.length;
  let out = `## dockerfix: Dockerfiles rewritten for BuildKit's cache\n\n`;
  out += `dockerfix ${options.version} ${verb} **${sum.changed}** of ${total} Dockerfile${total === 1 ? '' : 's'}`;
  out += sum.errors ? `; **${sum.errors}** could not be processed.\n` : '.\n';

  // Table of files × transforms that changed something.
  const ids = options.transforms.filter((id) => changed.some((r) => r.changes.some((c) => c.transform === id)));
  const verified = results.some((r) => r.verify);
  if (changed.length && ids.length) {
    out += `\n| File | ${ids.map((id) => code(id)).join(' | ')} |${verified ? ' Verified |' : ''}\n|---|${ids.map(() => ':-:').join('|')}|${verified ? ':-:|' : ''}\n`;
    let shown = 0;
    for (const r of changed) {
      const row = `| ${cell(code(r.path))} | ${ids.map((id) => r.changes.filter((c) => c.transform === id).length || '').join(' | ')} |${verified ? ` ${cell(r.verify ? r.verify.verdict : '')} |` : ''}\n`;
      if (out.length + row.length > budget / 4) break;
      out += row;
      shown++;
    }
    if (shown < changed.length) out += `\n_…and ${changed.length - shown} more files, not listed to keep this under GitHub's size limit._\n`;
  }

  // Notes: every change's explanation and every piece of advice.
  if (withNotes.length) {
    out += `\n### Notes\n`;
    let left = withNotes.reduce((n, r) => n + r.changes.length + r.advice.length, 0);
    let truncated = false;
    for (const r of withNotes) {
      let block = `\n**${code(r.path)}**\n\n`;
      const items = [
        ...r.changes.map((c) => `- Line ${c.line}, ${code(c.transform)}: ${c.message}\n`),
        ...(r.companions ?? []).map((c) => `- Also ${c.created ? 'creates' : 'edits'} ${code(c.path)}: adds ${c.append.map(code).join(', ')} (written together with the Dockerfile).\n`),
        ...r.advice.map((a) => `- Line ${a.line}, ${code(a.transform)} (advice, not applied): ${a.message}\n`),
      ];
      let added = 0;
      for (const item of items) {
        if (out.length + block.length + item.length > (budget * 2) / 3) break;
        block += item;
        added++;
      }
      if (added === 0) {
        truncated = true;
        break;
      }
      out += block;
      left -= added;
      if (added < items.length) {
        truncated = true;
        break;
      }
    }
    if (truncated) out += `\n_…and ${left} more notes, left out to keep this under GitHub's size limit._\n`;
  }

  // The cache-impact estimate: a table per changed file (src/model/impact.ts).
  const withImpact = changed.filter((r) => r.impact?.length);
  if (withImpact.length) {
    out += `\n### Cache impact\n\nBuild steps (RUN, COPY, ADD, WORKDIR) that re-run after each everyday edit, before and after this change, estimated from the Dockerfile (a range: a \`COPY --from\` re-runs only when the files it copies changed).\n`;
    let shown = 0;
    for (const r of withImpact) {
      const block = `\n**${code(r.path)}**\n\n${impactTable(r.impact!, code)}`;
      if (out.length + block.length > (budget * 2) / 3) break;
      out += block;
      shown++;
    }
    if (shown < withImpact.length) out += `\n_…and ${withImpact.length - shown} more files, left out to keep this under GitHub's size limit._\n`;
  }

  if (errors.length) {
    out += `\n### Errors\n\n`;
    for (const r of errors) {
      const line = `- ${code(r.path)}: ${code(r.error!.code)} ${r.error!.message}\n`;
      if (out.length + line.length > (budget * 3) / 4) {
        out += `- …and more.\n`;
        break;
      }
      out += line;
    }
  }

  // Diffs, one per file, as long as they fit.
  const withDiff = changed.filter((r) => r.diff);
  if (withDiff.length) {
    out += `\n### Diffs\n`;
    let omitted = 0;
    for (const r of withDiff) {
      for (const [path, diff] of [[r.path, r.diff!], ...(r.companions ?? []).map((c) => [c.path, c.diff])]) {
        const shown = diff.replace(/\r$/gm, '');
        const block = `\n<details>\n<summary><code>${html(path)}</code> (${diffStat(shown)})</summary>\n\n${fenced(shown, 'diff')}\n</details>\n`;
        if (out.length + block.length <= budget) out += block;
        else omitted++;
      }
    }
    if (omitted) out += `\n_${omitted} diff${omitted === 1 ? '' : 's'} left out to keep this under GitHub's size limit; run the command below to see ${omitted === 1 ? 'it' : 'them'}._\n`;
  }

  if (out.length > budget) out = out.slice(0, budget - 40) + '\n\n_…cut at GitHub\'s size limit._\n';
  return out + tail;
}
