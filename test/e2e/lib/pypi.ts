/**
 * Local stand-in for PyPI. This machine cannot reach PyPI, so the python sample
 * app installs small packages written for this suite (the `acme-*` names below)
 * from a PEP 503 "simple" index served on 127.0.0.1 while the suite runs. The
 * lab's python:3.11-slim image has `PIP_INDEX_URL` pointing here (see
 * scripts/lab/images/python.Dockerfile); builds use --network=host, so pip in a
 * RUN step reaches it. pip downloads, caches (/root/.cache/pip) and installs
 * exactly as it would from PyPI.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { crc32 } from 'node:zlib';

/** Keep in sync with PYPI_PORT in scripts/lab/setup.sh. */
export const PYPI_PORT = 38765;

interface Pkg {
  name: string; // project name as in requirements.txt
  version: string;
  module: string;
  files: Record<string, string>; // path inside the module dir -> source
}

const PACKAGES: Pkg[] = [
  {
    name: 'acme-settings',
    version: '1.4.0',
    module: 'acme_settings',
    files: {
      '__init__.py': `"""Settings from APP_* environment variables (e2e stand-in package)."""
import os

__version__ = "1.4.0"


def load_settings(defaults=None, prefix="APP_"):
    settings = dict(defaults or {})
    for key, value in os.environ.items():
        if key.startswith(prefix):
            settings[key[len(prefix):].lower()] = value
    return settings
`,
    },
  },
  ...['0.3.1', '0.3.2'].map((version) => ({
    name: 'acme-textutils',
    version,
    module: 'acme_textutils',
    files: {
      '__init__.py': `"""Text helpers (e2e stand-in package)."""
import re

__version__ = "${version}"


def slugify(text, sep="-"):
    text = re.sub(r"[^a-zA-Z0-9]+", sep, text.strip().lower())
    return text.strip(sep)
`,
    },
  })),
];

// --- wheel (zip) writer: stored entries, fixed timestamps, so wheels are reproducible

function zip(files: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const [name, data] of files) {
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(((0o100644 << 16) >>> 0), 38); // external attrs: regular file 0644
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

const b64sha = (b: Buffer) => createHash('sha256').update(b).digest('base64url');

function wheel(p: Pkg): { filename: string; data: Buffer } {
  const dist = `${p.module}-${p.version}`;
  const files: [string, Buffer][] = Object.entries(p.files).map(([f, src]) => [`${p.module}/${f}`, Buffer.from(src)]);
  files.push([
    `${dist}.dist-info/METADATA`,
    Buffer.from(`Metadata-Version: 2.1\nName: ${p.name}\nVersion: ${p.version}\nSummary: dockerfix e2e stand-in package\n`),
  ]);
  files.push([
    `${dist}.dist-info/WHEEL`,
    Buffer.from('Wheel-Version: 1.0\nGenerator: dockerfix-e2e\nRoot-Is-Purelib: true\nTag: py3-none-any\n'),
  ]);
  const record = files.map(([f, d]) => `${f},sha256=${b64sha(d)},${d.length}`).join('\n') + `\n${dist}.dist-info/RECORD,,\n`;
  files.push([`${dist}.dist-info/RECORD`, Buffer.from(record)]);
  return { filename: `${dist}-py3-none-any.whl`, data: zip(files) };
}

const normalize = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');

export interface PypiStandIn {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/**
 * Start the local index on 127.0.0.1:PYPI_PORT. Fails if the port is taken. With
 * DOCKERFIX_E2E_PYPI=shared the index is already served by scripts/e2e-engines.mjs
 * (the engines' suites running at the same time share one, since the lab's python
 * image names a fixed port): then nothing is started and close() does nothing.
 */
export async function startPypi(port = PYPI_PORT): Promise<PypiStandIn> {
  if (process.env.DOCKERFIX_E2E_PYPI === 'shared') {
    return { url: `http://127.0.0.1:${port}/simple/`, requests: [], close: async () => {} };
  }
  const wheels = PACKAGES.map((p) => ({ pkg: p, ...wheel(p) }));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    requests.push(url);
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!DOCTYPE html><html><body>\n${body}</body></html>\n`);
    };
    if (url === '/simple/' || url === '/simple') {
      const names = [...new Set(wheels.map((w) => normalize(w.pkg.name)))];
      return html(names.map((n) => `<a href="/simple/${n}/">${n}</a><br>\n`).join(''));
    }
    let m = /^\/simple\/([^/]+)\/?$/.exec(url);
    if (m) {
      const list = wheels.filter((w) => normalize(w.pkg.name) === normalize(m![1]!));
      if (list.length === 0) {
        res.writeHead(404);
        return res.end('not found\n');
      }
      return html(
        list
          .map((w) => `<a href="/files/${w.filename}#sha256=${createHash('sha256').update(w.data).digest('hex')}">${w.filename}</a><br>\n`)
          .join(''),
      );
    }
    m = /^\/files\/([^/]+)$/.exec(url);
    const w = m && wheels.find((x) => x.filename === m![1]);
    if (w) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': w.data.length });
      return res.end(w.data);
    }
    res.writeHead(404);
    res.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(`local PyPI stand-in cannot listen on 127.0.0.1:${port}: ${e.code ?? e.message}`)),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
