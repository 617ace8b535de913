#!/usr/bin/env node
// Benchmark of shell parsers for src/shell (results and decision: docs/shell-parser.md).
//
//   node bench/shell-parsers.mjs [--corpus DIR] [--runs N] [--json FILE]
//
// For each candidate that is installed it measures:
//   - load: a fresh `node` process that imports the parser, initializes it and parses
//     `true`; in-process ms (import → first parse) and the process's wall time minus a
//     bare `node -e 0` (median of --runs, default 7);
//   - corpus: every shell-form RUN body of the corpus (bench/run-bodies.mjs), joined into
//     its logical line the way BuildKit does, parsed twice (cold pass, warm pass);
//     failures, total ms, ms per body (mean, median, p99);
//   - features: a fixed list of constructs, each with the expected command names: the
//     parser must accept the text and the names cut out of the text at the positions the
//     parser reports must equal the expected ones;
//   - agreement: per body, the command-name positions equal those of mvdan/sh (the
//     reference: the Go parser behind shfmt);
//   - install size: the package and its dependencies, as installed in node_modules.
//
// Candidates that are not installed are reported as such (the native `tree-sitter`
// binding is not a devDependency: `npm i --no-save tree-sitter@0.25.1` to include it).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRunBodies, logicalText } from './run-bodies.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i === -1 ? dflt : argv[i + 1];
};
const corpusDir = opt('--corpus', '/work/shared/corpus');
const runs = Number(opt('--runs', '7'));
const sample = Number(opt('--sample', '2000')); // 0 = every body
const only = opt('--only', null); // comma-separated candidate ids (prefix match)
const jsonOut = opt('--json', null);

// ---------------------------------------------------------------------------------------
// Helpers

/** UTF-8 byte offset → UTF-16 index, for parsers that report byte offsets. */
function byteToIndex(text) {
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b;
  const map = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map.push(i);
    if (cp > 0xffff) i++;
  }
  map.push(text.length);
  return (b) => map[b];
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};
const r2 = (x) => Math.round(x * 100) / 100;
const r3 = (x) => Math.round(x * 1000) / 1000;

/** The installed folder of a package (some packages do not export ./package.json). */
function pkgDir(pkg) {
  const d = join(root, 'node_modules', pkg);
  if (!existsSync(join(d, 'package.json'))) throw new Error(`${pkg} is not installed`);
  return d;
}

/** Size of the built module (dist/src/shell). */
function distSize() {
  const d = join(root, 'dist/src/shell');
  let bytes = 0;
  let files = 0;
  for (const f of readdirSync(d)) {
    if (!f.endsWith('.js')) continue;
    bytes += statSync(join(d, f)).size;
    files++;
  }
  return { packages: 0, files, mb: r2(bytes / 1e6) };
}

function installSize(pkg) {
  const seen = new Set();
  let bytes = 0;
  let files = 0;
  const du = (p) => {
    for (const e of readdirSync(p)) {
      const q = join(p, e);
      const s = statSync(q);
      if (s.isDirectory()) du(q);
      else {
        bytes += s.size;
        files++;
      }
    }
  };
  const visit = (name, from) => {
    let dir = from;
    let pj = null;
    for (;;) {
      const cand = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(cand)) {
        pj = cand;
        break;
      }
      const up = dirname(dir);
      if (up === dir) return;
      dir = up;
    }
    const pdir = dirname(pj);
    if (seen.has(pdir)) return;
    seen.add(pdir);
    du(pdir);
    const meta = JSON.parse(readFileSync(pj, 'utf8'));
    for (const d of Object.keys(meta.dependencies ?? {})) visit(d, pdir);
  };
  visit(pkg, root);
  return { packages: seen.size, files, mb: r2(bytes / 1e6) };
}

// ---------------------------------------------------------------------------------------
// Candidates. Each: id, pkg (installed package to check and size), api, load() → adapter
// { parse(text) → { ok, tree?, error? }, commands(tree, text) → [{ s, e }] (command-name
// word ranges, UTF-16), ops(tree, text) → [{ s, e }] | null (operator ranges), free?(tree) }.
// `snippet` is the code a fresh process runs to measure load time.

