import { formatCacheMount, parseMount } from '../../src/model/mounts.js';
import { groupFrom, userFrom } from '../../src/model/users.js';

const cmd = (s: string) => {
  const [name, ...args] = s.split(/\s+/);
  return { name, args: args.map((a) => (a.includes("$") ? null : a)) };
};

test('parseMount reads type, target synonyms and options', () => {
  expect(parseMount('type=cache,target=/root/.npm,sharing=locked').target).toBe('/root/.npm');
  expect(parseMount('type=cache,dst=/x').target).toBe('/x');
  expect(parseMount('source=go.sum,target=go.sum').type).toBe('bind');
  expect(parseMount('type=secret,id=npmrc,target=/root/.npmrc').options.get('id')).toBe('npmrc');
  expect(parseMount('"type=cache,target=/a"').target).toBe('/a');
});

test('formatCacheMount', () => {
  expect(formatCacheMount({ target: '/root/.npm' })).toBe('--mount=type=cache,target=/root/.npm');
  expect(formatCacheMount({ target: '/var/cache/apt', sharing: 'locked' })).toBe('--mount=type=cache,target=/var/cache/apt,sharing=locked');
  expect(formatCacheMount({ target: '/pnpm/store', id: 'pnpm' })).toBe('--mount=type=cache,target=/pnpm/store,id=pnpm');
  expect(formatCacheMount({ target: '/home/node/.npm', uid: 1000, gid: 1000 })).toBe('--mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000');
});

test('users created by useradd / adduser', () => {
  const groups = new Map<string, number | null>([['app', 10001]]);
  expect(groupFrom(cmd('groupadd -g 10001 app'))).toEqual({ name: 'app', gid: 10001 });
  expect(groupFrom(cmd('addgroup -S app'))).toEqual({ name: 'app', gid: null });
  expect(userFrom(cmd('useradd -m -u 10001 -g app app'), groups)).toEqual({ name: 'app', uid: 10001, gid: 10001, home: '/home/app' });
  expect(userFrom(cmd('useradd -r -u 999 svc'), new Map())).toEqual({ name: 'svc', uid: 999, gid: null, home: null });
  expect(userFrom(cmd('useradd --uid=1001 --home-dir /srv/app app'), new Map())).toEqual({ name: 'app', uid: 1001, gid: null, home: '/srv/app' });
  expect(userFrom(cmd('adduser -D -u 1000 supabase'), new Map())).toEqual({ name: 'supabase', uid: 1000, gid: null, home: '/home/supabase' });
  expect(userFrom(cmd('adduser --disabled-password --gecos "" --uid 1001 app'), new Map())?.uid).toBe(1001);
  expect(userFrom(cmd('adduser --system --uid 100 svc'), new Map())?.home).toBeNull();
  expect(userFrom(cmd('useradd $USER'), new Map())).toBeNull();
});
