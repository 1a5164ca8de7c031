import type { Refusal } from "../engine";
import { AppError } from "../errors/app-error";

/**
 * A precondition's refusal (lib/engine/operations) as the AppError a service throws. The
 * refusal codes are a subset of the error codes: this compiles only while they are.
 */
export function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.code, refusal.message, { details: refusal.details, fieldErrors: refusal.fieldErrors });
}