const candidates = [
  {
    id: 'mvdan-sh',
    pkg: 'mvdan-sh',
    api: 'sync',
    snippet: `const { createRequire } = await import('node:module'); const r = createRequire(process.cwd() + '/'); const p = r('mvdan-sh').syntax.NewParser(); p.Parse('true', '');`,
    async load() {
      const { syntax } = require('mvdan-sh');
      const parser = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
      const nameOf = (n) => {
        const t = syntax.NodeType(n);
        if (t === 'CallExpr') return n.Args.length ? n.Args[0] : null;
        if (t === 'DeclClause') return n.Variant; // export/local/declare/readonly
        return null;
      };
      return {
        parse(text) {
          try {
            return { ok: true, tree: parser.Parse(text, '') };
          } catch (e) {
            return { ok: false, error: String(e?.message ?? e) };
          }
        },
        commands(tree, text) {
          const b2i = byteToIndex(text);
          const out = [];
          syntax.Walk(tree, (n) => {
            if (!n) return true;
            const w = nameOf(n);
            if (w) out.push({ s: b2i(w.Pos().Offset()), e: b2i(w.End().Offset()) });
            return true;
          });
          return out.sort((a, b) => a.s - b.s);
        },
        ops(tree, text) {
          const b2i = byteToIndex(text);
          const out = [];
          syntax.Walk(tree, (n) => {
            if (!n) return true;
            const t = syntax.NodeType(n);
            if (t === 'BinaryCmd') {
              const s = b2i(n.OpPos.Offset());
              out.push({ s, e: s + (n.Op === 12 ? 1 : 2) }); // 12 = Pipe, else && || |&
            } else if (t === 'Stmt' && n.Semicolon.IsValid()) {
              const s = b2i(n.Semicolon.Offset());
              out.push({ s, e: s + 1 });
            }
            return true;
          });
          return out.sort((a, b) => a.s - b.s);
        },
      };
    },
  },
  {
    id: 'dockerfix src/shell (own parser)',
    pkg: null, // built from this repository: `npm run build` first
    api: 'sync',
    snippet: `await import('./dist/src/shell/index.js').then((m) => m.parseShell('true'));`,
    async load() {
      const m = await import(join(root, 'dist/src/shell/index.js'));
      return {
        parse(text) {
          const r = m.parseShell(text);
          return r.ok ? { ok: true, tree: r.script } : { ok: false, error: r.error.message };
        },
        // offsets are raw offsets; with a one-line body they are the logical offsets
        commands(script) {
          // like the others: no commands from inside `sh -c '…'` strings, in name order
          return script.commands
            .filter((c) => c.name && c.nested !== 'shell-c')
            .map((c) => ({ s: c.name.start, e: c.name.end }))
            .sort((a, b) => a.s - b.s);
        },
        ops(script) {
          const seen = new Map();
          for (const c of script.commands) for (const o of [c.before, c.after]) if (o) seen.set(o.start, { s: o.start, e: o.end });
          return [...seen.values()].sort((a, b) => a.s - b.s);
        },
      };
    },
  },
  {
    id: 'sh-syntax',
    pkg: 'sh-syntax',
    api: 'async only (Promise per parse)',
    maxBodies: 100, // it compiles and instantiates its Wasm module on every call (~50-100 ms)
    snippet: `const m = await import('sh-syntax'); await m.parse('true');`,
    async load() {
      const m = await import('sh-syntax');
      return {
        async: true,
        async parseAsync(text) {
          try {
            return { ok: true, tree: await m.parse(text, { keepComments: false }) };
          } catch (e) {
            return { ok: false, error: String(e?.message ?? e) };
          }
        },
        // The JSON it returns stops at statements: `Cmd` is only { Pos, End }, with no
        // type, words or operators, so no command can be located.
        commands: null,
        ops: null,
      };
    },
  },
  ...['web-tree-sitter', 'tree-sitter'].map((binding) => ({
    id: binding === 'tree-sitter' ? 'tree-sitter (native) + tree-sitter-bash' : 'web-tree-sitter + tree-sitter-bash (WASM)',
    pkg: binding,
    extraPkgs: ['tree-sitter-bash'],
    api: binding === 'tree-sitter' ? 'sync (native addon)' : 'async init (Parser.init), then sync parse',
    snippet:
      binding === 'tree-sitter'
        ? `const { createRequire } = await import('node:module'); const r = createRequire(process.cwd() + '/'); const P = r('tree-sitter'); const p = new P(); p.setLanguage(r('tree-sitter-bash')); p.parse('true');`
        : `const { Parser, Language } = await import('web-tree-sitter'); const { createRequire } = await import('node:module'); const r = createRequire(process.cwd() + '/'); await Parser.init(); const L = await Language.load(r.resolve('tree-sitter-bash/tree-sitter-bash.wasm')); const p = new Parser(); p.setLanguage(L); p.parse('true');`,
    async load() {
      let parser;
      if (binding === 'tree-sitter') {
        const P = require('tree-sitter');
        parser = new P();
        parser.setLanguage(require('tree-sitter-bash'));
      } else {
        const { Parser, Language } = await import('web-tree-sitter');
        await Parser.init();
        const L = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
        parser = new Parser();
        parser.setLanguage(L);
      }
      const NAMED = new Set(['command', 'declaration_command', 'unset_command']);
      const OPS = new Set(['&&', '||', ';', '|', '|&', '&', ';;']);
      const walk = (node, f) => {
        const cursor = node.walk();
        let done = false;
        while (!done) {
          f(cursor);
          if (cursor.gotoFirstChild()) continue;
          while (!cursor.gotoNextSibling()) {
            if (!cursor.gotoParent()) {
              done = true;
              break;
            }
          }
        }
        cursor.delete?.();
      };
      return {
        parse(text) {
          const tree = parser.parse(text);
          if (tree.rootNode.hasError) {
            tree.delete?.();
            return { ok: false, error: 'syntax error (ERROR/MISSING node)' };
          }
          return { ok: true, tree };
        },
        free(tree) {
          tree.delete?.();
        },
        commands(tree) {
          const out = [];
          walk(tree.rootNode, (c) => {
            if (!NAMED.has(c.nodeType)) return;
            const n = c.currentNode;
            const w = n.type === 'command' ? n.childForFieldName('name') : n.child(0);
            if (w) out.push({ s: w.startIndex, e: w.endIndex });
          });
          return out.sort((a, b) => a.s - b.s);
        },
        ops(tree) {
          const out = [];
          walk(tree.rootNode, (c) => {
            if (!c.nodeIsNamed && OPS.has(c.nodeType)) out.push({ s: c.startIndex, e: c.endIndex });
          });
          return out.sort((a, b) => a.s - b.s);
        },
      };
    },
  })),
  ...['bash-parser', '@ericcornelissen/bash-parser'].map((pkg) => ({
    id: pkg,
    pkg,
    api: 'sync',
    snippet: `const { createRequire } = await import('node:module'); const r = createRequire(process.cwd() + '/'); r('${pkg}')('true', { insertLOC: true });`,
    async load() {
      const parse = require(pkg);
      const visit = (n, f) => {
        if (Array.isArray(n)) for (const x of n) visit(x, f);
        else if (n && typeof n === 'object') {
          f(n);
          for (const k of Object.keys(n)) if (k !== 'loc') visit(n[k], f);
        }
      };
      return {
        parse(text) {
          try {
            return { ok: true, tree: parse(text, { insertLOC: true }) };
          } catch (e) {
            return { ok: false, error: String(e?.message ?? e) };
          }
        },
        commands(tree) {
          const out = [];
          // loc.end.char is inclusive
          visit(tree, (n) => {
            if (n.type === 'Command' && n.name?.loc) out.push({ s: n.name.loc.start.char, e: n.name.loc.end.char + 1 });
          });
          return out.sort((a, b) => a.s - b.s);
        },
        ops: null, // LogicalExpression/Pipeline carry `op` but no position for it
      };
    },
  })),
];

