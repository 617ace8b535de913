/**
 * Dockerfile frontend versions: which `# syntax=` a file needs for the features it uses
 * (buildkit-semantics.md §2.4), and what a `# syntax=` value pins.
 */
import type { DockerfileModel, Instruction } from './dockerfile.js';

export type Version = [major: number, minor: number];

/** Feature → minimum stable frontend version. Order: as found in the reference table. */
export const FEATURES: { id: string; min: Version; test: (i: Instruction) => boolean }[] = [
  { id: 'RUN --mount', min: [1, 2], test: (i) => i.keyword === 'RUN' && hasFlag(i, 'mount') },
  { id: 'RUN --network', min: [1, 3], test: (i) => i.keyword === 'RUN' && hasFlag(i, 'network') },
  { id: 'here-documents', min: [1, 4], test: (i) => i.heredoc },
  { id: '--link', min: [1, 4], test: (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && hasFlag(i, 'link') },
  { id: '--chmod', min: [1, 2], test: (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && hasFlag(i, 'chmod') },
  {
    id: 'symbolic --chmod',
    min: [1, 14],
    test: (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.flags.some((f) => f.name === 'chmod' && !!f.value && !/^[0-7]+$/.test(f.value)),
  },
  { id: 'ADD --checksum', min: [1, 6], test: (i) => i.keyword === 'ADD' && hasFlag(i, 'checksum') },
  { id: 'ADD <git-url>', min: [1, 5], test: (i) => i.keyword === 'ADD' && /(^|\s)(git@|https?:\/\/\S+\.git(\s|#|$))/.test(i.body) },
  { id: 'ADD --unpack', min: [1, 17], test: (i) => i.keyword === 'ADD' && hasFlag(i, 'unpack') },
  { id: '--exclude', min: [1, 19], test: (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && hasFlag(i, 'exclude') },
  { id: 'COPY --parents', min: [1, 20], test: (i) => i.keyword === 'COPY' && hasFlag(i, 'parents') },
  { id: 'RUN --security', min: [1, 20], test: (i) => i.keyword === 'RUN' && hasFlag(i, 'security') },
];

function hasFlag(i: Instruction, name: string): boolean {
  return i.flags.some((f) => f.name === name);
}

/** The `# check` directive, a feature of the file's directives rather than of an instruction. */
const CHECK_DIRECTIVE = { id: '# check directive', min: [1, 8] as Version };

/** Every feature the file uses (the `# check` directive included), highest minimum version first. */
export function featuresUsed(model: DockerfileModel): { id: string; min: Version }[] {
  const used = FEATURES.filter((f) => model.instructions.some((i) => f.test(i))).map(({ id, min }) => ({ id, min }));
  if (model.directives.some((d) => d.name === 'check')) used.push(CHECK_DIRECTIVE);
  return used.sort((a, b) => compare(b.min, a.min));
}

/** A feature by its id (`RUN --mount`), for code that is about to add it. */
export function feature(id: string): { id: string; min: Version } {
  const f = FEATURES.find((x) => x.id === id) ?? (id === CHECK_DIRECTIVE.id ? CHECK_DIRECTIVE : undefined);
  if (!f) throw new Error(`unknown frontend feature ${id}`);
  return { id: f.id, min: f.min };
}

export function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * What a `# syntax=` value pins. `floating` means a channel that follows new releases
 * (`docker/dockerfile:1`, no tag, `latest`); `version` is the pinned major.minor; `other`
 * is a frontend this tool does not know (a custom image or a mirror it cannot read).
 */
export function parseSyntax(value: string): { kind: 'floating' } | { kind: 'pinned'; version: Version; channel: string; digest: boolean } | { kind: 'other' } {
  const ref = value.trim().split(/\s+/)[0];
  const m = /^(?:(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?)(?::([^@]+))?(@sha256:[0-9a-f]+)?$/i.exec(ref);
  if (!m) return { kind: 'other' };
  const tag = m[1];
  if (!tag || tag === 'latest' || tag === 'labs' || tag === 'master') return { kind: 'floating' };
  const t = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-(\w+))?$/.exec(tag);
  if (!t) return { kind: 'other' };
  if (t[2] === undefined) return { kind: 'floating' }; // `:1`, `:1-labs`: latest 1.x
  // `digest`: `:1.4@sha256:…` is that exact image; only a new digest could raise it.
  return { kind: 'pinned', version: [Number(t[1]), Number(t[2])], channel: t[4] ?? '', digest: m[2] !== undefined };
}

/** Does a pinned frontend support a feature that needs `min`? Labs/experimental channels got some features early. */
export function supports(pinned: { version: Version; channel: string }, min: Version, feature: string): boolean {
  if (compare(pinned.version, min) >= 0) return true;
  const early = pinned.channel === 'experimental' || pinned.channel === 'labs';
  if (early && feature === 'RUN --mount' && compare(pinned.version, [1, 0]) >= 0) return true;
  if (pinned.channel === 'labs' && feature === 'here-documents' && compare(pinned.version, [1, 3]) >= 0) return true;
  return false;
}
