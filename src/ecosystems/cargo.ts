/**
 * Cargo. Sources: buildkit-semantics.md §3.2 "Cargo / Rust" [rust-image: `CARGO_HOME=/usr/local/cargo`,
 * a+w; cargo-home: `registry/{index,cache,src}`, `git/{db,checkouts}`, `bin/`; never mount
 * `$CARGO_HOME` itself (hides `cargo` in `bin/`); DD-rust], §4 table [cargo-chef].
 *
 * The registry and git database are mounted; `target/` is not (build outputs would vanish
 * with the RUN unless copied out in the same RUN, a rewrite this transform does not make).
 * A `store`: every cargo step of the chain needs the same registry.
 */
import type { CommandView, Ecosystem } from './types.js';
import { absPath, envOf, join, offlineWhen, positionals, unwrap } from './util.js';

export const VALUE_FLAGS = ['-p', '--package', '--bin', '--example', '--test', '--bench', '--features', '-F', '--target', '--target-dir', '--manifest-path', '-j', '--jobs', '--profile', '--root', '--version', '--git', '--branch', '--tag', '--rev', '--path', '--registry', '--index', '--recipe-path', '--color', '-Z', '--config'];
// Every subcommand that reads the registry counts: they must all see the same mount (a store).
const INSTALLS = new Set(['build', 'b', 'check', 'c', 'test', 't', 'run', 'r', 'fetch', 'install', 'doc', 'd', 'bench', 'update', 'generate-lockfile', 'vendor', 'clippy', 'chef', 'auditable', 'nextest', 'zigbuild', 'leptos', 'tree', 'metadata', 'package', 'publish', 'rustc', 'rustdoc', 'fix']);

function view(cmd: CommandView): CommandView | null {
  const u = unwrap(cmd);
  return u.name === 'cargo' ? u : null;
}

const cargo: Ecosystem = {
  id: 'cargo',
  label: 'Cargo',
  kind: 'store',
  runtimeCommands: ['cargo'],
  matches: (cmd) => view(cmd) !== null,
  isInstall(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const first = positionals(u.args.filter((a) => !(a ?? '').startsWith('+')), VALUE_FLAGS)[0];
    return INSTALLS.has(first ?? '');
  },
  // `--frozen`/`--offline` (or CARGO_NET_OFFLINE): only crates already in the registry.
  offline(cmd, env) {
    const u = view(cmd);
    if (!u) return null;
    const byFlag = offlineWhen(u.args, env, 'all', ['--frozen', '--offline'], ['CARGO_NET_OFFLINE']);
    if (byFlag) return byFlag;
    // `[net] offline = true` in the project's Cargo config (the context root's, as copied).
    for (const f of ['.cargo/config.toml', '.cargo/config']) {
      if (/^\s*\[net\][^[]*^\s*offline\s*=\s*true\b/m.test(env.context?.read(f) ?? '')) return { needs: 'all', why: `\`offline = true\` in ${f}` };
    }
    return null;
  },
  cacheTargets(_cmd, env) {
    const set = envOf(env, 'CARGO_HOME');
    const home = set !== undefined ? absPath(set) : env.home ? join(env.home, '.cargo') : null;
    if (!home) return { skip: 'the Cargo home is unknown (CARGO_HOME/home)' };
    return { targets: [{ target: join(home, 'registry') }, { target: join(home, 'git/db') }] };
  },
  cacheDisablingFlags: [],
  cacheDisablingEnv: [],
  isCachePurge: () => false,
  manifests: { required: ['Cargo.toml', 'Cargo.lock'], optional: ['.cargo/config.toml', 'rust-toolchain.toml'] },
  needsSource(cmd) {
    const u = view(cmd);
    if (!u) return false;
    const first = positionals(u.args, VALUE_FLAGS)[0];
    return first !== 'fetch' && first !== 'generate-lockfile' && first !== 'vendor';
  },
  sources: ['buildkit-semantics.md §3.2 Cargo / Rust, §3.3, §4', 'doc.rust-lang.org/cargo/guide/cargo-home.html'],
};

export default cargo;
