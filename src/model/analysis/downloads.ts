/**
 * Downloads and archives inside a RUN: what curl/wget write ({@link downloadEffect}) and
 * what tar/unzip and friends read and write ({@link archiveEffect}).
 */
import { type CommandContext, type CommandEffect, isFlag } from './command-effect.js';
import { Volatility } from './types.js';
import { addPath, normalizePath } from './paths.js';
import { claimToolPaths } from './tools.js';

export function downloadEffect(name: 'curl' | 'wget', args: (string | null)[], eff: CommandEffect, writeFile: (a: string | null) => void, cx: CommandContext): CommandEffect | null {
  // The file a download saves needs its folder to exist (curl and wget create none): a COPY into
  // that folder may be what created it, so the folder is read.
  const writeArg = (a: string | null) => {
    writeFile(a);
    if (a === null || a === '.' || a === '-') return;
    const p = normalizePath(a, cx.cwd, cx.windows);
    addPath(eff.reads, p === null ? null : p.replace(/\/[^/]*$/, '') || '/');
  };
  eff.volatility = Volatility.Toolchain;
  eff.role = 'the download';
  // Certificates and name resolution; the user's config files (TOOL_PATHS.curl / .wget), not the whole of /root or /home.
  for (const p of ['/etc/ssl', '/etc/pki', '/etc/ca-certificates', '/usr/share/ca-certificates', '/etc/hosts', '/etc/resolv.conf', '/etc/nsswitch.conf', '/etc/wgetrc', '/usr/local/etc']) {
    addPath(eff.reads, p);
  }
  claimToolPaths(name, name, eff, cx);
  let stdoutOnly = true;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === null) {
      // A dynamic URL is fine; a dynamic option is not: be safe, it may name a file.
      const prev = args[k - 1];
      if (prev !== undefined && prev !== null && /^-[a-zA-Z]*[oOPKTd]$|^--(output|output-document|directory-prefix|config|upload-file|data[\w-]*)$/.test(prev)) return null;
      continue;
    }
    if (a.startsWith('@')) return null; // -d @file reads a file
    if (name === 'curl') {
      if (a === '-o' || a === '--output') {
        writeArg(args[++k] ?? null);
        stdoutOnly = false;
      } else if (/^-[a-zA-Z]*O$/.test(a) || a === '--remote-name' || a === '--remote-name-all' || a === '-J' || a === '--output-dir') {
        if (a === '--output-dir') writeArg(args[++k] ?? null);
        else writeArg('.');
        stdoutOnly = false;
      } else if (/^-[a-zA-Z]*o$/.test(a)) {
        writeArg(args[++k] ?? null);
        stdoutOnly = false;
      } else if (a === '-K' || a === '--config' || a === '-T' || a === '--upload-file' || a === '-c' || a === '-b' || a === '--cookie-jar' || a === '--netrc-file' || a === '--cacert' || a === '-E' || a === '--cert' || a === '--key') {
        return null;
      } else if (/^-[a-zA-Z]*$/.test(a) && /[KTcbE]/.test(a.slice(1)) ) {
        return null;
      }
    } else {
      if (a === '-O' || a === '--output-document') {
        const target = args[++k] ?? null;
        if (target !== '-') writeArg(target);
        stdoutOnly = target === '-' && stdoutOnly;
        if (target !== '-') stdoutOnly = false;
      } else if (/^-[a-zA-NP-Z]*O$/.test(a)) {
        // bundled: -qO file
        const target = args[++k] ?? null;
        if (target !== '-') {
          writeArg(target);
          stdoutOnly = false;
        }
      } else if (/^-[a-zA-NP-Z]*O./.test(a)) {
        const target = a.slice(a.indexOf('O') + 1);
        if (target !== '-') {
          writeArg(target);
          stdoutOnly = false;
        }
      } else if (a.startsWith('--output-document=')) {
        const target = a.slice(18);
        if (target !== '-') {
          writeArg(target);
          stdoutOnly = false;
        }
      } else if (a === '-P' || a === '--directory-prefix') {
        writeArg(args[++k] ?? null);
        stdoutOnly = false;
      } else if (a === '-i' || a === '--input-file' || a === '-e' || a === '--execute' || a === '--config' || a === '--load-cookies' || a === '--post-file' || a === '--body-file') {
        return null;
      }
    }
  }
  if (name === 'wget' && stdoutOnly && !args.some((a) => a === '--output-document' || (a !== null && /^-[a-zA-NP-Z]*O/.test(a)) || a?.startsWith('--output-document='))) {
    writeArg('.'); // wget saves into the current folder by default
  }
  return eff;
}

export function archiveEffect(
  name: string,
  args: (string | null)[],
  eff: CommandEffect,
  writeArg: (a: string | null) => void,
  readArg: (a: string | null) => void,
): CommandEffect | null {
  eff.volatility = Volatility.Toolchain;
  eff.role = 'the archive extraction';
  if (name === 'tar') {
    let dir: string | null | undefined;
    let file: string | null | undefined;
    let create = false;
    const operands: (string | null)[] = [];
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (a === null) {
        operands.push(a);
        continue;
      }
      if (a === '-C' || a === '--directory') dir = args[++k] ?? null;
      else if (a.startsWith('--directory=')) dir = a.slice(12);
      else if (a === '-f' || a === '--file') file = args[++k] ?? null;
      else if (a.startsWith('--file=')) file = a.slice(7);
      else if (a.startsWith('--to-command') || a.startsWith('--use-compress-program') || a === '-I' || a.startsWith('--info-script') || a.startsWith('--checkpoint-action') || a === '-F' || a === '-T' || a === '-X' || a.startsWith('--files-from') || a.startsWith('--exclude-from')) return null;
      else if (a.startsWith('--')) {
        if (a === '--create') create = true;
      } else if (a.startsWith('-') || (k === 0 && /^[a-zA-Z]+$/.test(a))) {
        const letters = a.replace(/^-/, '');
        if (letters.includes('c')) create = true;
        if (letters.includes('f')) file = args[++k] ?? null;
        if (letters.includes('C')) dir = args[++k] ?? null;
      } else operands.push(a);
    }
    if (create) {
      if (file === undefined) return null;
      writeArg(file === '-' ? '/dev/stdout' : file);
      for (const o of operands) readArg(o);
      if (dir !== undefined) readArg(dir);
      return eff;
    }
    if (file !== undefined && file !== '-') readArg(file);
    writeArg(dir === undefined ? '.' : dir);
    return eff;
  }
  if (name === 'unzip') {
    const d = args.indexOf('-d');
    const ops = args.filter((a, k) => !isFlag(a) && k !== d + 1 || d === -1 && !isFlag(a));
    if (ops.length === 0) return null;
    readArg(ops[0]);
    writeArg(d === -1 ? '.' : (args[d + 1] ?? null));
    return eff;
  }
  // gzip & co. transform files in place, or stdin to stdout.
  for (const a of args.filter((x) => !isFlag(x))) {
    readArg(a);
    writeArg(a === null ? null : a.replace(/\.(gz|xz|bz2|zst)$/, ''));
    writeArg(a);
  }
  return eff;
}