// ---------------------------------------------------------------------------------------
// Feature list: text → expected command names in source order (as cut from the text).

const FEATURES = [
  ['and/or/semicolon', 'a && b || c; d', ['a', 'b', 'c', 'd']],
  ['no spaces around ;', 'a;b&&c', ['a', 'b', 'c']],
  ['pipeline', 'curl -fsSL https://x | tar -xz -C /opt | tee log', ['curl', 'tar', 'tee']],
  ['subshell', '(cd x && make) && y', ['cd', 'make', 'y']],
  ['brace group + redirect', '{ a; b; } > log 2>&1', ['a', 'b']],
  ['assignment + $(...)', 'X=$(cat f) && echo "$X"', ['cat', 'echo']],
  ['env prefix', 'DEBIAN_FRONTEND=noninteractive apt-get install -y x', ['apt-get']],
  ['quotes with operators inside', `echo 'a && b' "c; d" e\\;f`, ['echo']],
  ['$(...) in double quotes', 'echo "$(cd "$d" && pwd)"', ['echo', 'cd', 'pwd']],
  ['backticks', 'echo `date` ${X:-y} $((1+2))', ['echo', 'date']],
  ['if/else', 'if [ -f x ]; then a; else b; fi', ['[', 'a', 'b']],
  ['for', 'for f in *.txt; do rm "$f"; done', ['rm']],
  ['while + redirect', 'while read l; do echo "$l"; done < f', ['read', 'echo']],
  ['case', 'case "$x" in a) b;; *) c;; esac', ['b', 'c']],
  ['function', 'f() { a; }; f', ['a', 'f']],
  ['[[ ]] (bash)', '[[ -n "$x" ]] && y', ['y']],
  ['negation', '! grep -q x f || y', ['grep', 'y']],
  ['process substitution (bash)', 'diff <(a) <(b)', ['diff', 'a', 'b']],
  ['background', 'a & b', ['a', 'b']],
  ['export/declaration', 'export A=1 B=2 && y', ['export', 'y']],
  ['|| fallback group', 'npm ci || (cat npm-debug.log && false)', ['npm', 'cat', 'false']],
  ['dot/source', 'test -f x && . ./env.sh', ['test', '.']],
  ['trailing comment', 'echo a # b && c', ['echo']],
  ['escaped spaces', 'echo a\\ b c\\"d', ['echo']],
  ['joined continuation text', 'apt-get update &&     apt-get install -y curl &&     rm -rf /var/lib/apt/lists/*', ['apt-get', 'apt-get', 'rm']],
  ['arith for (bash)', 'for ((i=0;i<3;i++)); do a; done', ['a']],
  ['non-ASCII', 'echo "héllo wörld" && ls', ['echo', 'ls']],
];
const OPS_CASE = ['a && b || c; d | e', ['&&', '||', ';', '|']];

