/**
 * Builds `src/data/debian-paths.ts`: where Debian packages put files, for the folders
 * applications are usually copied into (docs/reorder-and-args.md, "Where Debian packages write").
 *
 *     node --import ./test/helpers/ts-register.mjs scripts/debian-paths.ts [--mirror URL] [--releases bookworm,trixie,bullseye] [--arch amd64,arm64] [--work DIR]
 *
 * Two steps, so that the table can be checked offline:
 *
 * 1. Fetch (network, apt): with a private apt state (`Dir::State::Lists`, `Dir::Etc::SourceList`
 *    and `Dir::Cache` under `--work`, so the machine's own apt state is left alone), `apt-get
 *    update` fetches each release's signed `InRelease` and its `main/Contents-<arch>` and
 *    `Packages` indices (apt checks them against the signed hashes); `apt-get download` fetches
 *    base-files and the web servers whose maintainer scripts write into the web root, and
 *    `dpkg-deb` lists their folders and extracts their scripts. The mirror is the one the
 *    machine's apt sources name for Debian (or `--mirror`).
 * 2. Reduce and build (pure): the indices are reduced to a *sample*, one real index line per
 *    table entry (`test/data/debian-paths-sample.txt`), and the table is built from the sample
 *    alone. `test/data/debian-paths.test.ts` rebuilds the table from the checked-in sample and
 *    requires it to equal the shipped one.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

// ───────────────────────────── what the table covers ─────────────────────────────

/**
 * The folders whose children the table lists. A path below one of them whose next name is not
 * listed is a place no Debian package writes; anything else counts as written (conservative).
 * `/usr/local` is not covered: packages may not ship files there, but maintainer scripts create
 * folders in it (base-files, python3, ca-certificates, fonts) and some read it.
 */
export const COVERED = ['/', '/usr', '/usr/src', '/opt', '/home', '/srv', '/var', '/var/www'] as const;

/** The web root: maintainer scripts of web servers create and read files here (not in the Contents index). */
export const WEB_ROOT = '/var/www';

/**
 * Facts about maintainer scripts, checked against the downloaded packages at every run: the
 * generator fails if a script no longer matches. `claims` are folders the script creates or
 * writes. Found by reading the scripts of Debian's web servers (`apt-get download`, `dpkg-deb -e`,
 * `grep /var/www`), bookworm and trixie.
 */
export const SCRIPT_FACTS: { package: string; script: string; match: string; claims: string[] }[] = [
  { package: 'base-files', script: 'postinst', match: 'install_directory var/opt', claims: ['/var/opt'] },
  { package: 'base-files', script: 'postinst', match: 'install_directory var/mail', claims: ['/var/mail'] },
  { package: 'base-files', script: 'postinst', match: 'install_local_dir /usr/local$', claims: ['/usr/local'] },
  { package: 'apache2', script: 'postinst', match: String.raw`cp \S+ /var/www/html/index`, claims: [WEB_ROOT] },
  { package: 'nginx-common', script: 'postinst', match: String.raw`cp \S+ /var/www/html/index`, claims: [WEB_ROOT] },
  { package: 'lighttpd', script: 'postinst', match: String.raw`cp \S+ /var/www/html/index`, claims: [WEB_ROOT] },
  { package: 'mini-httpd', script: 'postinst', match: String.raw`cp \S+ /var/www/html/index`, claims: [WEB_ROOT] },
];

/** Packages whose folder listing (`dpkg-deb -c`) is read: empty folders are not in the Contents index. */
export const LISTED_PACKAGES = ['base-files', 'apache2', 'nginx-common', 'lighttpd', 'mini-httpd'];

// ───────────────────────────── the sample (the table's only input) ─────────────────────────────

export interface SourceInfo {
  release: string;
  /**
   * Index files as the signed InRelease lists them: path, size and SHA-256. `fetched` is set
   * when apt refused the mirror's file (it did not match InRelease, e.g. a mirror caught
   * mid-sync) and the file was read anyway: its own size and SHA-256, unverified.
   */
  files: { path: string; size: number; sha256: string; fetched?: { size: number; sha256: string } }[];
  date: string;
  inReleaseSha256: string;
}

export interface Sample {
  sources: SourceInfo[];
  /** One real index line per (covered folder, child): `release arch line`. */
  contents: { release: string; arch: string; line: string }[];
  /** Folders a listed package ships (`dpkg-deb -c`), under covered folders. */
  dirs: { release: string; pkg: string; version: string; path: string }[];
  /** Script lines matching a fact. */
  scripts: { release: string; pkg: string; version: string; script: string; lineNo: number; line: string }[];
  /** Package relations of the packages that pull a web-root writer in: `release pkg field: value`. */
  relations: { release: string; pkg: string; field: string; value: string }[];
}

