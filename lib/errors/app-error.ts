/**
 * Every expected failure in DocState is an AppError with a stable string code. The API maps
 * codes to problem+json (lib/api/error-response.ts), server actions return them as
 * `{ok: false, code, message}` for the UI to show; nothing else decides HTTP statuses.
 */
export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CALLBACK_TOKEN_INVALID: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  WORKFLOW_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CONFLICT: 409,
  STALE_VERSION: 409,
  DUPLICATE_KEY: 409,
  NOTHING_TO_RETRY: 409,
  NOTHING_TO_CANCEL: 409,
  NOTHING_TO_SETTLE: 409,
  CALLBACK_NOT_AWAITED: 409,
  NO_PUBLISHED_VERSION: 409,
  NOT_ARCHIVABLE: 409,
  TRANSITION_NOT_ALLOWED: 422,
  GUARD_FAILED: 422,
  OUTPUT_INVALID: 422,
  INVALID_DEFINITION: 422,
  REASON_REQUIRED: 422,
  BULK_TOO_LARGE: 422,
  EMPTY_SELECTION: 422,
  UNKNOWN_STATE: 422,
  ALREADY_IN_STATE: 422,
  INVALID_PERIOD: 422,
  UNMAPPED_STATES: 422,
  SAME_VERSION: 422,
  VERSION_NOT_PUBLISHED: 422,
  VERSION_RETIRED: 422,
  WORKFLOW_MISMATCH: 422,
  JOB_RUNNING: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  OVERLOADED: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly fieldErrors?: FieldError[];

  constructor(
    code: ErrorCode,
    message: string,
    extra?: { details?: Record<string, unknown>; fieldErrors?: FieldError[] },
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = extra?.details;
    this.fieldErrors = extra?.fieldErrors;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
