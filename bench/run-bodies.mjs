// Extracts the raw text of shell-form RUN bodies from Dockerfiles, for the shell-parser
// benchmark (bench/shell-parsers.mjs) and the corpus test (test/shell/corpus.test.ts).
//
// This is a deliberately small line-joiner that follows the BuildKit parser's rules
// (see docs/shell-parser.md, "Facts about RUN bodies"), not the project's Dockerfile
// model: it only needs to cut realistic RUN bodies out of real files.
//
// A "raw body" is the exact slice of the (LF-normalized) Dockerfile text that follows
// `RUN` and its `--flags`, up to the end of the instruction's last line (newline
// excluded), with the continuation characters, comment lines and indentation kept.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FLAG_TOKEN = /^--[A-Za-z][\w-]*(=\S*)?/;
const HEREDOC = /<<(-?)[ \t]*(["']?)([A-Za-z0-9_.-]+)\2/g;

/**
 * Does `line` end with a line continuation for `escape`? BuildKit: the escape character,
 * then only spaces/tabs up to the end of the line, not itself escaped.
 */
export function isContinued(line, escape) {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escape) return false;
  return end === 1 || line[end - 2] !== escape;
}

/** Reads the `# escape=` parser directive (default backslash). */
export function escapeOf(text) {
  for (const line of text.split('\n')) {
    const m = /^#\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(.+?)\s*$/.exec(line);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape') return m[2] === '`' ? '`' : '\\';
  }
  return '\\';
}

/**
 * Splits a Dockerfile into instructions, each with its raw [start, end) range (end excludes
 * the final newline) and the logical line BuildKit builds from it.
 */
export function instructions(text, escape = escapeOf(text)) {
  const out = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (n) => {
    const s = lineStarts[n];
    const e = n + 1 < lineStarts.length ? lineStarts[n + 1] - 1 : text.length;
    return { s, e, t: text.slice(s, e) };
  };
  let n = 0;
  while (n < lineStarts.length) {
    const first = lineAt(n++);
    const trimmed = first.t.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const start = first.s + (first.t.length - trimmed.length);
    let end = first.e;
    let logical = trimmed;
    let continued = isContinued(trimmed, escape);
    if (continued) logical = trimmed.replace(/[ \t]*$/, '').slice(0, -1);
    while (continued && n < lineStarts.length) {
      const l = lineAt(n++);
      end = l.e;
      const lt = l.t.trimStart();
      if (lt.startsWith('#') || lt === '') continue;
      continued = isContinued(l.t, escape);
      logical += continued ? l.t.replace(/[ \t]*$/, '').slice(0, -1) : l.t;
    }
    const keyword = /^\S+/.exec(logical)[0].toUpperCase();
    // Heredoc bodies follow the instruction line; skip them.
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      for (const m of logical.matchAll(HEREDOC)) {
        if (logical[m.index - 1] === '<') continue;
        const term = m[3];
        while (n < lineStarts.length) {
          const l = lineAt(n++);
          end = l.e;
          if ((m[1] === '-' ? l.t.replace(/^\t+/, '') : l.t) === term) break;
        }
      }
    }
    out.push({ keyword, start, end, logical });
  }
  return out;
}

function isExecForm(logical) {
  const t = logical.trim();
  if (!t.startsWith('[')) return false;
  try {
    const v = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

/**
 * Shell-form RUN bodies of one Dockerfile. Skips exec form, heredoc RUNs, RUNs after a
 * non-POSIX `SHELL` and files whose escape character is a backtick (Windows images).
 */
export function runBodies(content) {
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const escape = escapeOf(text);
  const bodies = [];
  const skipped = { exec: 0, heredoc: 0, nonPosix: 0 };
  let posix = escape === '\\';
  for (const ins of instructions(text, escape)) {
    if (ins.keyword === 'FROM') {
      posix = escape === '\\' && !/windows|nanoserver|servercore/i.test(ins.logical);
    } else if (ins.keyword === 'SHELL') {
      posix = !/powershell|pwsh|cmd(\.exe)?"/i.test(ins.logical);
    }
    if (ins.keyword !== 'RUN') continue;
    if (!posix) {
      skipped.nonPosix++;
      continue;
    }
    // Skip `RUN` and the flags, keeping raw offsets: walk the raw text token by token.
    let p = ins.start + 3;
    for (;;) {
      // whitespace and continuation line breaks (with dropped comment/empty lines)
      for (;;) {
        const ws = /^[ \t]*/.exec(text.slice(p, p + 200))[0].length;
        p += ws;
        const rest = text.slice(p, text.indexOf('\n', p) === -1 ? text.length : text.indexOf('\n', p));
        if (/^[ \t]*$/.test(rest.slice(1)) && rest[0] === escape && p < ins.end) {
          p += rest.length + 1;
          // dropped lines
          for (;;) {
            const le = text.indexOf('\n', p);
            const line = text.slice(p, le === -1 ? text.length : le);
            const lt = line.trimStart();
            if ((lt === '' || lt.startsWith('#')) && le !== -1 && le < ins.end) p = le + 1;
            else break;
          }
          continue;
        }
        break;
      }
      const eol = text.indexOf('\n', p);
      const line = text.slice(p, eol === -1 || eol > ins.end ? ins.end : eol);
      const m = FLAG_TOKEN.exec(line);
      if (!m) break;
      // `--flag=value\` directly followed by the line continuation
      const cont = isContinued(line, escape) && line.trimEnd().length === m[0].length;
      p += m[0].length - (cont ? 1 : 0);
    }
    const raw = text.slice(p, ins.end);
    if (raw.trim() === '') continue;
    if (isExecForm(ins.logical.replace(/^\S+\s*/, '').replace(/^(--\S+\s+)*/, ''))) {
      skipped.exec++;
      continue;
    }
    if ([...ins.logical.matchAll(HEREDOC)].some((m) => ins.logical[m.index - 1] !== '<')) {
      skipped.heredoc++;
      continue;
    }
    bodies.push({ raw, escape });
  }
  return { bodies, skipped };
}

/** Every Dockerfile under `dir` (names containing "dockerfile" or "containerfile"). */
export function dockerfilesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/dockerfile|containerfile/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** All shell-form RUN bodies of the corpus, in a stable order, with their file. */
export function corpusRunBodies(dir) {
  const all = [];
  const skipped = { exec: 0, heredoc: 0, nonPosix: 0 };
  const files = dockerfilesUnder(dir);
  for (const file of files) {
    const r = runBodies(readFileSync(file, 'utf8'));
    for (const b of r.bodies) all.push({ file, ...b });
    for (const k of Object.keys(skipped)) skipped[k] += r.skipped[k];
  }
  return { files: files.length, bodies: all, skipped };
}

/**
 * The logical text BuildKit builds from a raw body: continuation characters (and the
 * blanks after them) removed, lines joined without a separator, comment lines and
 * blank lines inside the continuation dropped. No offset mapping: src/shell does that.
 */
export function logicalText(raw, escape = '\\') {
  const lines = raw.split('\n');
  let out = '';
  let continued = true;
  for (let i = 0; i < lines.length && continued; i++) {
    const line = lines[i];
    const t = line.trimStart();
    if (i > 0 && (t === '' || t.startsWith('#'))) continue;
    continued = isContinued(line, escape);
    out += continued ? line.replace(/[ \t]*$/, '').slice(0, -1) : line;
  }
  return out;
}
