import "server-only";
import type { z } from "zod";
import { type Actor, type Role } from "../engine";
import { requireRole } from "../auth/require-role";
import { getDb, type Db } from "../db/client";
import type { ErrorCode, FieldError } from "../errors/app-error";
import { zodFieldErrors } from "../errors/zod-field-errors";
import { findNulCharacters } from "../contracts/find-nul-characters";
import { toAppError } from "./error-response";

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldError[] };

/**
 * The one shape of every server action: authenticate and authorize on the server (actions
 * are public endpoints), parse the input with zod, call one service, and return a result
 * the UI can show — never throw an internal error to the client.
 */
export function defineAction<S extends z.ZodType, T>(options: {
  role: Role;
  /** Only for the change-password action: usable before a forced password change is done. */
  allowPendingPasswordChange?: boolean;
  input: S;
  handler: (input: z.infer<S>, context: { actor: Actor; db: Db }) => Promise<T>;
}): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const actor = await requireRole(options.role, undefined, {
        allowPendingPasswordChange: options.allowPendingPasswordChange,
      });
      const nulErrors = findNulCharacters(raw, "input");
      if (nulErrors.length > 0) {
        return {
          ok: false,
          code: "VALIDATION_FAILED",
          message: "Text must not contain NUL characters.",
          fieldErrors: nulErrors.map((e) => ({ ...e, path: e.path.replace(/^input\.?/, "") || "(root)" })),
        };
      }
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) {
        return {
          ok: false,
          code: "VALIDATION_FAILED",
          message: "Please correct the highlighted fields.",
          fieldErrors: zodFieldErrors(parsed.error),
        };
      }
      return { ok: true, data: await options.handler(parsed.data, { actor, db: await getDb() }) };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "INTERNAL") console.error("server action failed", error);
      return { ok: false, code: appError.code, message: appError.message, fieldErrors: appError.fieldErrors };
    }
  };
}
