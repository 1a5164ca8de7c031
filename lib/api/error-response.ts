import "server-only";
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "../errors/app-error";
import { zodFieldErrors } from "../errors/zod-field-errors";
import { logger } from "../observability/logger";
import { isDatabaseUnavailable } from "./database-unavailable";

/** Seconds a client is told to wait when the database is unreachable: a restart takes a few. */
const DATABASE_RETRY_AFTER_SECONDS = 2;
/** At most one warning per this many ms while the database is unreachable, not one per request. */
const WARN_EVERY_MS = 10_000;
let lastWarned = 0;

/** Any thrown value as an AppError; unexpected errors become INTERNAL without leaking internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError("VALIDATION_FAILED", "The input is not valid.", { fieldErrors: zodFieldErrors(error) });
  }
  if (isDatabaseUnavailable(error)) {
    const now = Date.now();
    if (now - lastWarned > WARN_EVERY_MS) {
      lastWarned = now;
      logger.warn(
        { event: "database.unavailable", error: error instanceof Error ? error.message : String(error) },
        "database unreachable",
      );
    }
    return new AppError("DATABASE_UNAVAILABLE", "The database cannot be reached at the moment; retry shortly.", {
      details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    });
  }
  return new AppError("INTERNAL", "Something went wrong on our side. It has been logged.");
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  UNAUTHENTICATED: "Authentication required",
  FORBIDDEN: "Forbidden",
  PASSWORD_CHANGE_REQUIRED: "Password change required",
  VALIDATION_FAILED: "Invalid request",
  MALFORMED_JSON: "Malformed JSON",
  PAYLOAD_TOO_LARGE: "Payload too large",
  INTERNAL: "Internal error",
};

/** RFC 9457 problem+json for an error; the one place codes become HTTP responses. */
export function problemResponse(error: unknown, init?: { instance?: string; requestId?: string }): Response {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") console.error("unexpected error", error);
  const body = {
    type: `https://docstate.dev/problems/${appError.code.toLowerCase().replace(/_/g, "-")}`,
    title:
      TITLES[appError.code] ??
      appError.code
        .replace(/_/g, " ")
        .toLowerCase()
        .replace(/^./, (c) => c.toUpperCase()),
    status: appError.status,
    detail: appError.message,
    code: appError.code,
    ...(init?.instance ? { instance: init.instance } : {}),
    ...(init?.requestId ? { requestId: init.requestId } : {}),
    ...(appError.fieldErrors ? { errors: appError.fieldErrors } : {}),
    ...(appError.details ?? {}),
  };
  const headers: Record<string, string> = { "content-type": "application/problem+json", "cache-control": "no-store" };
  if (appError.code === "UNAUTHENTICATED") headers["www-authenticate"] = 'Bearer realm="docstate"';
  const retryAfter = appError.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}
