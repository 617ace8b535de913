/**
 * Go: a `go mod download` step of its own where the file has none (`planGoDownload`).
 */
import type { Fix } from '../../src/core/fix.js';
import type { TransformContext } from '../../src/core/transform.js';
import type { Instruction, Stage } from '../../src/model/dockerfile.js';
import { joinPath, type StateView } from '../../src/model/state.js';
import { readGoMod } from '../../src/context/manifests.js';
import { UNKNOWN_WD } from './shared.js';
import type { BroadCopy } from './broad-copy.js';
import { runCommands } from './run-analysis.js';
import { relUnder } from './paths.js';
import { manifestCopies, listWords } from './fix.js';

// ---------------------------------------------------------------------------------------------
// Go: a deps-only step where the file has none

export const GO_BUILD_ENV_OK = new Set(['GOOS', 'GOARCH', 'GOARM', 'GOAMD64', 'CGO_ENABLED', 'CC', 'CXX', 'CGO_CFLAGS', 'CGO_LDFLAGS']);

/**
 * `COPY . .` followed directly by `go build`: add `COPY go.mod go.sum ./` and
 * `RUN go mod download` before the broad copy (Docker's Go guide). Only when the download
 * provably fetches what the build would have fetched, with the same settings and access:
 * a builder stage (not the image that is shipped, whose module cache would grow by the
 * modules only tests need), readable go.mod without local replaces outside the copy, no
 * go.work, no vendor folder, no `-mod=vendor`, root user, no ENV/ARG/RUN between the copy
 * and the build, no GO* settings or secret/ssh/cache mounts on the build.
 */
export function planGoDownload(ctx: TransformContext, stage: Stage, broad: BroadCopy, build: Instruction, states: ReadonlyMap<number, StateView>): { fix: Fix } | { why: string; quiet?: boolean } {
  const { model } = ctx;
  const bc = ctx.buildContext;
  // The file already has the pattern (this transform's own output, or the author's).
  if (stage.instructions.some((i) => i.index < broad.instr.index && i.keyword === 'RUN' && /\bgo\s+mod\s+download\b/.test(i.body))) return { why: 'the stage already downloads modules', quiet: true };
  if (!bc) return { why: 'without a build context, go.mod cannot be read' };
  const last = model.stages[model.stages.length - 1];
  if (stage === last) return { why: 'this stage is the image that is shipped, and the download would add the modules only tests need to it' };
  const st = states.get(broad.instr.index)!;
  if (st.user !== null && st.user !== 'root' && st.user !== '0') return { why: 'the stage runs as a non-root user' };
  const between = stage.instructions.filter((i) => i.index > broad.instr.index && i.index < build.index);
  if (between.some((i) => i.keyword === 'ENV' || i.keyword === 'ARG' || i.keyword === 'RUN' || i.keyword === 'USER' || i.keyword === 'WORKDIR')) {
    return { why: 'instructions between the COPY and the build change its environment' };
  }
  if (build.flags.some((f) => f.name === 'mount')) return { why: 'the build RUN has mounts (credentials or caches) the download would not have' };
  const envAll = [...st.env.keys()];
  if (envAll.some((k) => /^GO(FLAGS|PROXY|PRIVATE|NOPROXY|NOSUMDB|INSECURE|SUMDB|WORK|MODCACHE|PATH)$/.test(k) && /vendor/.test(st.env.get(k) ?? ''))) return { why: 'GOFLAGS selects the vendor folder' };
  const parsed = runCommands(build, model.escape);
  if (!parsed.ok) return { why: 'the build RUN could not be parsed' };
  const gos = parsed.commands.filter((c) => c.view.name.replace(/^.*\//, '') === 'go');
  if (gos.some((c) => c.view.args.some((a) => a === null || /^-mod(=|$)|^-modfile|^-C$/.test(a)))) return { why: 'the build selects modules with -mod, -modfile or -C' };
  if (gos.some((c) => (c.view.assignments ?? []).some((a) => /^GO/.test(a.name) && !GO_BUILD_ENV_OK.has(a.name)))) return { why: 'the build sets Go module settings on its command line' };
  if (parsed.commands.some((c) => c.view.name === 'cd')) return { why: 'the build changes folder' };
  const dir = relUnder(broad.abs, st.workdir ?? UNKNOWN_WD);
  if (dir !== '') return { why: 'the build does not run in the copied folder' };
  if (bc.exists('go.work')) return { why: 'go.work makes this a multi-module workspace' };
  if (bc.exists('vendor')) return { why: 'the project vendors its modules (vendor/), which the build uses instead of downloads' };
  const gm = readGoMod(bc, '');
  if (gm.state !== 'ok') return { why: gm.state === 'missing' ? 'go.mod is not in the build context' : gm.why };
  const extra: string[] = [];
  for (const r of gm.localReplaces) {
    const rel = joinPath('/', r).slice(1);
    if (r.startsWith('/') || r.startsWith('../') || !bc.exists(`${rel}/go.mod`)) return { why: `go.mod replaces a module with ${r}, which the download cannot see` };
    extra.push(`${rel}/go.mod`);
  }
  const files = ['go.mod', ...(bc.exists('go.sum') ? ['go.sum'] : []), ...extra];
  const copies = manifestCopies(files.map((f) => ({ ctxPath: f, dir: false, required: true })), bc, broad, model.escape);
  const kw = broad.instr.text.startsWith('COPY') || broad.instr.text.startsWith('ADD') ? 'RUN' : 'run';
  const text = copies.lines.map((l) => l + '\n').join('') + `${kw} go mod download\n`;
  const names = listWords(copies.files);
  return {
    fix: {
      message: `Added ${copies.lines.length === 1 ? `\`${copies.lines[0]}\`` : 'copies of ' + names} and \`go mod download\` before \`${broad.instr.text.split('\n')[0]}\`: the module downloads now depend only on ${names}, so editing source files no longer re-downloads them for \`${gos[0]?.text ?? 'go build'}\` (line ${build.startLine + 1}). This is a builder stage; the build sees the same modules.`,
      line: broad.instr.startLine + 1,
      instruction: broad.instr.index,
      edits: [{ range: [broad.instr.blockStart, broad.instr.blockStart], text }],
      instructionDelta: copies.lines.length + 1,
    },
  };
}
