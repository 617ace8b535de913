/** Error codes a per-file failure can carry. Stable: machine output exposes them. */
export type ErrorCode =
  | 'E_NOT_FOUND'
  | 'E_READ'
  | 'E_WRITE'
  | 'E_BINARY'
  | 'E_ENCODING'
  | 'E_TOO_LARGE'
  | 'E_NOT_DOCKERFILE'
  | 'E_PARSE'
  | 'E_VERIFY'
  | 'E_CYCLE'
  | 'E_TRANSFORM'
  | 'E_USAGE'
  /** `--verify`: the rewritten file builds a different image, or does not build. */
  | 'E_DIFFERS'
  /** `--verify`: the rewrite could not be built and compared (the reason says why). */
  | 'E_UNVERIFIED';

/** The one error class of dockerfix: a code, a message, and where it happened. */
export class DockerfixError extends Error {
  readonly code: ErrorCode;
  readonly path?: string;
  readonly transform?: string;
  constructor(code: ErrorCode, message: string, opts: { path?: string; transform?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DockerfixError';
    this.code = code;
    this.path = opts.path;
    this.transform = opts.transform;
  }
}