// ---------------------------------------------------------------------------------------

function measureLoad(snippet) {
  // Wall times suffer from whatever else runs on the machine; CPU times (user + system of
  // the whole child process, from process.cpuUsage() at its end) much less.
  const one = (code) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) throw new Error(r.stderr);
    return { wall, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
  };
  const end = `const __c = process.cpuUsage(); console.log(JSON.stringify({ inProc: performance.now() - __t0, inProcCpu: (__c.user + __c.system - __c0) / 1000, cpu: (__c.user + __c.system) / 1000 }));`;
  const start = `const __c0 = (({ user, system }) => user + system)(process.cpuUsage()); const __t0 = performance.now();`;
  const base = [];
  const with_ = [];
  for (let i = 0; i < runs; i++) {
    base.push(one(`${start} ${end}`));
    with_.push(one(`${start} ${snippet} ${end}`));
  }
  const m = (xs, k) => median(xs.map((x) => x[k]));
  return {
    nodeBareWallMs: r2(m(base, 'wall')),
    nodeBareCpuMs: r2(m(base, 'cpu')),
    addedWallMs: r2(m(with_, 'wall') - m(base, 'wall')),
    addedCpuMs: r2(m(with_, 'cpu') - m(base, 'cpu')),
    importToFirstParseMs: r2(m(with_, 'inProc')),
    importToFirstParseCpuMs: r2(m(with_, 'inProcCpu')),
  };
}

