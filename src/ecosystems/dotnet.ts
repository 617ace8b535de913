/**
 * .NET / NuGet. Sources: buildkit-semantics.md §3.2 ".NET / NuGet" [nuget-folders: global
 * packages folder `~/.nuget/packages` (`NUGET_PACKAGES` wins), HTTP cache
 * `~/.local/share/NuGet/v3-cache` (`NUGET_HTTP_CACHE_PATH`); PackageReference projects build
 * straight from the global packages folder, so restore and build/publish need the same mount;
 * dotnet-image: `app` user `APP_UID=1654`; DD-dotnet], §4 table.
 *
 * A `store`: `dotnet build` output (not `publish`) and `dotnet run`/`test` read packages from
 * the folder, so a stage that runs `dotnet` at container start is skipped by the transform.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, join, offlineWhen, positionals, unwrap } from './util.js';

export const VALUE_FLAGS = ['-c', '--configuration', '-o', '--output', '-r', '--runtime', '-f', '--framework', '-s', '--source', '--packages', '-a', '--arch', '--os', '-v', '--verbosity', '-p', '--property', '--version-suffix', '--configfile', '--lock-file-path'];
const INSTALLS = new Set(['restore', 'build', 'publish', 'test', 'pack', 'run', 'add', 'msbuild', 'watch']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'dotnet' ? u : null;
}

const dotnet: Ecosystem = {
  id: 'dotnet',
  label: 'NuGet',
  kind: 'store',
  runtimeCommands: ['dotnet'],
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    if (p[0] === 'tool') return p[1] === 'restore' || p[1] === 'install';
    // `--no-restore` builds still read every package from the global packages folder, so they
    // need the same mount as the restore (nuget-folders).
    return INSTALLS.has(p[0] ?? '');
  },
  // `--no-restore` (and `--no-build`, which implies it): build/publish/test straight from the
  // packages an earlier restore put in the NuGet folder (obj/project.assets.json points there).
  offline(cmd, env) {
    const u = view(cmd);
    return u ? offlineWhen(u.args, env, 'all', ['--no-restore', '--no-build']) : null;
  },
  cacheTargets(cmd, env) {
    const u = view(cmd)!;
    const pk = u.args.indexOf('--packages');
    if (pk !== -1) {
      const t = absPath(u.args[pk + 1], env.home);
      return t ? { targets: [{ target: t }] } : { skip: '`--packages` is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    const set = envOf(env, 'NUGET_PACKAGES');
    if (set !== undefined) {
      const t = absPath(set, env.home);
      return t ? { targets: [{ target: t }] } : { skip: '`NUGET_PACKAGES` is relative or not known at this line (a build argument, or a variable of the base image)' };
    }
    // DOTNET_CLI_HOME moves the folder the .NET CLI treats as home; whether NuGet follows it
    // is not a verified fact here, so the location is unknown.
    if (envOf(env, 'DOTNET_CLI_HOME') !== undefined) return { skip: '`DOTNET_CLI_HOME` may move the NuGet folder; set `NUGET_PACKAGES` to mount it' };
    if (!env.home) return { skip: "the user's home folder is unknown" };
    return { targets: [{ target: join(env.home, '.nuget/packages') }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const p = positionals(u.args, VALUE_FLAGS);
    return p[0] === 'nuget' && p[1] === 'locals';
  },
  manifests: { required: [], optional: ['*.sln', '*.csproj', '*.fsproj', 'Directory.Build.props', 'Directory.Packages.props', 'NuGet.config', 'nuget.config', 'global.json', 'packages.lock.json'] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u) return false;
    return positionals(u.args, VALUE_FLAGS)[0] !== 'restore';
  },
  sources: ['buildkit-semantics.md §3.2 .NET / NuGet, §3.3, §4', 'learn.microsoft.com/nuget/consume-packages/managing-the-global-packages-and-cache-folders'],
};

export default dotnet;
