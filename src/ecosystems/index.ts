/**
 * The ecosystem registry: every package manager dockerfix knows, in the order a command is
 * matched (the first module whose `matches` accepts a command owns it). Adding a package
 * manager is adding a module and a line here.
 */
import type { CommandView, Ecosystem, RunEnvironment } from './types.js';
import apt from './apt.js';
import apk from './apk.js';
import { dnf, yum } from './dnf.js';
import zypper from './zypper.js';
import pip from './pip.js';
import uv from './uv.js';
import poetry from './poetry.js';
import pipenv from './pipenv.js';
import conda from './conda.js';
import npm from './npm.js';
import { yarnBerryEcosystem, yarnClassic } from './yarn.js';
import pnpm from './pnpm.js';
import bun from './bun.js';
import go from './go.js';
import cargo from './cargo.js';
import maven from './maven.js';
import gradle from './gradle.js';
import bundler from './bundler.js';
import composer from './composer.js';
import dotnet from './dotnet.js';

export const ECOSYSTEMS: readonly Ecosystem[] = [
  apt,
  apk,
  dnf,
  yum,
  zypper,
  pip,
  uv,
  poetry,
  pipenv,
  conda,
  npm,
  yarnBerryEcosystem,
  yarnClassic,
  pnpm,
  bun,
  go,
  cargo,
  maven,
  gradle,
  bundler,
  composer,
  dotnet,
];

export function findEcosystem(id: string): Ecosystem | undefined {
  return ECOSYSTEMS.find((e) => e.id === id);
}

/**
 * Could any ecosystem own this command, whatever the environment? False lets a caller skip
 * building the command's environment (see the contract of `Ecosystem.matches`).
 */
export function mayOwn(cmd: CommandView): boolean {
  return ECOSYSTEMS.some((e) => e.matches(cmd));
}

/** The ecosystem a command belongs to, or undefined. `env` lets Yarn tell classic from berry. */
export function ecosystemOf(cmd: CommandView, env?: RunEnvironment): Ecosystem | undefined {
  return ECOSYSTEMS.find((e) => e.matches(cmd, env));
}

export type { ArgRewrite, CachePlan, CacheTarget, CommandView, Ecosystem, OfflineUse, RunEnvironment } from './types.js';
export { imageFacts, isWindowsImage, unknownDefaultUser, type ImageFacts, type ImageUser } from './images.js';