async function main() {
  const corpus = existsSync(corpusDir) ? corpusRunBodies(corpusDir) : { files: 0, bodies: [], skipped: {} };
  // A deterministic sample (every k-th body), so that the slow candidates finish.
  const all = corpus.bodies.map((b, i) => ({ ...b, i }));
  const picked = sample > 0 && all.length > sample ? all.filter((_, i) => Math.floor((i * sample) / all.length) !== Math.floor(((i - 1) * sample) / all.length)) : all;
  corpus.bodies = picked;
  const texts = picked.map((b) => logicalText(b.raw, b.escape));
  console.error(`corpus: ${corpus.files} Dockerfiles, ${texts.length} shell-form RUN bodies (skipped: ${JSON.stringify(corpus.skipped)})`);

  const results = [];
  let reference = null; // mvdan-sh's command-name positions per body
  for (const c of candidates) {
    if (only && !only.split(',').some((o) => c.id.startsWith(o))) continue;
    const res = { id: c.id, api: c.api };
    results.push(res);
    let adapter;
    try {
      if (c.pkg === null && !existsSync(join(root, 'dist/src/shell/index.js'))) throw new Error('not built: run `npm run build`');
      res.version = c.pkg === null ? 'this repo' : JSON.parse(readFileSync(join(pkgDir(c.pkg), 'package.json'), 'utf8')).version;
      adapter = await c.load();
    } catch (e) {
      res.unavailable = String(e?.message ?? e).split('\n')[0];
      console.error(`${c.id}: unavailable: ${res.unavailable}`);
      continue;
    }
    res.install = c.pkg === null ? distSize() : installSize(c.pkg);
    for (const x of c.extraPkgs ?? []) {
      const s = installSize(x);
      res.install = { packages: res.install.packages + s.packages, files: res.install.files + s.files, mb: r2(res.install.mb + s.mb) };
    }
    res.load = measureLoad(c.snippet);

    // corpus, two passes
    const parseOne = adapter.async ? (t) => adapter.parseAsync(t) : (t) => adapter.parse(t);
    const passes = [];
    let outcomes = [];
    for (let pass = 0; pass < 2; pass++) {
      const times = [];
      outcomes = [];
      const subset = c.maxBodies ? texts.slice(0, c.maxBodies) : texts;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (const t of subset) {
        const a = performance.now();
        const r = await parseOne(t);
        times.push(performance.now() - a);
        outcomes.push(r);
      }
      const total = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      passes.push({
        bodies: subset.length,
        totalMs: r2(total),
        cpuMs: r2((cpu.user + cpu.system) / 1000),
        meanMs: r3(total / subset.length),
        medianMs: r3(median(times)),
        p99Ms: r3(pct(times, 0.99)),
      });
      if (pass === 0) for (const r of outcomes) if (r.ok && adapter.free) adapter.free(r.tree);
    }
    res.corpus = { bodies: outcomes.length, failed: outcomes.filter((r) => !r.ok).length, cold: passes[0], warm: passes[1] };
    res.failures = outcomes
      .map((r, i) => (r.ok ? null : { file: corpus.bodies[i].file.replace(corpusDir + '/', ''), text: texts[i].slice(0, 160), error: r.error.slice(0, 160) }))
      .filter(Boolean);

    // agreement with the reference on command-name positions
    if (adapter.commands) {
      const names = outcomes.map((r, i) => (r.ok ? adapter.commands(r.tree, texts[i]).map((x) => `${x.s}:${x.e}`).join(',') : null));
      if (c.id === 'mvdan-sh') reference = names;
      else if (reference) {
        let both = 0;
        let same = 0;
        const diffs = [];
        names.forEach((n, i) => {
          if (n === null || reference[i] === null) return;
          both++;
          if (n === reference[i]) same++;
          else if (diffs.length < 5) diffs.push({ text: texts[i].slice(0, 200), ref: reference[i].slice(0, 80), got: n.slice(0, 80) });
        });
        res.agreement = { comparedBodies: both, samePositions: same, pct: r2((100 * same) / Math.max(1, both)), examples: diffs };
      }
    }
    for (const r of outcomes) if (r.ok && adapter.free) adapter.free(r.tree);

    // features
    res.features = [];
    for (const [name, text, expected] of FEATURES) {
      const r = await parseOne(text);
      let got = null;
      if (r.ok && adapter.commands) got = adapter.commands(r.tree, text).map((x) => text.slice(x.s, x.e));
      const pass = r.ok && got !== null && JSON.stringify(got) === JSON.stringify(expected);
      res.features.push({ name, pass, ...(pass ? {} : { got: r.ok ? got : `parse error: ${r.error.slice(0, 80)}` }) });
      if (r.ok && adapter.free) adapter.free(r.tree);
    }
    {
      const [text, expected] = OPS_CASE;
      const r = await parseOne(text);
      const got = r.ok && adapter.ops ? adapter.ops(r.tree, text).map((x) => text.slice(x.s, x.e)) : null;
      res.operatorPositions = JSON.stringify(got) === JSON.stringify(expected);
    }
    const passed = res.features.filter((f) => f.pass).length;
    console.error(
      `${c.id}: load +${res.load.addedCpuMs} ms CPU (import→first parse ${res.load.importToFirstParseMs} ms wall, ${res.load.importToFirstParseCpuMs} ms CPU); ` +
        `corpus ${res.corpus.bodies - res.corpus.failed}/${res.corpus.bodies} ok, warm ${res.corpus.warm.totalMs} ms (${res.corpus.warm.cpuMs} ms CPU) ` +
        `(median ${res.corpus.warm.medianMs} ms/body); features ${passed}/${FEATURES.length}; ` +
        `ops positions ${res.operatorPositions}; install ${res.install.mb} MB` +
        (res.agreement ? `; agrees with mvdan/sh on ${res.agreement.pct}%` : ''),
    );
  }

  const report = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    corpus: { dir: corpusDir, files: corpus.files, bodies: texts.length, skipped: corpus.skipped },
    runs,
    results,
  };
  printTable(report);
  if (jsonOut) {
    mkdirSync(dirname(resolve(jsonOut)), { recursive: true });
    writeFileSync(jsonOut, JSON.stringify(report, null, 2) + '\n');
  }
}

