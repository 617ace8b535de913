/**
 * Where a Debian package operation may write, from the table `src/data/debian-paths.ts`
 * (generated from Debian's Contents indices by scripts/debian-paths.ts).
 *
 * The table lists, for a few covered folders (`/usr`, `/usr/src`, `/opt`, `/home`, `/var`…),
 * the names directly below them that some package ships or that base-files creates. A name
 * it does not list is a place no Debian package writes (`/usr/src/app`, `/opt/app`,
 * `/home/node/app`); anything outside the covered folders (`/usr/share/…`, `/etc`, `/usr/local`)
 * counts as written. The web root is apart: the maintainer scripts of a few web servers
 * create files there, so it is written only when the operation may install one of them.
 */
import { DEBIAN_PATHS } from '../data/debian-paths.js';

const CHILDREN: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(DEBIAN_PATHS.children));
const PULLERS: ReadonlySet<string> = new Set(DEBIAN_PATHS.webRoot.pullers);

/** The web root (`/var/www`). */
export const DEBIAN_WEB_ROOT = DEBIAN_PATHS.webRoot.path;

const join = (parent: string, child: string) => (parent === '/' ? '/' + child : parent + '/' + child);

function expand(folder: string, out: string[]): void {
  const kids = CHILDREN.get(folder);
  if (kids === undefined) {
    out.push(folder);
    return;
  }
  for (const k of kids) expand(join(folder, k), out);
}

let cache: { key: string; claims: readonly string[] } | null = null;

/**
 * The subtrees a Debian package operation may write (and read), from the system folders it
 * may touch: each covered folder is replaced by the names the table lists below it. Top-level
 * names the table lists that `systemFolders` lacks are added.
 */
export function debianPackageClaims(systemFolders: readonly string[]): readonly string[] {
  const key = systemFolders.join('\0');
  if (cache?.key === key) return cache.claims;
  const out: string[] = [];
  const tops = new Set(systemFolders);
  for (const t of CHILDREN.get('/') ?? []) tops.add('/' + t);
  for (const f of tops) expand(f, out);
  const claims = [...new Set(out)].filter((p) => !p.startsWith(DEBIAN_WEB_ROOT + '/') && p !== DEBIAN_WEB_ROOT);
  cache = { key, claims };
  return claims;
}

/**
 * May installing, removing or reconfiguring these packages run a web server's maintainer
 * script (directly or through Depends, Pre-Depends, Recommends)? A name that is not known
 * (`null`, a glob, a variable) may.
 */
export function mayWriteWebRoot(names: readonly (string | null)[]): boolean {
  for (const raw of names) {
    if (raw === null) return true;
    // `pkg=1.2`, `pkg/bookworm-backports`, `pkg:amd64`, `pkg-` (remove), `pkg+` (install).
    const n = raw.replace(/[=/].*$/, '').replace(/:[a-z0-9-]+$/, '');
    if (!/^[a-z0-9][a-z0-9+.-]*$/.test(n)) return true; // a glob, regex or variable
    if (PULLERS.has(n) || PULLERS.has(n.replace(/[+-]$/, ''))) return true;
  }
  return false;
}

/** Ubuntu release code names, as image tags use them (`eclipse-temurin:21-jammy`, `buildpack-deps:noble`). */
const UBUNTU_CODENAMES = /(^|[-_.])(trusty|xenial|bionic|focal|jammy|kinetic|lunar|mantic|noble|oracular|plucky|questing|ubuntu[0-9.]*)([-_.]|$)/;

/**
 * Is this base image Ubuntu (or built on it), as far as its name tells? The table describes
 * Debian's archive; Ubuntu's is not checked here, so its installs keep the conservative rule.
 * `eclipse-temurin`'s default tags are Ubuntu; `ubuntu/…` are Canonical's images.
 */
export function isUbuntuImage(ref: string): boolean {
  let r = ref.toLowerCase().split('@')[0];
  r = r.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  const slash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  const repo = colon > slash ? r.slice(0, colon) : r;
  const tag = colon > slash ? r.slice(colon + 1) : '';
  const name = repo.slice(repo.lastIndexOf('/') + 1);
  if (name === 'ubuntu' || repo.startsWith('ubuntu/')) return true;
  if (name === 'eclipse-temurin') return !/(alpine|ubi|windows|nanoserver)/.test(tag);
  return UBUNTU_CODENAMES.test(tag);
}