/** A Contents line: path, whitespace, comma-separated `section/package` list. */
export function splitContentsLine(line: string): { path: string; packages: string[] } | null {
  const cut = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
  if (cut <= 0) return null;
  const path = line.slice(0, cut).trimEnd();
  const pk = line.slice(cut + 1);
  if (!path || !pk) return null;
  return { path, packages: pk.split(',').map((p) => p.slice(p.lastIndexOf('/') + 1)) };
}

/** The (covered folder, child) entries a path gives: `usr/src/x/y` gives (/, usr), (/usr, src), (/usr/src, x). */
export function entriesOf(path: string): [string, string][] {
  const segs = path.replace(/^\.?\/+/, '').replace(/\/+$/, '').split('/').filter(Boolean);
  const out: [string, string][] = [];
  let parent = '/';
  for (const s of segs) {
    if (!(COVERED as readonly string[]).includes(parent)) break;
    out.push([parent, s]);
    parent = parent === '/' ? '/' + s : parent + '/' + s;
  }
  return out;
}

const key = (p: string, c: string) => `${p}\0${c}`;

/** Reduces one Contents index to its first line per entry (entries already `seen` are skipped). */
export class ContentsReducer {
  readonly seen = new Set<string>();
  readonly kept: Sample['contents'] = [];
  /** Packages shipping files under the web root, per release. */
  readonly webRootPackages = new Map<string, Set<string>>();
  add(release: string, arch: string, line: string): void {
    const s = splitContentsLine(line);
    if (!s) return;
    let fresh = false;
    for (const [p, c] of entriesOf(s.path)) {
      const k = key(p, c);
      if (!this.seen.has(k)) {
        this.seen.add(k);
        fresh = true;
      }
    }
    if (('/' + s.path).startsWith(WEB_ROOT + '/')) {
      const set = this.webRootPackages.get(release) ?? new Set<string>();
      for (const p of s.packages) set.add(p);
      this.webRootPackages.set(release, set);
      fresh = true; // every such line is evidence
    }
    if (fresh) this.kept.push({ release, arch, line });
  }
}

