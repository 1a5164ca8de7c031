import { ERROR_STATUS, type ErrorCode, type FieldError } from "@/lib/errors/app-error";

/*
 * The one way the browser calls DocState's own HTTP endpoints (the /api/v1 routes with the
 * session cookie, and the few page-side routes). Every failure becomes an ApiError with the
 * server's stable code (lib/errors/app-error.ts), so components branch on codes, never on
 * statuses or on parsing problem+json themselves. Browser-only: it lives with the components,
 * not in lib/, which the server and the worker share.
 */

/** Failures that never produced an answer from DocState: no network, or an answer that is not JSON (a sign-in page). */
export type ClientErrorCode = "NETWORK" | "BAD_RESPONSE";

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** The HTTP status, 0 when there was no answer. */
    readonly status: number,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface RequestOptions {
  /** Default GET, or POST when there is a body. */
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

const NETWORK_MESSAGE = "The server could not be reached. Check your connection and try again.";

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: "VALIDATION_FAILED",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
  503: "UNAVAILABLE",
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_STATUS, value);
}

/** Pure: the ApiError for a failed answer, from its problem+json body when it has one. */
export function problemToError(status: number, body: unknown): ApiError {
  const problem = (typeof body === "object" && body !== null ? body : {}) as {
    code?: unknown;
    detail?: unknown;
    title?: unknown;
    errors?: unknown;
  };
  const code = isErrorCode(problem.code) ? problem.code : (STATUS_CODES[status] ?? "INTERNAL");
  const message =
    typeof problem.detail === "string"
      ? problem.detail
      : typeof problem.title === "string"
        ? problem.title
        : `The server answered ${status}.`;
  const fieldErrors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
  return new ApiError(code, message, status, fieldErrors);
}

async function send(url: string, options: RequestOptions, accept: string): Promise<Response> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? (hasBody ? "POST" : "GET"),
      headers: hasBody ? { accept, "content-type": "application/json" } : { accept },
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
      // Live views poll: an answer from the HTTP cache would show old numbers as new.
      cache: "no-store",
    });
  } catch (error) {
    if (options.signal?.aborted) throw error; // React Query's cancellation, not a failure to show
    throw new ApiError("NETWORK", NETWORK_MESSAGE, 0);
  }
  if (!response.ok) throw problemToError(response.status, await response.json().catch(() => null));
  return response;
}

/** JSON in and out; a failure throws ApiError. */
export async function fetchJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(url, options, "application/json");
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(
      "BAD_RESPONSE",
      "The server's answer was not readable. Reload the page and try again.",
      response.status,
    );
  }
}

/** A text body (content previews); a failure throws ApiError like fetchJson. */
export async function fetchText(url: string, options: RequestOptions = {}): Promise<string> {
  const response = await send(url, options, "*/*");
  return response.text();
}
