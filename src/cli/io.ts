/**
 * Reading and writing Dockerfiles safely. Every failure is a {@link DockerfixError} with a
 * code, for that file only: the CLI reports it and goes on with the other files.
 *
 * Reading refuses, before the engine sees anything: a missing path, something that is not
 * a regular file, more than 1 MiB (checked with `stat` before reading), unreadable files,
 * binary files (a NUL byte in the first 8 KiB) and text that is not UTF-8.
 *
 * Writing is atomic: the new text goes to a temporary file in the same folder
 * (`.<name>.dockerfix-<random>`), gets the original's mode, and is renamed over the
 * original. Writability of the file and the folder is checked first, and the file is
 * re-read to make sure nobody changed it meanwhile. On any failure the temporary file is
 * removed and the original is left as it was. A symbolic link is written through: its
 * target gets the new text and the link stays a link. A Dockerfile and its companion files
 * (a `.dockerignore` a fix edits or creates) are written as one change: both or neither
 * (`writeAllAtomic`).
 */
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DockerfixError } from '../core/errors.js';

export const MAX_BYTES = 1024 * 1024;
const BINARY_SNIFF = 8 * 1024;

/** The file operations writes go through; tests swap some of them to inject faults. */
export interface WriteFs {
  access: typeof fsp.access;
  stat: typeof fsp.stat;
  readFile: typeof fsp.readFile;
  open: typeof fsp.open;
  chmod: typeof fsp.chmod;
  chown: typeof fsp.chown;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
}

const REAL_FS: WriteFs = {
  access: fsp.access,
  stat: fsp.stat,
  readFile: fsp.readFile,
  open: fsp.open,
  chmod: fsp.chmod,
  chown: fsp.chown,
  rename: fsp.rename,
  rm: fsp.rm,
};

export function writeFs(overrides?: Partial<WriteFs>): WriteFs {
  return { ...REAL_FS, ...overrides };
}

const mib = (n: number) => `${(n / MAX_BYTES).toFixed(1)} MiB`;

function osReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EPERM':
      return 'operation not permitted';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOSPC':
      return 'no space left on device';
    default:
      if (!err.code) return String(err.message ?? err);
      return err.message?.startsWith(err.code) ? err.message : `${err.code}: ${err.message}`;
  }
}

/** Turns bytes into text, or says why they are not UTF-8 text. The BOM is kept: the engine handles it. */
export function decodeText(buf: Buffer): string | DockerfixError {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    return new DockerfixError('E_ENCODING', 'not UTF-8 text (UTF-16 byte order mark); convert the file to UTF-8');
  }
  const nul = buf.subarray(0, BINARY_SNIFF).indexOf(0);
  if (nul !== -1) return new DockerfixError('E_BINARY', `binary file (NUL byte at offset ${nul})`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return new DockerfixError('E_ENCODING', 'not UTF-8 text');
  }
}

export interface ReadResult {
  text: string;
  /** The bytes as read, to detect a change on disk before writing. */
  bytes: Buffer;
}

export async function readDockerfile(path: string): Promise<ReadResult | DockerfixError> {
  let st;
  try {
    st = await fsp.stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'E_NOT_FOUND' : 'E_READ';
    return new DockerfixError(code, osReason(e), { path, cause: e });
  }
  if (st.isDirectory()) return new DockerfixError('E_READ', 'is a directory', { path });
  if (!st.isFile()) return new DockerfixError('E_READ', 'not a regular file', { path });
  if (st.size > MAX_BYTES) return new DockerfixError('E_TOO_LARGE', `file is ${mib(st.size)}, over the 1 MiB limit`, { path });
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(path);
  } catch (e) {
    return new DockerfixError('E_READ', `cannot read: ${osReason(e)}`, { path, cause: e });
  }
  if (bytes.length > MAX_BYTES) return new DockerfixError('E_TOO_LARGE', `file is ${mib(bytes.length)}, over the 1 MiB limit`, { path });
  const text = decodeText(bytes);
  if (text instanceof DockerfixError) return new DockerfixError(text.code, text.message, { path });
  return { text, bytes };
}

/** Reads all of standard input, refusing more than 1 MiB. */
export async function readStdin(stream: AsyncIterable<Buffer | string>): Promise<ReadResult | DockerfixError> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_BYTES) return new DockerfixError('E_TOO_LARGE', 'standard input is over the 1 MiB limit');
    chunks.push(b);
  }
  const bytes = Buffer.concat(chunks);
  const text = decodeText(bytes);
  return text instanceof DockerfixError ? text : { text, bytes };
}

/**
 * Replaces `path` with `text` atomically. `expected` is what the file held when it was
 * read: if it changed since, nothing is written. Returns null on success.
 */
export async function writeAtomic(path: string, text: string, expected: Buffer, fs: WriteFs = REAL_FS): Promise<DockerfixError | null> {
  return writeAllAtomic([{ path, text, expected }], fs);
}

/** One file of a group write: `expected` null means the file must not exist yet (it is created). */
export interface PlannedWrite {
  path: string;
  text: string;
  expected: Buffer | null;
}

interface Prepared {
  /** Where the text goes (a symbolic link resolved). */
  target: string;
  tmp: string;
  /** Bytes to put back if a later file of the group fails; null: the file was created, remove it. */
  restore: Buffer | null;
  mode: number;
}

