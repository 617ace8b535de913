/**
 * Build state in effect at each instruction: environment (ENV and valued ARGs, in
 * declaration order, as BuildKit keeps it), declared ARGs, WORKDIR, USER and SHELL.
 * A stage `FROM` an earlier stage starts from that stage's final state; a stage from an
 * image starts from what the Dockerfile can see (nothing: the image's own config is
 * unknown unless an ecosystem table knows it).
 */
import type { DockerfileModel, Instruction } from './dockerfile.js';
import { expandVariables, parseEnvPairs } from './vars.js';

export interface BuildState {
  /** Variables RUNs see as environment, in BuildKit order (re-assignment moves a key to the end). */
  env: Map<string, string>;
  /** ARG names declared in the stage so far (with or without value). */
  args: Set<string>;
  /** WORKDIR in effect, `null` when only the base image knows (no WORKDIR yet). */
  workdir: string | null;
  /** USER in effect as written (`node`, `1000:1000`), `null` when only the base image knows. */
  user: string | null;
  /** SHELL in effect (exec form), `null` for the default `/bin/sh -c`. */
  shell: string[] | null;
}

/** A state as {@link computeStates} hands it out: shared between instructions, so read-only. */
export interface StateView {
  readonly env: ReadonlyMap<string, string>;
  readonly args: ReadonlySet<string>;
  readonly workdir: string | null;
  readonly user: string | null;
  readonly shell: readonly string[] | null;
}

function empty(): BuildState {
  return { env: new Map(), args: new Set(), workdir: null, user: null, shell: null };
}

function clone(s: StateView): BuildState {
  return { env: new Map(s.env), args: new Set(s.args), workdir: s.workdir, user: s.user, shell: s.shell ? [...s.shell] : null };
}

/** Global ARG defaults (before the first FROM), for `FROM` expansion and bare in-stage re-declarations. */
export function globalArgs(model: DockerfileModel): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const i of model.globals) {
    if (i.keyword !== 'ARG') continue;
    for (const { name, value } of parseArgDecls(i)) out.set(name, value === null ? (out.get(name) ?? null) : expandVariables(value, out));
  }
  return out;
}

/** `ARG a=1 b` → [{a, "1"}, {b, null}] (quotes removed from values). */
export function parseArgDecls(i: Instruction): readonly { name: string; value: string | null }[] {
  return argDecls(i.body);
}

const argDecls = memoByText((body: string) => {
  const out: { name: string; value: string | null }[] = [];
  for (const word of splitWords(body)) {
    const eq = word.indexOf('=');
    if (eq === -1) out.push({ name: word, value: null });
    else out.push({ name: word.slice(0, eq), value: unquote(word.slice(eq + 1)) });
  }
  return out;
});

/**
 * The state *before* each instruction (index → state), for every instruction in a stage.
 * Computed in one sweep, once per model (memoised): callers must not mutate the states.
 */
export function computeStates(model: DockerfileModel): ReadonlyMap<number, StateView> {
  // Transforms of one pass share the model: compute its states once for them all.
  let before = statesOf.get(model);
  if (before) return before;
  before = computeStatesUncached(model);
  statesOf.set(model, before);
  return before;
}

const statesOf = new WeakMap<DockerfileModel, ReadonlyMap<number, StateView>>();

/** The instructions {@link apply} changes the state for; every other one shares the state before it. */
const STATEFUL = new Set(['ENV', 'ARG', 'WORKDIR', 'USER', 'SHELL']);

function computeStatesUncached(model: DockerfileModel): Map<number, StateView> {
  const before = new Map<number, StateView>();
  const finals: BuildState[] = [];
  const globals = globalArgs(model);
  for (const stage of model.stages) {
    let st = stage.baseStage !== null && finals[stage.baseStage] ? clone(finals[stage.baseStage]) : empty();
    // ARGs are stage-scoped for expansion, but their env effect is inherited by child stages.
    st.args = new Set();
    before.set(stage.from.index, st);
    for (const i of stage.instructions) {
      before.set(i.index, st);
      // Copy on write: instructions that change nothing share one state object.
      if (STATEFUL.has(i.keyword)) {
        st = clone(st);
        apply(st, i, globals);
      }
    }
    finals.push(st);
  }
  return before;
}

function apply(st: BuildState, i: Instruction, globals: Map<string, string | null>): void {
  switch (i.keyword) {
    case 'ENV':
      for (const { name, value } of parseEnvPairs(i.body)) {
        st.env.delete(name);
        st.env.set(name, expandVariables(value, st.env));
      }
      break;
    case 'ARG':
      for (const { name, value } of parseArgDecls(i)) {
        st.args.add(name);
        const v = value !== null ? expandVariables(value, st.env) : (globals.get(name) ?? null);
        if (v !== null) {
          st.env.delete(name);
          st.env.set(name, v);
        }
      }
      break;
    case 'WORKDIR': {
      const p = expandVariables(i.body.trim(), st.env);
      st.workdir = p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) ? p : joinPath(st.workdir ?? '/', p);
      break;
    }
    case 'USER':
      st.user = expandVariables(i.body.trim(), st.env);
      break;
    case 'SHELL':
      st.shell = i.json;
      break;
  }
}

export function joinPath(base: string, rel: string): string {
  const parts = (base + '/' + rel).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

/**
 * A pure function of an instruction's text, memoised: every transform, and every pass,
 * reads the same ENV/ARG/EXPOSE bodies again. Bounded (cleared when full); results are
 * shared, hence read-only.
 */
export function memoByText<T>(fn: (text: string) => T, limit = 4096): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    const hit = memo.get(text);
    if (hit !== undefined) return hit;
    if (memo.size >= limit) memo.clear();
    const v = fn(text);
    memo.set(text, v);
    return v;
  };
}

/** Whitespace-separated words honouring quotes and line continuations (shared: read-only). */
export const splitWords: (body: string) => readonly string[] = memoByText(splitWordsUncached);

function splitWordsUncached(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let inWord = false;
  const text = body.replace(/[\\`][ \t]*\r?\n/g, ' ');
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (quote) {
      cur += c;
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      if (c === '\\' && k + 1 < text.length) {
        cur += c + text[++k];
      } else cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

export function unquote(v: string): string {
  if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}