/** Package relations: `a (>= 1) | b, c:any` → [a, b, c]. */
export function relationNames(value: string): string[] {
  return value
    .split(/[,|]/)
    .map((x) => x.trim().replace(/\s*\(.*$/, '').replace(/\s*\[.*$/, '').replace(/\s*<.*$/, '').replace(/:\w+$/, ''))
    .filter(Boolean);
}

/**
 * The packages whose installation may pull in a web-root writer (the writers included):
 * the least set closed under Depends, Pre-Depends and Recommends (apt installs recommended
 * packages by default), any alternative, virtual packages through Provides.
 */
export function pullers(writers: Iterable<string>, relations: Sample['relations']): Set<string> {
  return new Set(pullersWhy(writers, relations).keys());
}

/**
 * {@link pullers}, with the one relation that brought each package in (none for a writer), in
 * the order they joined: enough to recompute the set from those relations alone.
 */
export function pullersWhy(writers: Iterable<string>, relations: Sample['relations']): Map<string, Sample['relations']> {
  const deps = new Map<string, { name: string; rel: Sample['relations'][number] }[]>();
  const provides = new Map<string, Sample['relations']>(); // virtual → Provides records
  for (const r of relations) {
    if (r.field === 'Provides') {
      for (const v of relationNames(r.value)) {
        const list = provides.get(v) ?? [];
        list.push(r);
        provides.set(v, list);
      }
    } else {
      const list = deps.get(r.pkg) ?? [];
      for (const n of relationNames(r.value)) list.push({ name: n, rel: r });
      deps.set(r.pkg, list);
    }
  }
  const why = new Map<string, Sample['relations']>();
  for (const w of writers) why.set(w, []);
  const via = (n: string): Sample['relations'] | null => {
    if (why.has(n)) return [];
    const p = (provides.get(n) ?? []).find((r) => why.has(r.pkg));
    return p ? [p] : null;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [pkg, list] of deps) {
      if (why.has(pkg)) continue;
      for (const { name, rel } of list) {
        const v = via(name);
        if (v === null) continue;
        why.set(pkg, [{ ...rel, value: name }, ...v]);
        changed = true;
        break;
      }
    }
  }
  return why;
}

export interface DebianPathsTable {
  sources: SourceInfo[];
  /** Covered folder → the names directly below it that some package ships or a listed script creates. */
  children: Record<string, string[]>;
  webRoot: {
    path: string;
    /** Packages that create files in the web root (maintainer scripts, shipped files). */
    writers: string[];
    /** Packages whose installation may install a writer (writers included). */
    pullers: string[];
  };
}

/** The table, from the sample alone (pure, deterministic). */
export function buildTable(sample: Sample): DebianPathsTable {
  const children = new Map<string, Set<string>>(COVERED.map((c) => [c, new Set<string>()]));
  // What lies in the web root is the writers' business, not every package's.
  const addPath = (p: string) => {
    for (const [parent, child] of entriesOf(p)) if (!(parent + '/').startsWith(WEB_ROOT + '/')) children.get(parent)!.add(child);
  };
  const writers = new Set<string>();
  for (const c of sample.contents) {
    const s = splitContentsLine(c.line);
    if (!s) continue;
    addPath(s.path);
    if (('/' + s.path).startsWith(WEB_ROOT + '/')) for (const p of s.packages) writers.add(p);
  }
  for (const d of sample.dirs) {
    addPath(d.path);
    if (('/' + d.path.replace(/^\.?\/+/, '')).startsWith(WEB_ROOT + '/')) writers.add(d.pkg);
  }
  for (const s of sample.scripts) {
    const fact = SCRIPT_FACTS.find((f) => f.package === s.pkg && f.script === s.script && new RegExp(f.match).test(s.line));
    if (!fact) continue;
    for (const c of fact.claims) {
      addPath(c);
      if (c === WEB_ROOT) writers.add(s.pkg);
    }
  }
  const pull = pullers(writers, sample.relations);
  const sorted = (s: Iterable<string>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    sources: sample.sources,
    children: Object.fromEntries(COVERED.map((c) => [c, sorted(children.get(c)!)])),
    webRoot: { path: WEB_ROOT, writers: sorted(writers), pullers: sorted(pull) },
  };
}

// Sample file format: one record per line, tab-separated, `#` comments.
//   source  <release>  <date>  <InRelease sha256>  <path>:<size>:<sha256>[ ...]
//   contents  <release>  <arch>  <index line>
//   dir  <release>  <package>  <version>  <path>
//   script  <release>  <package>  <version>  <script>:<line number>  <line>
//   rel  <release>  <package>  <field>  <value>

export function renderSample(s: Sample): string {
  const out = [
    '# The lines of Debian\'s indices that src/data/debian-paths.ts is built from (scripts/debian-paths.ts).',
    '# Generated; do not edit. Each record is a real line of the index or file it names.',
  ];
  for (const x of s.sources) out.push(['source', x.release, x.date, x.inReleaseSha256, x.files.map((f) => `${f.path}:${f.size}:${f.sha256}` + (f.fetched ? `:${f.fetched.size}:${f.fetched.sha256}` : '')).join(' ')].join('\t'));
  for (const x of s.contents) out.push(['contents', x.release, x.arch, x.line].join('\t'));
  for (const x of s.dirs) out.push(['dir', x.release, x.pkg, x.version, x.path].join('\t'));
  for (const x of s.scripts) out.push(['script', x.release, x.pkg, x.version, `${x.script}:${x.lineNo}`, x.line].join('\t'));
  for (const x of s.relations) out.push(['rel', x.release, x.pkg, x.field, x.value].join('\t'));
  return out.join('\n') + '\n';
}

export function parseSample(text: string): Sample {
  const s: Sample = { sources: [], contents: [], dirs: [], scripts: [], relations: [] };
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    switch (f[0]) {
      case 'source':
        s.sources.push({
          release: f[1],
          date: f[2],
          inReleaseSha256: f[3],
          files: f[4].split(' ').map((x) => {
            const [path, size, sha256, fSize, fSha] = x.split(':');
            return fSha ? { path, size: Number(size), sha256, fetched: { size: Number(fSize), sha256: fSha } } : { path, size: Number(size), sha256 };
          }),
        });
        break;
      case 'contents':
        s.contents.push({ release: f[1], arch: f[2], line: f.slice(3).join('\t') });
        break;
      case 'dir':
        s.dirs.push({ release: f[1], pkg: f[2], version: f[3], path: f[4] });
        break;
      case 'script': {
        const [script, n] = f[4].split(':');
        s.scripts.push({ release: f[1], pkg: f[2], version: f[3], script, lineNo: Number(n), line: f.slice(5).join('\t') });
        break;
      }
      case 'rel':
        s.relations.push({ release: f[1], pkg: f[2], field: f[3], value: f.slice(4).join('\t') });
        break;
      default:
        throw new Error(`debian-paths sample: unknown record ${f[0]}`);
    }
  }
  return s;
}

