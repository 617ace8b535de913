/**
 * What `--verify` says about one file: the verdict and what it rests on. The same object
 * goes into every report format (json/ndjson `verify`, the markdown column, a stylish line);
 * its fields are flat and stable so a SARIF result can carry them as properties.
 */

export type Verdict = 'proven' | 'differs' | 'original does not build' | 'could not verify';

/** One difference between the two images, or a build of the rewrite that failed. */
export interface VerifyDifference {
  /** `path`: a file system entry; `config`: an image config field; `build`: the rewritten file did not build. */
  kind: 'path' | 'config' | 'build';
  /** The image path, the config field, or the build's last error line. */
  what: string;
  detail: string;
  /** `cold`: the first builds; `empty-mounts`: rebuilt after a source edit with its cache mounts emptied. */
  phase: 'cold' | 'empty-mounts';
}

export interface VerifyAttempt {
  transforms: string[];
  unsafe: boolean;
  verdict: Verdict;
  reason: string | null;
}

export interface VerifyResult {
  verdict: Verdict;
  /** One line: why (for anything but `proven`), or what was proven. */
  reason: string;
  /** The engine that built (`docker build (BuildKit), client 20.10.24, engine 20.10.24`). */
  engine: string | null;
  /** The first differences (at most {@link MAX_DIFFERENCES}). */
  differences: VerifyDifference[];
  /** The context file the source edit touched (context-relative), or null when none was found. */
  editedFile: string | null;
  /** Things the verdict does not cover, and cleanup problems. */
  notes: string[];
  /** With `--unsafe`: the transforms of the rewrite that was kept, and every try. */
  transforms?: string[];
  attempts?: VerifyAttempt[];
}

export const MAX_DIFFERENCES = 10;