/**
 * Writes several files as one change, both or neither: every file is checked and its new
 * text written to a temporary file first (nothing visible changes until all of them are
 * ready), then they are renamed into place in order; if a rename fails, the files already
 * renamed get their old bytes back (or are removed when they were created) and the error
 * is returned. The Dockerfile goes last, so a failure leaves it as it was.
 */
export async function writeAllAtomic(writes: readonly PlannedWrite[], fs: WriteFs = REAL_FS): Promise<DockerfixError | null> {
  const prepared: Prepared[] = [];
  const abort = async () => {
    for (const p of prepared) await fs.rm(p.tmp, { force: true }).catch(() => undefined);
  };
  for (const w of writes) {
    const r = await prepareWrite(w, fs);
    if (r instanceof DockerfixError) {
      await abort();
      return r;
    }
    prepared.push(r);
  }
  const done: Prepared[] = [];
  for (const [k, p] of prepared.entries()) {
    try {
      if (p.restore === null && (await exists(p.target))) throw Object.assign(new Error('the file appeared while dockerfix ran'), { code: 'EEXIST' });
      await fs.rename(p.tmp, p.target);
      done.push(p);
    } catch (e) {
      await abort();
      for (const d of done.reverse()) await undo(d, fs);
      const also = done.length ? `; ${done.map((d) => basename(d.target)).join(', ')} ${done.length === 1 ? 'was' : 'were'} put back as ${done.length === 1 ? 'it was' : 'they were'}` : '';
      return new DockerfixError('E_WRITE', `cannot write${k === prepared.length - 1 ? '' : ` ${basename(p.target)}`}: ${osReason(e)}; the file${writes.length > 1 ? 's were' : ' was'} left unchanged${also}`, { path: writes[k].path, cause: e });
    }
  }
  return null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await fsp.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Puts a renamed file back: its old bytes through another temporary file, or removes a created one. */
async function undo(p: Prepared, fs: WriteFs): Promise<void> {
  if (p.restore === null) {
    await fs.rm(p.target, { force: true }).catch(() => undefined);
    return;
  }
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  const tmp = join(dirname(p.target), `.${basename(p.target)}.dockerfix-${randomBytes(6).toString('hex')}`);
  try {
    const fh = await fs.open(tmp, 'wx', p.mode & 0o777);
    try {
      await fh.writeFile(p.restore);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.chmod(tmp, p.mode & 0o7777);
    await fs.rename(tmp, p.target);
  } catch {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

async function prepareWrite(w: PlannedWrite, fs: WriteFs): Promise<Prepared | DockerfixError> {
  let path = w.path;
  const fail = (message: string, cause?: unknown) => new DockerfixError('E_WRITE', message, { path: w.path, cause });
  const creating = w.expected === null;
  if (creating) {
    if (await exists(path)) return fail(`cannot create ${basename(path)}: it appeared while dockerfix ran; nothing was written, run dockerfix again`);
  } else {
    // Write through a symbolic link, not over it: renaming onto the link would replace it with a file.
    try {
      path = await fsp.realpath(path);
    } catch (e) {
      return fail(`cannot write: ${osReason(e)}`, e);
    }
  }
  const dir = dirname(path);
  if (!creating) {
    try {
      await fs.access(path, constants.W_OK);
    } catch (e) {
      return fail(`cannot write: the file is read-only (${osReason(e)})`, e);
    }
  }
  try {
    await fs.access(dir, constants.W_OK);
  } catch (e) {
    return fail(`cannot write: the folder is read-only (${osReason(e)})`, e);
  }
  let st: { mode: number; uid: number; gid: number } | null = null;
  if (!creating) {
    try {
      st = await fs.stat(path);
      const now = await fs.readFile(path);
      if (!now.equals(w.expected!)) return fail('the file changed on disk while dockerfix ran; nothing was written, run dockerfix again');
    } catch (e) {
      return fail(`cannot write: ${osReason(e)}`, e);
    }
  }

  // node:crypto is loaded here, not imported: it costs about 5 ms of start-up, and only writes need it.
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  const tmp = join(dir, `.${basename(path)}.dockerfix-${randomBytes(6).toString('hex')}`);
  let created = false;
  try {
    // A new file gets the usual 0666 minus the umask; a replaced one keeps its mode.
    const fh = await fs.open(tmp, 'wx', st ? st.mode & 0o777 : 0o666);
    created = true;
    try {
      await fh.writeFile(w.text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (st) {
      // The mode given to open() is masked by the umask; set it exactly.
      await fs.chmod(tmp, st.mode & 0o7777);
      if (typeof process.getuid === 'function' && process.getuid() === 0 && (st.uid !== 0 || st.gid !== 0)) {
        // Running as root over someone's file: keep the owner (best effort).
        await fs.chown(tmp, st.uid, st.gid).catch(() => undefined);
      }
    }
    return { target: path, tmp, restore: w.expected, mode: st?.mode ?? 0o644 };
  } catch (e) {
    if (created) await fs.rm(tmp, { force: true }).catch(() => undefined);
    return fail(`cannot write: ${osReason(e)}; the file was left unchanged`, e);
  }
}
