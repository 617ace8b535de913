/**
 * syntax-directive: add `# syntax=docker/dockerfile:1` as the first line, or raise a
 * pinned frontend that is too old for the features the file uses.
 *
 *     FROM node:20                 # syntax=docker/dockerfile:1
 *     RUN npm ci           ==>     FROM node:20
 *                                  RUN npm ci
 *
 * Options: `image` (default `docker/dockerfile:1`), for users who mirror the frontend; it
 * must be a valid image reference (src/model/image-ref.ts).
 * Turn it off with `-x syntax-directive` when builds are air-gapped: the directive makes
 * BuildKit pull the frontend image.
 *
 * A pin it does not raise: one with a digest (only a new digest could raise it, and dockerfix
 * cannot know one), and one its image is no newer than; it gives advice instead. It never
 * writes an image that lacks a feature the file uses. {@link frontendFor} is that rule, for
 * one feature: cache-mounts asks it before adding `RUN --mount` under an old pin.
 */
import type { Advice } from '../src/core/fix.js';
import type { Transform } from '../src/core/transform.js';
import type { DockerfileModel } from '../src/model/dockerfile.js';
import { feature, featuresUsed, parseSyntax, supports, type Version } from '../src/model/frontend.js';
import { imageReferenceProblem } from '../src/model/image-ref.js';

export const DEFAULT_IMAGE = 'docker/dockerfile:1';

/**
 * The image this transform writes: its `image` option, or the default. The CLI and the
 * config file refuse an invalid one before any file is read; a library caller's invalid one
 * is reported here, and nothing is written.
 */
export function imageOption(options: Record<string, unknown>): { image: string } | { problem: string } {
  if (options.image === undefined) return { image: DEFAULT_IMAGE };
  if (typeof options.image !== 'string') return { problem: 'it is not a string' };
  const problem = imageReferenceProblem(options.image);
  return problem ? { problem } : { image: options.image };
}

