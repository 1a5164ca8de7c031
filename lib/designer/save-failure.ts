import type { ErrorCode, FieldError } from "../errors/app-error";

/**
 * How the designer treats a failed autosave, by what went wrong:
 * - transient: the request or the server failed, not the draft. Retried with backoff
 *   (lib/designer/save-retry.ts), or when the browser is back online.
 * - auth: signed out, or no longer an admin. Never retried by itself: the same request
 *   would be refused again until the person signs in; an edit or "Retry now" tries again.
 * - rejected: the server refused this draft (invalid, too large, workflow gone). Retried
 *   only on the next edit, which may fix it.
 * - conflict: another tab or person saved first; this tab stops saving for good.
 */
export type SaveFailureKind = "transient" | "auth" | "rejected" | "conflict";

export interface SaveFailure {
  kind: SaveFailureKind;
  /** A sentence for the person: what happened and what becomes of their changes. */
  message: string;
}

/** "NETWORK": the action call itself threw (no connection, server down, not an action answer). */
export type SaveFailureCode = ErrorCode | "NETWORK";

const TRANSIENT: ReadonlySet<SaveFailureCode> = new Set([
  "NETWORK",
  "INTERNAL",
  "UNAVAILABLE",
  "DATABASE_UNAVAILABLE",
  "OVERLOADED",
  "RATE_LIMITED",
]);
const KEPT = "Your changes stay in this tab and are saved as soon as the server answers.";
const NOT_SAVED = "your last changes are not saved.";

/** Pure: the kind of a failed save and the message to show for it. */
export function describeSaveFailure(result: {
  code: SaveFailureCode;
  message: string;
  fieldErrors?: FieldError[];
}): SaveFailure {
  const { code, message } = result;
  if (code === "CONFLICT") return { kind: "conflict", message };
  if (code === "UNAUTHENTICATED") {
    return {
      kind: "auth",
      message: `You are signed out. Sign in again in another tab (keep this one open), then press Retry; ${NOT_SAVED}`,
    };
  }
  if (code === "FORBIDDEN") {
    return {
      kind: "auth",
      message: `You are no longer an admin, and only admins edit workflows. Sign in as an admin, then press Retry; ${NOT_SAVED}`,
    };
  }
  if (TRANSIENT.has(code)) {
    const cause =
      code === "NETWORK"
        ? `Could not reach the server (${message || "network error"}).`
        : `The server could not save (${message}).`;
    return { kind: "transient", message: `${cause} ${KEPT}` };
  }
  const first = result.fieldErrors?.[0];
  return { kind: "rejected", message: `${message}${first ? ` ${first.path}: ${first.message}` : ""}` };
}
