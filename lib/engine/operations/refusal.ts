import type { Role } from "../definition-schema";
import { hasAtLeastRole } from "../roles";

/*
 * The preconditions of the manual operations on a document (fire, move, retry, cancel), as
 * pure checks: "may this actor do this to this document as read, and if not, which code and
 * message". The services call them before writing, the bulk preview and runner call them
 * for every document, and the document page calls them to say why a button is disabled, so
 * the three can never disagree. The database re-checks atomically (version, job status):
 * a check passing here is a prediction, not a lock.
 */

/**
 * Why an operation is refused. The codes are the application's stable error codes
 * (lib/errors/app-error.ts maps them to HTTP statuses; the type system keeps this list a
 * subset of them where services turn a refusal into an AppError).
 */
export type RefusalCode =
  | "FORBIDDEN"
  | "TRANSITION_NOT_ALLOWED"
  | "GUARD_FAILED"
  | "REASON_REQUIRED"
  | "UNKNOWN_STATE"
  | "ALREADY_IN_STATE"
  | "NOTHING_TO_RETRY"
  | "NOTHING_TO_CANCEL"
  | "NOTHING_TO_SETTLE"
  | "CONFLICT";

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
  details?: Record<string, unknown>;
  fieldErrors?: { path: string; message: string }[];
}

/** A check's answer: what the operation will do when allowed, or why it is refused. */
export type Check<T = object> = ({ ok: true } & T) | Refusal;

export function refuse(code: RefusalCode, message: string, extra?: Omit<Refusal, "ok" | "code" | "message">): Refusal {
  return { ok: false, code, message, ...extra };
}

/** The manual operations on one document. */
export type OperationName = "fire" | "move" | "retry" | "cancel" | "settle";

/**
 * The least role each operation needs whatever the document. A fire has none of its own:
 * each transition's `roles` decide (a transition may let viewers fire it).
 */
export const OPERATION_MIN_ROLE: Record<Exclude<OperationName, "fire">, Role> = {
  move: "admin",
  retry: "operator",
  cancel: "operator",
  settle: "operator",
};

const ROLE_MESSAGES: Record<keyof typeof OPERATION_MIN_ROLE, string> = {
  move: "Only admins can move documents to an arbitrary state.",
  retry: "Viewers cannot retry documents.",
  cancel: "Viewers cannot cancel actions.",
  settle: "Viewers cannot complete or fail actions.",
};

/**
 * Pure: FORBIDDEN when `role` is below the operation's least role, else null. Services
 * call it before reading the document too, so an unauthorized caller learns nothing about
 * the document (not even whether it exists).
 */
export function checkOperationRole(operation: keyof typeof OPERATION_MIN_ROLE, role: Role): Refusal | null {
  return hasAtLeastRole(role, OPERATION_MIN_ROLE[operation]) ? null : refuse("FORBIDDEN", ROLE_MESSAGES[operation]);
}