/** Why this transform does not add a directive to a file without one (advice), or null when it does. */
export function addBlocked(model: DockerfileModel): Advice | null {
  // A `# syntax=` comment below other lines is not a directive; adding a second would confuse.
  for (let l = 0; l < model.lines.lineCount; l++) {
    if (!/^\s*#\s*syntax\s*=/i.test(model.lines.lineText(l))) continue;
    return { line: l + 1, message: `Line ${l + 1} looks like a syntax directive but is not one: directives must be the first lines of the file. Move it to line 1.` };
  }
  // A `#!` first line: BuildKit's directive rules differ between its parsers there; leave it to a human.
  if (model.lines.lineText(0).startsWith('#!')) {
    return { line: 1, message: 'The file starts with a `#!` line, so no syntax directive was added; add `# syntax=docker/dockerfile:1` by hand if the build needs it.' };
  }
  return null;
}

/** Does an image this transform would write lack a feature? (A frontend it cannot read is the user's mirror of docker/dockerfile:1.) */
function imageLacks(image: string, f: { id: string; min: Version }): boolean {
  const p = parseSyntax(image);
  return p.kind === 'pinned' && !supports(p, f.min, f.id);
}

/** What becomes of a file's frontend, for one feature, once syntax-directive has acted on the file. */
export type FrontendOutcome =
  /** The frontend the file ends with has the feature (no directive means the builder's own frontend). */
  | { kind: 'supported' }
  /** The pin lacks it, and syntax-directive raises it to `to` as soon as the file uses the feature. */
  | { kind: 'raised'; to: string }
  /** A frontend dockerfix does not know: it may lack the feature. */
  | { kind: 'unknown'; value: string; line: number }
  /**
   * The frontend lacks it and stays so: `subject` names it ("The syntax directive pins `…`"),
   * `why` says why syntax-directive does not raise it (empty when the subject says it), and
   * `byHand` what the user can do instead.
   */
  | { kind: 'stays-old'; value: string; line: number; subject: string; why: string; byHand: string };

/**
 * The one rule for a frontend too old for a feature. syntax-directive applies it to every
 * feature a file uses; cache-mounts asks it about `RUN --mount` before adding one, so that a
 * mount goes in only where the file will end with a frontend that has it: either the pin
 * already supports it, or syntax-directive runs and raises the pin in the next pass.
 * `settings`: syntax-directive's options when it runs on the file, null when it does not.
 */
export function frontendFor(model: DockerfileModel, featureId: string, settings: Readonly<Record<string, unknown>> | null): FrontendOutcome {
  const f = feature(featureId);
  const outcome = outcomeFor(model, f, settings);
  if (outcome.kind !== 'raised') return outcome;
  // syntax-directive raises a pin only when it can raise it far enough for everything the file uses.
  for (const g of featuresUsed(model)) {
    const other = outcomeFor(model, g, settings);
    if (other.kind === 'stays-old') return { ...other, why: `the file also uses ${g.id}, and ${other.why}` };
  }
  return outcome;
}

function outcomeFor(model: DockerfileModel, f: { id: string; min: Version }, settings: Readonly<Record<string, unknown>> | null): FrontendOutcome {
  const need = `docker/dockerfile:${f.min.join('.')}`;
  const raiseByHand = `raise the pin by hand to ${need} or later (\`docker/dockerfile:1\` follows every 1.x release)`;
  const chosen = settings === null ? null : imageOption(settings);
  const image = chosen !== null && 'image' in chosen ? chosen.image : null;
  const directive = model.directives.find((d) => d.name === 'syntax');

  if (!directive) {
    // The builder's own frontend, unless syntax-directive adds its image.
    if (image === null || addBlocked(model) || !imageLacks(image, f)) return { kind: 'supported' };
    return { kind: 'stays-old', value: image, line: 1, subject: `The syntax-directive transform adds \`# syntax=${image}\` (its image option)`, why: '', byHand: `point that option (\`--syntax-image\`) at ${need} or later` };
  }
  const value = directive.value;
  const line = directive.line + 1;
  const p = parseSyntax(value);
  if (p.kind === 'other') return image !== null && value === image ? { kind: 'supported' } : { kind: 'unknown', value, line };
  if (p.kind === 'floating' || supports(p, f.min, f.id)) return { kind: 'supported' };
  const stays = (why: string, byHand: string): FrontendOutcome => ({ kind: 'stays-old', value, line, subject: `The syntax directive pins \`${value}\``, why, byHand });
  if (p.digest) {
    return stays(
      'the pin has a digest, and dockerfix does not replace a digest (it cannot know the digest of a newer release)',
      `replace it by hand with a ${need} or later reference and that release's digest`,
    );
  }
  if (settings === null) {
    const off = model.globalIgnore.has('syntax-directive')
      ? 'a `# dockerfix global ignore=syntax-directive` comment turns off the syntax-directive transform, which would raise the pin, for this file'
      : 'the syntax-directive transform, which would raise the pin, is not enabled in this run';
    return stays(off, raiseByHand);
  }
  if (image === null) return stays("the syntax-directive transform's image option is not a valid image reference", raiseByHand);
  const otherImage = `point that option (\`--syntax-image\`) at ${need} or later, or ${raiseByHand}`;
  if (image === value) return stays("it is the syntax-directive transform's own image option, which it does not raise", otherImage);
  if (imageLacks(image, f)) return stays(`the syntax-directive transform would raise it to its image option, \`${image}\`, which is older than ${need} too`, otherImage);
  return { kind: 'raised', to: image };
}

const transform: Transform = {
  id: 'syntax-directive',
  description: 'Add `# syntax=docker/dockerfile:1` (or raise a pinned frontend too old for the file) so cache mounts and heredocs work on any BuildKit.',
  defaultEnabled: true,
  run({ model, options }) {
    // Nothing to build: an empty or comment-only file gets nothing either.
    if (model.stages.length === 0) return { fixes: [] };
    const chosen = imageOption(options);
    if ('problem' in chosen) {
      return { fixes: [], advice: [{ line: 1, message: `The image option ${JSON.stringify(options.image)} is not a valid image reference (${chosen.problem}), so no syntax directive was added or raised.` }] };
    }
    const image = chosen.image;
    const used = featuresUsed(model);

    const existing = model.directives.find((d) => d.name === 'syntax');
    if (existing) {
      // Highest minimum version first: the first feature the pin lacks is the one to name.
      const outcomes = used.map((f) => ({ f, o: frontendFor(model, f.id, options) }));
      const stuck = outcomes.find((x) => x.o.kind === 'stays-old');
      if (stuck && stuck.o.kind === 'stays-old') {
        const need = `docker/dockerfile:${stuck.f.min.join('.')}`;
        return {
          fixes: [],
          advice: [{ line: stuck.o.line, message: `${stuck.o.subject}, older than ${need}, which is needed for ${stuck.f.id}: the build fails with this pin. It was not raised, because ${stuck.o.why}. To fix the build, ${stuck.o.byHand}.` }],
        };
      }
      const raise = outcomes.find((x) => x.o.kind === 'raised');
      if (!raise) return { fixes: [] };
      // Replace just the value, keeping the `# syntax=` spelling of the line.
      const lineText = model.text.slice(existing.start, existing.end);
      const at = existing.start + lineText.indexOf(existing.value);
      return {
        fixes: [
          {
            message: `Raised the pinned frontend \`${existing.value}\` to \`${image}\`: this file uses ${raise.f.id}, which needs docker/dockerfile:${raise.f.min.join('.')} or later; the old pin would fail the build.`,
            line: existing.line + 1,
            edits: [{ range: [at, at + existing.value.length], text: image }],
            directives: true,
          },
        ],
      };
    }

    const blocked = addBlocked(model);
    if (blocked) return { fixes: [], advice: [blocked] };
    const lacking = used.find((f) => imageLacks(image, f));
    if (lacking) {
      const need = `docker/dockerfile:${lacking.min.join('.')}`;
      return {
        fixes: [],
        advice: [{ line: 1, message: `No syntax directive was added: the image option \`${image}\` is older than ${need}, which is needed for ${lacking.id}, so the build would fail with it. Point the image option (\`--syntax-image\`) at ${need} or later, or add a directive by hand.` }],
      };
    }

    // First line, above `escape`/`check`, so they stay contiguous directives.
    return {
      fixes: [
        {
          message: `Added \`# syntax=${image}\`: every builder then uses the current stable Dockerfile frontend, so cache mounts (\`RUN --mount=type=cache\`) and heredocs work the same on old and new engines. BuildKit pulls this frontend image; turn this off with \`-x syntax-directive\` for air-gapped builds, or point \`--syntax-image\` at a mirror.`,
          line: 1,
          edits: [{ range: [0, 0], text: `# syntax=${image}\n` }],
          directives: true,
        },
      ],
    };
  },
};

export default transform;