/** The shipped module's text. */
export function renderModule(t: DebianPathsTable): string {
  return `/**
 * Where Debian packages put files, for the folders applications are usually copied into.
 * Generated by scripts/debian-paths.ts from Debian's Contents and Packages indices and the
 * maintainer scripts of base-files and the web servers (sources below); do not edit.
 * Regenerate: node --import ./test/helpers/ts-register.mjs scripts/debian-paths.ts
 * Read by src/model/debian-paths.ts; docs/reorder-and-args.md explains it.
 */
export interface DebianPathsTable {
  /** Per release: the signed InRelease (date, SHA-256) and the index files it lists; \`fetched\`: the file read when the mirror's copy did not match (unverified). */
  sources: { release: string; date: string; inReleaseSha256: string; files: { path: string; size: number; sha256: string; fetched?: { size: number; sha256: string } }[] }[];
  children: Record<string, readonly string[]>;
  webRoot: { path: string; writers: readonly string[]; pullers: readonly string[] };
}

export const DEBIAN_PATHS: DebianPathsTable = ${JSON.stringify(t, null, 1)};
`;
}

// ───────────────────────────── fetching (network, apt) ─────────────────────────────

/** The Debian archive the machine's apt sources name (deb822 `.sources` or one-line `.list`). */
export function mirrorFromAptSources(texts: string[]): string | null {
  for (const text of texts) {
    for (const stanza of text.split(/\n\s*\n/)) {
      const uris = /^URIs:\s*(.+)$/im.exec(stanza)?.[1].trim().split(/\s+/) ?? [];
      const suites = /^Suites:\s*(.+)$/im.exec(stanza)?.[1].trim().split(/\s+/) ?? [];
      if (/^Types:.*\bdeb\b/im.test(stanza) && suites.some((s) => !s.includes('-'))) for (const u of uris) if (/\/debian\/?$/.test(u)) return u.replace(/\/$/, '');
    }
    for (const line of text.split('\n')) {
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line.trim());
      if (m && /\/debian\/?$/.test(m[1]) && !m[2].includes('-')) return m[1].replace(/\/$/, '');
    }
  }
  return null;
}

function aptOptions(work: string, contents = false): string[] {
  const base = [
    `-oDir::State::Lists=${work}/lists`,
    `-oDir::Etc::SourceList=${work}/sources.list`,
    '-oDir::Etc::SourceParts=/dev/null',
    `-oDir::Cache=${work}/cache`,
    '-oDir::State::status=/dev/null',
    '-oAcquire::Languages=none',
    // The mirror's files by their signed hash (dists/…/by-hash/SHA256/…): no mix of two syncs.
    '-oAcquire::By-Hash=force',
    '-oAcquire::IndexTargets::deb::DEP-11::DefaultEnabled=false',
    '-oAcquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false',
    '-oAcquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false',
  ];
  if (!contents) return base;
  return [
    ...base,
    '-oAcquire::IndexTargets::deb::Contents-dockerfix::MetaKey=$(COMPONENT)/Contents-$(ARCHITECTURE)',
    '-oAcquire::IndexTargets::deb::Contents-dockerfix::ShortDescription=Contents-$(ARCHITECTURE)',
    '-oAcquire::IndexTargets::deb::Contents-dockerfix::Description=$(RELEASE)/$(COMPONENT) $(ARCHITECTURE) Contents',
  ];
}

