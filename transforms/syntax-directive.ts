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
 */
import type { Transform } from '../src/core/transform.js';
import { parseSyntax, requiredVersion, supports } from '../src/model/frontend.js';
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

    const existing = model.directives.find((d) => d.name === 'syntax');
    if (existing) {
      const pinned = parseSyntax(existing.value);
      if (pinned.kind !== 'pinned') return { fixes: [] };
      const need = requiredVersion(model);
      if (!need || supports(pinned, need.version, need.feature)) return { fixes: [] };
      // Replace just the value, keeping the `# syntax=` spelling of the line.
      const lineText = model.text.slice(existing.start, existing.end);
      const at = existing.start + lineText.indexOf(existing.value);
      return {
        fixes: [
          {
            message: `Raised the pinned frontend \`${existing.value}\` to \`${image}\`: this file uses ${need.feature}, which needs docker/dockerfile:${need.version.join('.')} or later; the old pin would fail the build.`,
            line: existing.line + 1,
            edits: [{ range: [at, at + existing.value.length], text: image }],
            directives: true,
          },
        ],
      };
    }

    // A `# syntax=` comment below other lines is not a directive; adding a second would confuse.
    for (let l = 0; l < model.lines.lineCount; l++) {
      if (!/^\s*#\s*syntax\s*=/i.test(model.lines.lineText(l))) continue;
      return {
        fixes: [],
        advice: [{ line: l + 1, message: `Line ${l + 1} looks like a syntax directive but is not one: directives must be the first lines of the file. Move it to line 1.` }],
      };
    }
    // A `#!` first line: BuildKit's directive rules differ between its parsers there; leave it to a human.
    if (model.lines.lineText(0).startsWith('#!')) {
      return { fixes: [], advice: [{ line: 1, message: 'The file starts with a `#!` line, so no syntax directive was added; add `# syntax=docker/dockerfile:1` by hand if the build needs it.' }] };
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
