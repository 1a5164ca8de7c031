import { isRetryableStatus, type RetryPolicy } from "../engine";
import { BlockedDestinationError } from "../net/ssrf-guard";

export type ActionErrorKind =
  | "timeout"
  | "connection"
  | "http"
  | "blocked"
  | "internal"
  /** The answer cannot be the action's output (not JSON, too large, fails the output schema). */
  | "output"
  /** A callback action's completion call did not come in time. */
  | "callback_timeout";

export interface ActionError {
  kind: ActionErrorKind;
  message: string;
  retryable: boolean;
  status?: number;
  /** From a Retry-After header: the server's requested wait. */
  retryAfterMs?: number;
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from now. Pure. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Classifies a non-2xx answer. 4xx other than 408/429 is not retryable unless the policy says so. */
export function classifyHttpStatus(
  status: number,
  excerpt: string,
  retryAfter: string | null,
  policy: RetryPolicy | undefined,
  nowMs: number,
): ActionError {
  const body = excerpt.replace(/\s+/g, " ").trim().slice(0, 200);
  return {
    kind: "http",
    status,
    message: `HTTP ${status}${body ? `: ${body}` : ""}`,
    retryable: isRetryableStatus(policy, status),
    retryAfterMs: parseRetryAfter(retryAfter, nowMs),
  };
}

/** Classifies a thrown error from running an action; anything thrown becomes an ActionError. */
export function classifyThrown(error: unknown, timeoutMs: number): ActionError {
  if (error instanceof BlockedDestinationError) return { kind: "blocked", message: error.message, retryable: false };
  const err = error instanceof Error ? error : new Error(String(error));
  if (err.name === "TimeoutError" || err.name === "AbortError") {
    return { kind: "timeout", message: `timeout after ${timeoutMs} ms`, retryable: true };
  }
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (err as NodeJS.ErrnoException).code;
  if (
    code &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+|ETIMEDOUT)$/.test(code)
  ) {
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "ETIMEDOUT") {
      return { kind: "timeout", message: `timeout (${code})`, retryable: true };
    }
    return {
      kind: "connection",
      message: `connection failed: ${code}${cause?.message ? ` (${cause.message})` : ""}`,
      retryable: true,
    };
  }
  return { kind: "internal", message: err.message.split("\n")[0] ?? err.name, retryable: true };
}
