/**
 * Minimal tar reader for `docker export` output: lists every member with its
 * type, mode, owner, size, link target and a SHA-256 of its content. Handles
 * ustar, PAX extended headers and GNU long names, which is what Go's
 * archive/tar (used by docker) writes.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

export interface TarEntry {
  /** Absolute path inside the image, no trailing slash (`/` for the root). */
  path: string;
  /** file | dir | symlink | hardlink | char | block | fifo | other:<flag> */
  type: string;
  /** Permission bits incl. setuid/setgid/sticky, as octal string. */
  mode: string;
  uid: number;
  gid: number;
  size: number;
  /** Link target for symlinks and hard links, '' otherwise. */
  link: string;
  /** major,minor for devices, '' otherwise. */
  dev: string;
  /** SHA-256 hex of the content for regular files, '' otherwise. */
  sha256: string;
  /** Set when the content hash skips a non-reproducible header (see hashNormalizer). */
  normalized?: string;
  /**
   * For a hard link to a regular file that came earlier in the archive: that file's
   * path. Such an entry is reported as `type: 'file'` with the target's size and
   * hash, so a hard link compares equal to a copy of the same file (pnpm hard-links
   * node_modules to its store when both are on one file system, and copies when
   * the store is a cache mount). Not compared.
   */
  hardlinkOf?: string;
}

const TYPES: Record<string, string> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
};

function str(b: Buffer, off: number, len: number): string {
  const s = b.subarray(off, off + len);
  const z = s.indexOf(0);
  return (z >= 0 ? s.subarray(0, z) : s).toString('utf8');
}

function num(b: Buffer, off: number, len: number): number {
  const s = b.subarray(off, off + len);
  if (s[0]! & 0x80) {
    // base-256 (GNU) encoding for large values
    let v = s[0]! & 0x7f;
    for (let i = 1; i < s.length; i++) v = v * 256 + s[i]!;
    return v;
  }
  const t = str(b, off, len).trim();
  return t ? parseInt(t, 8) : 0;
}

function normPath(p: string): string {
  let q = p.replace(/^\.\//, '').replace(/\/+$/, '');
  if (q === '.' || q === '') return '/';
  if (!q.startsWith('/')) q = '/' + q;
  return q;
}

function parsePax(data: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const buf = Buffer.from(data, 'utf8');
  while (i < buf.length) {
    const sp = buf.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(buf.subarray(i, sp).toString('ascii'), 10);
    if (!len) break;
    const rec = buf.subarray(sp + 1, i + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/**
 * Some files legitimately differ between two builds of the same Dockerfile even
 * with no cache involved. Those are hashed after stripping the varying part, so
 * the comparison stays byte-exact for everything else:
 * - Python bytecode (`*.pyc`): the 16-byte header holds the source file's mtime
 *   (pip writes installed .py files with the install time); the code after it is
 *   compared exactly.
 * - pnpm's `node_modules/.modules.yaml`: its `prunedAt:` line is the time of the
 *   install; the rest (layout, store dir, hoisting, included deps) is compared.
 */
export function hashNormalizer(path: string): { skip?: number; filter?: (content: Buffer) => Buffer; why: string } | undefined {
  if (path.endsWith('.pyc') && path.includes('/__pycache__/')) {
    return { skip: 16, why: 'pyc header (source mtime) skipped' };
  }
  if (path.endsWith('/node_modules/.modules.yaml')) {
    return {
      filter: (b) => Buffer.from(b.toString('utf8').replace(/^prunedAt: .*\n/m, ''), 'utf8'),
      why: 'pnpm prunedAt line (install time) skipped',
    };
  }
  return undefined;
}

/** Read all members of a tar file. Later members with the same path replace earlier ones. */
export function readTar(file: string): Map<string, TarEntry> {
  const fd = openSync(file, 'r');
  const entries = new Map<string, TarEntry>();
  const header = Buffer.alloc(512);
  const chunk = Buffer.alloc(1 << 20);
  let pos = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;

  const readContent = (size: number): Buffer => {
    const b = Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, b, got, size - got, pos + got);
      if (n <= 0) throw new Error(`unexpected end of tar ${file}`);
      got += n;
    }
    return b;
  };

  try {
    for (;;) {
      const n = readSync(fd, header, 0, 512, pos);
      if (n < 512 || header.every((x) => x === 0)) break;
      pos += 512;
      const flag = String.fromCharCode(header[156]!);
      let size = num(header, 124, 12);
      const padded = Math.ceil(size / 512) * 512;

      if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
        const data = readContent(size).toString('utf8');
        pos += padded;
        if (flag === 'x') pax = { ...pax, ...parsePax(data) };
        else if (flag === 'L') longName = data.replace(/\0+$/, '');
        else if (flag === 'K') longLink = data.replace(/\0+$/, '');
        continue;
      }

      const prefix = str(header, 345, 155);
      let name = str(header, 0, 100);
      if (prefix) name = `${prefix}/${name}`;
      if (longName !== undefined) name = longName;
      if (pax.path !== undefined) name = pax.path;
      let link = str(header, 157, 100);
      if (longLink !== undefined) link = longLink;
      if (pax.linkpath !== undefined) link = pax.linkpath;
      if (pax.size !== undefined) size = Number(pax.size);
      const uid = pax.uid !== undefined ? Number(pax.uid) : num(header, 108, 8);
      const gid = pax.gid !== undefined ? Number(pax.gid) : num(header, 116, 8);
      const mode = (num(header, 100, 8) & 0o7777).toString(8).padStart(4, '0');
      const type = TYPES[flag] ?? `other:${flag}`;
      const path = normPath(name);

      let sha256 = '';
      let normalized: string | undefined;
      if (type === 'file') {
        const h = createHash('sha256');
        const norm = hashNormalizer(path);
        let skip = norm?.skip ? Math.min(norm.skip, size) : 0;
        if (norm) normalized = norm.why;
        const kept: Buffer[] | undefined = norm?.filter ? [] : undefined;
        let left = size;
        let off = pos;
        while (left > 0) {
          const want = Math.min(left, chunk.length);
          const got = readSync(fd, chunk, 0, want, off);
          if (got <= 0) throw new Error(`unexpected end of tar ${file}`);
          const part = chunk.subarray(0, got);
          if (skip >= got) skip -= got;
          else if (kept) kept.push(Buffer.from(part));
          else {
            h.update(part.subarray(skip));
            skip = 0;
          }
          left -= got;
          off += got;
        }
        if (kept) h.update(norm!.filter!(Buffer.concat(kept)));
        sha256 = h.digest('hex');
      }
      pos += type === 'file' || type.startsWith('other') ? padded : 0;

      const target = type === 'hardlink' ? entries.get(normLink(type, link)) : undefined;
      if (target?.type === 'file') {
        entries.set(path, { ...target, path, mode, uid, gid, hardlinkOf: target.path });
        pax = {};
        longName = undefined;
        longLink = undefined;
        continue;
      }

      entries.set(path, {
        path,
        type,
        mode,
        uid,
        gid,
        size: type === 'file' ? size : 0,
        link: type === 'symlink' || type === 'hardlink' ? normLink(type, link) : '',
        dev: type === 'char' || type === 'block' ? `${num(header, 329, 8)},${num(header, 337, 8)}` : '',
        sha256,
        ...(normalized ? { normalized } : {}),
      });
      pax = {};
      longName = undefined;
      longLink = undefined;
    }
  } finally {
    closeSync(fd);
  }
  return entries;
}

function normLink(type: string, link: string): string {
  // Hard link targets are member names (relative to the archive root).
  return type === 'hardlink' ? normPath(link) : link;
}
