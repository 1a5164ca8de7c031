/*
 * Every failure of a DocState call as one error type. `kind` says what went wrong at the HTTP
 * level; `code` is the API's stable problem code (see the problem+json `code` member), so
 * callers branch on codes, never on messages.
 */

export type DocStateErrorKind =
  /** The API answered with an application/problem+json error. */
  | "problem"
  /** The request never got an answer: DNS, refused connection, reset, abort. */
  | "network"
  /** An answer that is not what the API sends: not JSON, or an error without a problem body. */
  | "invalid-response";

export interface DocStateFieldError {
  /** Where the bad value is: `body.title`, `query.limit`, `path.id`. */
  path: string;
  message: string;
}

/** The problem+json body DocState answers errors with (RFC 9457 plus `code` and `errors`). */
export interface DocStateProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: DocStateFieldError[];
  [extension: string]: unknown;
}

/** Codes the client itself gives errors that carry no problem body from the server. */
export const CLIENT_ERROR_CODES = { network: "NETWORK_ERROR", "invalid-response": "INVALID_RESPONSE" } as const;

export class DocStateError extends Error {
  readonly kind: DocStateErrorKind;
  /** The problem code (`STALE_VERSION`, `GUARD_FAILED`, …), or NETWORK_ERROR / INVALID_RESPONSE. */
  readonly code: string;
  /** The HTTP status; 0 when there was no answer. */
  readonly status: number;
  readonly fieldErrors: DocStateFieldError[];
  readonly problem: DocStateProblem | undefined;
  /** Seconds the server asked to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(options: {
    kind: DocStateErrorKind;
    message: string;
    code: string;
    status: number;
    problem?: DocStateProblem;
    retryAfterSeconds?: number;
    cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DocStateError";
    this.kind = options.kind;
    this.code = options.code;
    this.status = options.status;
    this.problem = options.problem;
    this.fieldErrors = options.problem?.errors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** True for answers worth repeating unchanged later: 429, 503 and network failures. */
  get isRetryable(): boolean {
    return this.kind === "network" || this.status === 429 || this.status === 503;
  }
}

/** True when `error` is a DocStateError, optionally with one of the given codes. */
export function isDocStateError(error: unknown, ...codes: string[]): error is DocStateError {
  return error instanceof DocStateError && (codes.length === 0 || codes.includes(error.code));
}