function printTable({ results }) {
  const rows = [
    ['candidate', 'version', 'API', 'load: added CPU ms', 'import→1st parse ms (wall / CPU)', 'failed / bodies', 'cold pass ms (wall / CPU)', 'warm pass ms (wall / CPU)', 'warm median ms/body', 'warm p99 ms/body', 'features', 'op positions', 'agree w/ mvdan/sh %', 'install MB (pkgs)'],
  ];
  for (const r of results) {
    if (r.unavailable) {
      rows.push([r.id, '-', r.api, 'not installed', '', '', '', '', '', '', '', '', '', '']);
      continue;
    }
    const feats = `${r.features.filter((f) => f.pass).length}/${r.features.length}`;
    rows.push([
      r.id,
      r.version,
      r.api,
      r.load.addedCpuMs,
      `${r.load.importToFirstParseMs} / ${r.load.importToFirstParseCpuMs}`,
      `${r.corpus.failed} / ${r.corpus.bodies}`,
      `${r.corpus.cold.totalMs} / ${r.corpus.cold.cpuMs}`,
      `${r.corpus.warm.totalMs} / ${r.corpus.warm.cpuMs}`,
      r.corpus.warm.medianMs,
      r.corpus.warm.p99Ms,
      feats,
      r.operatorPositions ? 'yes' : 'no',
      r.agreement ? r.agreement.pct : r.id === 'mvdan-sh' ? '(reference)' : '-',
      `${r.install.mb} (${r.install.packages})`,
    ]);
  }
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  for (const r of results) {
    if (r.unavailable) continue;
    const bad = r.features.filter((f) => !f.pass);
    if (bad.length) console.log(`\n${r.id} features failed: ${bad.map((f) => `${f.name} → ${JSON.stringify(f.got)}`).join('; ')}`);
  }
}

await main();
