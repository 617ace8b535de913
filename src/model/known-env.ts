/**
 * Which variables a RUN sees with a value the Dockerfile fixes, and which it cannot know.
 *
 * `computeStates` (state.ts) merges ENV and valued ARGs into one environment, which is what
 * a RUN sees by default. A transform that wants to *rely* on a value needs to know more:
 *
 * - `constant`: set by ENV from literals (or from other constants, or from the base image's
 *   known environment, `imageEnv`): every build of this Dockerfile sees this value;
 * - `arg`: the value comes from an ARG (directly, or an ENV built from one): the default is
 *   known, but `--build-arg` can set any other value. BuildKit's rule that ENV overrides
 *   an ARG of the same name is followed (a later `ENV X=...` of literals makes X constant);
 * - `unset-arg`: an ARG without any default (only `--build-arg` gives it a value);
 * - absent: the Dockerfile does not set it (the base image may; its environment is unknown
 *   unless `imageEnv` lists it).
 *
 * Pure: reads the model only.
 */
import type { DockerfileModel, Instruction, Stage } from './dockerfile.js';
import { globalArgs, parseArgDecls } from './state.js';
import { expandVariables, parseEnvPairs, referencedVariables } from './vars.js';

export interface KnownVar {
  value: string;
  /**
   * `constant`; `arg` with the line (1-based) of the ARG it comes from; `unset-arg`: an ARG
   * declared without a default (its value is '' unless `--build-arg` gives one: not known).
   */
  source: { kind: 'constant' } | { kind: 'arg'; line: number; name: string } | { kind: 'unset-arg'; line: number };
}

/**
 * The known variables before instruction `at` of `stage` (following the stage's parents).
 * `imageEnv`: the root base image's environment, when a table knows it (constants).
 */
export function knownEnv(model: DockerfileModel, stage: Stage, at: Instruction, imageEnv: Readonly<Record<string, string>> = {}): Map<string, KnownVar> {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && chain.length < 64; s = s.baseStage !== null ? model.stages[s.baseStage] : undefined) chain.unshift(s);
  const vars = new Map<string, KnownVar>(Object.entries(imageEnv).map(([k, v]) => [k, { value: v, source: { kind: 'constant' } }]));
  const globals = globalArgs(model);
  for (const s of chain) {
    for (const i of s.instructions) {
      if (s === stage && i.index >= at.index) return vars;
      if (i.keyword === 'ENV') {
        for (const { name, value } of parseEnvPairs(i.body)) {
          const refs = referencedVariables(value);
          const plain = new Map([...vars].map(([k, v]) => [k, v.value]));
          const expanded = expandVariables(value, plain);
          // An ENV is only as fixed as what it expands; an unknown reference makes it unknown.
          const fromArg = refs.map((r) => vars.get(r)?.source).find((src) => src?.kind === 'arg');
          if (refs.some((r) => !vars.has(r) || vars.get(r)!.source.kind === 'unset-arg')) vars.delete(name);
          else vars.set(name, { value: expanded, source: fromArg ?? { kind: 'constant' } });
        }
      } else if (i.keyword === 'ARG') {
        for (const { name, value } of parseArgDecls(i)) {
          // ENV overrides an ARG of the same name: the ARG changes nothing then.
          if (vars.get(name)?.source.kind === 'constant' && envSetIn(chain, s, i, name)) continue;
          const plain = new Map([...vars].map(([k, v]) => [k, v.value]));
          const def = value !== null ? expandVariables(value, plain) : (globals.get(name) ?? null);
          if (def === null) vars.set(name, { value: '', source: { kind: 'unset-arg', line: i.startLine + 1 } });
          else vars.set(name, { value: def, source: { kind: 'arg', line: i.startLine + 1, name } });
        }
      }
    }
  }
  return vars;
}

/** Did an ENV of the chain, before `at`, set `name`? */
function envSetIn(chain: Stage[], upTo: Stage, at: Instruction, name: string): boolean {
  for (const s of chain) {
    for (const i of s.instructions) {
      if (s === upTo && i.index >= at.index) return false;
      if (i.keyword === 'ENV' && parseEnvPairs(i.body).some((p) => p.name === name)) return true;
    }
  }
  return false;
}
