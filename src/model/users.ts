/**
 * Users and groups a Dockerfile creates (`useradd`, `adduser` in Debian and BusyBox
 * flavours, `groupadd`, `addgroup`), so a cache mount after `USER x` can get x's numeric
 * uid/gid and home (buildkit-semantics.md §3.4). Anything not written literally is unknown.
 */
import type { CommandView } from '../ecosystems/types.js';
import { baseName } from '../ecosystems/util.js';

export interface KnownUser {
  name: string;
  uid: number | null;
  gid: number | null;
  home: string | null;
}

const num = (v: string | null | undefined): number | null => (v !== null && v !== undefined && /^\d+$/.test(v) ? Number(v) : null);

/** Reads `-x value`, `-xvalue`, `--long value`, `--long=value` options; returns positionals. */
function options(args: (string | null)[], valued: string[]): { opts: Map<string, string | null>; pos: (string | null)[]; flags: Set<string> } {
  const opts = new Map<string, string | null>();
  const flags = new Set<string>();
  const pos: (string | null)[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null || !a.startsWith('-') || a === '-') {
      pos.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq !== -1) {
      opts.set(a.slice(0, eq), a.slice(eq + 1));
      continue;
    }
    if (valued.includes(a)) {
      opts.set(a, args[i + 1] ?? null);
      i++;
      continue;
    }
    const short = valued.find((v) => v.length === 2 && a.startsWith(v) && a.length > 2 && !a.startsWith('--'));
    if (short) {
      opts.set(short, a.slice(2));
      continue;
    }
    flags.add(a);
  }
  return { opts, pos, flags };
}

/** `groupadd -g 1001 app`, `addgroup -g 1001 -S app`, `addgroup --gid 1001 app`. */
export function groupFrom(cmd: CommandView): { name: string; gid: number | null } | null {
  const n = baseName(cmd.name);
  if (n !== 'groupadd' && n !== 'addgroup') return null;
  const { opts, pos } = options(cmd.args, ['-g', '--gid', '-K', '--key']);
  // Debian `addgroup user group` adds a user to a group: two positionals.
  if (pos.length !== 1 || pos[0] === null) return null;
  return { name: pos[0], gid: num(opts.get('-g') ?? opts.get('--gid')) };
}

/** `useradd -u 1001 -g app -m app`, `adduser -D -u 1001 app` (BusyBox), `adduser --uid 1001 --disabled-password app` (Debian). */
export function userFrom(cmd: CommandView, groups: Map<string, number | null>): KnownUser | null {
  const n = baseName(cmd.name);
  if (n === 'useradd') {
    const { opts, pos, flags } = options(cmd.args, ['-u', '--uid', '-g', '--gid', '-d', '--home-dir', '--home', '-s', '--shell', '-G', '--groups', '-c', '--comment', '-b', '--base-dir', '-k', '--skel', '-e', '--expiredate', '-f', '--inactive', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix', '-Z', '--selinux-user']);
    const name = pos[pos.length - 1];
    if (!name || pos.length !== 1) return null;
    const g = opts.get('-g') ?? opts.get('--gid');
    const gid = g === undefined ? (groups.has(name) ? groups.get(name)! : null) : (num(g) ?? (g ? (groups.get(g) ?? null) : null));
    const home = opts.get('-d') ?? opts.get('--home-dir') ?? opts.get('--home');
    const base = opts.get('-b') ?? opts.get('--base-dir');
    // Default home: <base-dir>/<name>, base-dir /home (useradd(8), HOME in /etc/default/useradd).
    const defaultHome = flags.has('-r') || flags.has('--system') ? null : `${base ?? '/home'}/${name}`;
    return { name, uid: num(opts.get('-u') ?? opts.get('--uid')), gid, home: home === undefined ? defaultHome : (home ?? null) };
  }
  if (n === 'adduser') {
    const debian = cmd.args.some((a) => a !== null && a.startsWith('--'));
    if (debian) {
      const { opts, pos, flags } = options(cmd.args, ['--uid', '--gid', '--home', '--shell', '--ingroup', '--gecos', '--firstuid', '--lastuid', '--comment']);
      if (pos.length !== 1 || pos[0] === null) return null;
      const name = pos[0];
      const ingroup = opts.get('--ingroup');
      const gid = num(opts.get('--gid')) ?? (ingroup ? (groups.get(ingroup) ?? null) : null);
      const home = opts.get('--home');
      // Debian adduser: normal users get /home/<name>; system users default to /nonexistent.
      const defaultHome = flags.has('--system') ? null : `/home/${name}`;
      return { name, uid: num(opts.get('--uid')), gid, home: home === undefined ? defaultHome : (home ?? null) };
    }
    // BusyBox adduser: -h DIR, -g GECOS, -s SHELL, -G GRP, -S system, -D no password, -H no home, -u UID, -k SKEL.
    const { opts, pos } = options(cmd.args, ['-h', '-g', '-s', '-G', '-u', '-k']);
    if (pos.length !== 1 || pos[0] === null) return null;
    const name = pos[0];
    const grp = opts.get('-G');
    return { name, uid: num(opts.get('-u')), gid: grp ? (groups.get(grp) ?? null) : null, home: opts.get('-h') ?? `/home/${name}` };
  }
  return null;
}
