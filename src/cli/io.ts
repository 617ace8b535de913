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
 * target gets the new text and the link stays a link.
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
  const fail = (message: string, cause?: unknown) => new DockerfixError('E_WRITE', message, { path, cause });
  // Write through a symbolic link, not over it: renaming onto the link would replace it with a file.
  try {
    path = await fsp.realpath(path);
  } catch (e) {
    return fail(`cannot write: ${osReason(e)}`, e);
  }
  const dir = dirname(path);
  try {
    await fs.access(path, constants.W_OK);
  } catch (e) {
    return fail(`cannot write: the file is read-only (${osReason(e)})`, e);
  }
  try {
    await fs.access(dir, constants.W_OK);
  } catch (e) {
    return fail(`cannot write: the folder is read-only (${osReason(e)})`, e);
  }
  let st;
  try {
    st = await fs.stat(path);
    const now = await fs.readFile(path);
    if (!now.equals(expected)) return fail('the file changed on disk while dockerfix ran; nothing was written, run dockerfix again');
  } catch (e) {
    return fail(`cannot write: ${osReason(e)}`, e);
  }

  // node:crypto is loaded here, not imported: it costs about 5 ms of start-up, and only writes need it.
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  const tmp = join(dir, `.${basename(path)}.dockerfix-${randomBytes(6).toString('hex')}`);
  let created = false;
  try {
    const fh = await fs.open(tmp, 'wx', st.mode & 0o777);
    created = true;
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    // The mode given to open() is masked by the umask; set it exactly.
    await fs.chmod(tmp, st.mode & 0o7777);
    if (typeof process.getuid === 'function' && process.getuid() === 0 && (st.uid !== 0 || st.gid !== 0)) {
      // Running as root over someone's file: keep the owner (best effort).
      await fs.chown(tmp, st.uid, st.gid).catch(() => undefined);
    }
    await fs.rename(tmp, path);
    return null;
  } catch (e) {
    if (created) await fs.rm(tmp, { force: true }).catch(() => undefined);
    return fail(`cannot write: ${osReason(e)}; the file was left unchanged`, e);
  }
}