async function eachLine(file: string, fn: (line: string) => void): Promise<void> {
  const child = spawn('/usr/lib/apt/apt-helper', ['cat-file', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of rl) fn(line);
  await new Promise<void>((res, rej) => child.on('close', (code) => (code === 0 ? res() : rej(new Error(`apt-helper cat-file ${file}: ${code}`)))));
}

function inReleaseInfo(release: string, file: string, wanted: string[]): SourceInfo {
  const text = readFileSync(file, 'utf8');
  const date = /^Date:\s*(.+)$/m.exec(text)?.[1].trim() ?? '';
  const sha = text.slice(text.indexOf('\nSHA256:'));
  const files = wanted.map((path) => {
    const m = new RegExp(`^\\s([0-9a-f]{64})\\s+(\\d+)\\s+${path.replace(/[.]/g, '\\.')}$`, 'm').exec(sha);
    if (!m) throw new Error(`${release}: ${path} is not in InRelease`);
    return { path: `dists/${release}/${path}`, size: Number(m[2]), sha256: m[1] };
  });
  return { release, date, inReleaseSha256: createHash('sha256').update(readFileSync(file)).digest('hex'), files };
}

async function fetchSample(mirror: string, releases: string[], arches: string[], workRoot: string): Promise<Sample> {
  const sample: Sample = { sources: [], contents: [], dirs: [], scripts: [], relations: [] };
  const reducer = new ContentsReducer();
  const relations = new Map<string, Sample['relations']>(); // release → all relations
  for (const release of releases) {
    const work = join(workRoot, release);
    mkdirSync(join(work, 'lists/partial'), { recursive: true });
    mkdirSync(join(work, 'cache/archives/partial'), { recursive: true });
    writeFileSync(join(work, 'sources.list'), `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg arch=${arches.join(',')}] ${mirror} ${release} main\n`);
    const apt = aptOptions(work);
    const archOpts = arches.map((a) => `-oAPT::Architectures::=${a}`);
    // InRelease and Packages first (must succeed), then the Contents indices: when apt refuses
    // one of those, it keeps what the first update committed.
    execFileSync('apt-get', [...apt, ...archOpts, 'update'], { stdio: ['ignore', 'inherit', 'inherit'] });
    try {
      execFileSync('apt-get', [...aptOptions(work, true), ...archOpts, 'update'], { stdio: ['ignore', 'inherit', 'inherit'] });
    } catch {
      process.stderr.write(`${release}: apt-get update reported errors; index files apt refused are read unverified below\n`);
    }
    const lists = readdirSync(join(work, 'lists'));
    const inRelease = lists.find((f) => f.endsWith(`_dists_${release}_InRelease`));
    if (!inRelease) throw new Error(`${release}: no InRelease`);
    const indexArches = [...arches, 'all'];
    const wanted = [...indexArches.map((a) => `main/Contents-${a}.gz`), ...arches.map((a) => `main/binary-${a}/Packages.xz`)];
    const info = inReleaseInfo(release, join(work, 'lists', inRelease), wanted);
    sample.sources.push(info);
    for (const a of indexArches) {
      const f = lists.find((x) => x.includes(`_dists_${release}_main_Contents-${a}`));
      let file = f ? join(work, 'lists', f) : null;
      if (!file) {
        // apt refused the file (its hash is not the one InRelease signs): read the mirror's
        // file anyway, check it is a whole gzip stream, and record its own hash.
        file = join(work, `Contents-${a}.gz`);
        execFileSync('/usr/lib/apt/apt-helper', ['download-file', `${mirror}/dists/${release}/main/Contents-${a}.gz`, file], { stdio: ['ignore', 'ignore', 'inherit'] });
        execFileSync('gzip', ['-t', file]);
        const bytes = readFileSync(file);
        const entry = info.files.find((x) => x.path.endsWith(`/main/Contents-${a}.gz`))!;
        entry.fetched = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
        process.stderr.write(`${release}: Contents-${a}.gz read unverified (${entry.fetched.size} bytes, InRelease says ${entry.size})\n`);
      }
      await eachLine(file, (line) => reducer.add(release, a, line));
    }
    const rel: Sample['relations'] = [];
    for (const a of arches) {
      const f = lists.find((x) => x.includes(`_dists_${release}_main_binary-${a}_Packages`));
      if (!f) throw new Error(`${release}: no Packages for ${a}`);
      let pkg = '';
      await eachLine(join(work, 'lists', f), (line) => {
        const m = /^(Package|Depends|Pre-Depends|Recommends|Provides):\s*(.*)$/.exec(line);
        if (!m) return;
        if (m[1] === 'Package') pkg = m[2].trim();
        else rel.push({ release, pkg, field: m[1], value: m[2].trim() });
      });
    }
    relations.set(release, rel);
    // Folder listings and maintainer scripts.
    const debs = join(work, 'debs');
    mkdirSync(debs, { recursive: true });
    const wantedPkgs = [...new Set([...LISTED_PACKAGES, ...SCRIPT_FACTS.map((f) => f.package)])];
    for (const pkg of wantedPkgs) {
      try {
        execFileSync('apt-get', [...apt, ...archOpts, `-oAPT::Architecture=${arches[0]}`, 'download', pkg], { cwd: debs, stdio: ['ignore', 'ignore', 'inherit'] });
      } catch {
        process.stderr.write(`${release}: ${pkg} not available\n`);
        continue;
      }
      const deb = readdirSync(debs).find((f) => f.startsWith(pkg + '_') && f.endsWith('.deb'))!;
      const version = deb.split('_')[1].replace(/%3a/g, ':');
      if (LISTED_PACKAGES.includes(pkg)) {
        const listing = execFileSync('dpkg-deb', ['-c', join(debs, deb)], { encoding: 'utf8' });
        for (const l of listing.split('\n')) {
          if (!l.startsWith('d')) continue;
          const p = l.slice(l.indexOf('./'));
          const segs = p.replace(/^\.\//, '').replace(/\/$/, '');
          // Only folders directly below a covered folder are kept (deeper ones add nothing).
          if (segs && entriesOf(segs).length === segs.split('/').length) sample.dirs.push({ release, pkg, version, path: p });
        }
      }
      const ctl = join(debs, pkg + '.control');
      execFileSync('dpkg-deb', ['-e', join(debs, deb), ctl]);
      for (const fact of SCRIPT_FACTS.filter((f) => f.package === pkg)) {
        const file = join(ctl, fact.script);
        const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
        const n = lines.findIndex((l) => new RegExp(fact.match).test(l));
        if (n === -1) throw new Error(`${release}: ${pkg} ${fact.script} no longer matches ${fact.match}: read it again`);
        sample.scripts.push({ release, pkg, version, script: fact.script, lineNo: n + 1, line: lines[n].trim() });
      }
    }
  }
  sample.contents = reducer.kept;
  // Relations: for each package that pulls a writer in, the one relation (reduced to the name
  // that matters) and the Provides record that brought it in: enough to recompute the set.
  const first = buildTable(sample);
  const why = pullersWhy(first.webRoot.writers, [...relations.values()].flat());
  const seen = new Set<string>();
  sample.relations = [];
  for (const rels of why.values()) {
    for (const r of rels) {
      const k = `${r.release}\t${r.pkg}\t${r.field}\t${r.value}`;
      if (seen.has(k)) continue;
      seen.add(k);
      sample.relations.push(r);
    }
  }
  return sample;
}

async function main(argv: string[]): Promise<void> {
  const opt = (name: string, def: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
  const root = resolve(new URL('..', import.meta.url).pathname);
  const sourcesTexts: string[] = [];
  for (const f of ['/etc/apt/sources.list', ...(existsSync('/etc/apt/sources.list.d') ? readdirSync('/etc/apt/sources.list.d').filter((x) => /\.(list|sources)$/.test(x)).map((x) => join('/etc/apt/sources.list.d', x)) : [])]) {
    if (existsSync(f)) sourcesTexts.push(readFileSync(f, 'utf8'));
  }
  const mirror = argv.includes('--mirror') ? opt('--mirror', '') : mirrorFromAptSources(sourcesTexts);
  if (!mirror && !argv.includes('--from-sample')) throw new Error('no Debian mirror in /etc/apt/sources.list*: pass --mirror URL');
  const releases = opt('--releases', 'bookworm,trixie,bullseye').split(',');
  const arches = opt('--arch', 'amd64,arm64').split(',');
  const work = resolve(opt('--work', join(root, '.scratch/debian-paths')));
  // --from-sample: rebuild the table from the checked-in sample only (offline).
  const sample = argv.includes('--from-sample')
    ? parseSample(readFileSync(join(root, 'test/data/debian-paths-sample.txt'), 'utf8'))
    : await fetchSample(mirror!, releases, arches, work);
  const table = buildTable(sample);
  mkdirSync(join(root, 'test/data'), { recursive: true });
  mkdirSync(join(root, 'src/data'), { recursive: true });
  writeFileSync(join(root, 'test/data/debian-paths-sample.txt'), renderSample(sample));
  writeFileSync(join(root, 'src/data/debian-paths.ts'), renderModule(table));
  process.stdout.write(`mirror ${argv.includes('--from-sample') ? '(sample)' : mirror}; ${releases.join(', ')} × ${arches.join(', ')}, all; ${sample.contents.length} index lines kept; writers ${table.webRoot.writers.join(' ')}; ${table.webRoot.pullers.length} packages pull one in\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
