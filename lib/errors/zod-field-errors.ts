import type { ZodError } from "zod";
import type { FieldError } from "./app-error";

/** A zod error's issues as the field errors every edge returns (API, server actions, services). */
export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(root)", message: issue.message }));
}
