/**
 * What well-known base images set that moves caches or changes the user: environment
 * variables and users (buildkit-semantics.md §3.3; node-image; dotnet-image; micromamba).
 * Only Docker Official Images and a few vendor images whose Dockerfiles are public; an
 * unknown image contributes nothing (its env is unknown, its default user assumed root
 * unless listed in `NON_ROOT_IMAGES`).
 */
import { imageRepo, imageTag } from './util.js';

export interface ImageUser {
  uid: number;
  gid: number;
  home: string;
}

export interface ImageFacts {
  /** Environment the image sets (only variables that matter for caches). */
  env: Record<string, string>;
  /** Users the image creates, by name. */
  users: Record<string, ImageUser>;
  /** The image's default USER, when not root. */
  defaultUser?: string;
  /** Debian/Ubuntu official image that ships `/etc/apt/apt.conf.d/docker-clean`. */
  aptDockerClean?: boolean;
}

const NONE: ImageFacts = { env: {}, users: {} };

/** Images whose default user is not root and whose users are not known here: cache mounts would need a uid. */
const NON_ROOT_PREFIXES = ['cgr.dev/chainguard/', 'bitnami/', 'gcr.io/distroless/', 'jenkins/', 'sonarqube', 'quay.io/keycloak/', 'docker.bintray.io/jfrog/'];

/** Is the default user of this image unknown-but-probably-not-root? */
export function unknownDefaultUser(baseImage: string): boolean {
  const r = baseImage.toLowerCase();
  return NON_ROOT_PREFIXES.some((p) => r.startsWith(p));
}

/** Facts for an image reference (`node:20-alpine`, `docker.io/library/golang:1.22`, `mambaorg/micromamba:1.5`). */
export function imageFacts(ref: string): ImageFacts {
  const repo = imageRepo(ref);
  const tag = imageTag(ref);
  const alpine = /alpine/.test(tag);
  switch (repo) {
    case 'golang':
      return { env: { GOPATH: '/go' }, users: {}, aptDockerClean: !alpine };
    case 'rust':
      return { env: { CARGO_HOME: '/usr/local/cargo', RUSTUP_HOME: '/usr/local/rustup' }, users: {}, aptDockerClean: !alpine };
    case 'composer':
      return { env: { COMPOSER_HOME: '/tmp' }, users: {} };
    case 'maven':
      return { env: { MAVEN_CONFIG: '/root/.m2' }, users: {}, aptDockerClean: !alpine && !/(ibm|amazon|sapmachine|graal|oracle)/.test(tag) };
    case 'gradle':
      return { env: {}, users: { gradle: { uid: 1000, gid: 1000, home: '/home/gradle' } }, aptDockerClean: !alpine && !/(graal|ubi|corretto)/.test(tag) };
    case 'node':
      return { env: {}, users: { node: { uid: 1000, gid: 1000, home: '/home/node' } }, aptDockerClean: !alpine };
    case 'ruby':
      return { env: { GEM_HOME: '/usr/local/bundle', BUNDLE_APP_CONFIG: '/usr/local/bundle', BUNDLE_SILENCE_ROOT_WARNING: '1' }, users: {}, aptDockerClean: !alpine };
    case 'python':
    case 'php':
    case 'perl':
    case 'openjdk':
    case 'eclipse-temurin':
    case 'haskell':
    case 'elixir':
    case 'erlang':
    case 'buildpack-deps':
      return { env: {}, users: {}, aptDockerClean: !alpine && !/(windowsservercore|nanoserver|ubi|oraclelinux)/.test(tag) };
    case 'debian':
    case 'ubuntu':
      return { env: {}, users: {}, aptDockerClean: true };
    case 'mambaorg/micromamba':
      return { env: { MAMBA_ROOT_PREFIX: '/opt/conda' }, users: { mambauser: { uid: 57439, gid: 57439, home: '/home/mambauser' } }, defaultUser: 'mambauser', aptDockerClean: !alpine };
    case 'continuumio/miniconda3':
    case 'continuumio/anaconda3':
    case 'condaforge/miniforge3':
    case 'condaforge/mambaforge':
    case 'condaforge/miniforge-pypy3':
      return { env: { CONDA_DIR: '/opt/conda' }, users: {} };
    case 'jupyter/base-notebook':
    case 'jupyter/minimal-notebook':
    case 'jupyter/scipy-notebook':
    case 'jupyter/datascience-notebook':
    case 'jupyter/tensorflow-notebook':
    case 'jupyter/pyspark-notebook':
    case 'jupyter/r-notebook':
    case 'quay.io/jupyter/base-notebook':
    case 'quay.io/jupyter/minimal-notebook':
    case 'quay.io/jupyter/scipy-notebook':
    case 'quay.io/jupyter/datascience-notebook':
      return { env: { CONDA_DIR: '/opt/conda' }, users: { jovyan: { uid: 1000, gid: 100, home: '/home/jovyan' } }, defaultUser: 'jovyan' };
    case 'oven/bun':
      return { env: {}, users: { bun: { uid: 1000, gid: 1000, home: '/home/bun' } } };
  }
  if (/^mcr\.microsoft\.com\/dotnet\/(core\/)?(sdk|aspnet|runtime|runtime-deps)$/.test(repo)) {
    // .NET 8+ images create `app` (APP_UID=1654); earlier tags do not.
    const major = /^(\d+)/.exec(tag);
    const users: Record<string, ImageUser> = major && Number(major[1]) >= 8 ? { app: { uid: 1654, gid: 1654, home: '/home/app' } } : {};
    return { env: {}, users, aptDockerClean: !alpine && !/(cbl-mariner|azurelinux|nanoserver|windowsservercore)/.test(tag) };
  }
  return NONE;
}

/** Is this a Windows image (skip everything)? */
export function isWindowsImage(ref: string): boolean {
  const r = ref.toLowerCase();
  return /(windows|nanoserver|servercore)/.test(imageRepo(r)) || /(windows|nanoserver|servercore|ltsc20\d\d)/.test(imageTag(r));
}
