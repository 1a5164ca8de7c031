import { z } from "zod";
import { dateBound } from "./document-filter";

/** Audit actions DocState writes, offered as suggestions by the /audit filter (any text filters). */
export const KNOWN_AUDIT_ACTIONS = [
  "alert.acknowledge",
  "alert.open",
  "alert.resolve",
  "alert_rule.create",
  "alert_rule.delete",
  "alert_rule.update",
  "bulk.cancel",
  "bulk.fire",
  "bulk.move",
  "bulk.retry",
  "document.archive",
  "document.move",
  "token.create",
  "token.revoke",
  "user.bootstrap_admin",
  "user.create",
  "user.disable",
  "user.enable",
  "user.role_change",
  "workflow.create",
  "workflow.save_draft",
  "workflow.publish",
] as const;

// Printable text only: a NUL byte or another control character is refused with a message
// instead of reaching the database (which cannot store NUL in text).
const filterText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: `Enter ${what}.` })
    .max(max, { error: `Use at most ${max} characters.` })
    .regex(/^[^\p{Cc}]*$/u, { error: "Control characters are not allowed." })
    .optional();

/** The filter of the audit log: the /audit page's URL and GET /api/v1/audit's query. */
export const auditFilterFields = {
  actor: filterText("an actor", 200).meta({ description: "Exact actor name (a user's e-mail, token:<name>, system)." }),
  action: filterText("an action", 100).meta({ description: "Exact action, e.g. user.role_change." }),
  targetType: filterText("a target type", 50).meta({ description: "Entity type, e.g. document, workflow, user." }),
  target: filterText("a target", 200).meta({ description: "Entity id (a document id, a workflow id, ...)." }),
  from: dateBound("from").optional().meta({ description: "At or after (a day, UTC, or an ISO date-time)." }),
  to: dateBound("to").optional().meta({ description: "Before (a day includes that whole day)." }),
};

export const auditListQuery = z
  .strictObject({
    ...auditFilterFields,
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { error: "`from` must be before `to`.", path: ["to"] });

export const auditExportQuery = z
  .strictObject(auditFilterFields)
  .refine((q) => !q.from || !q.to || q.from < q.to, { error: "`from` must be before `to`.", path: ["to"] });

export type AuditListQuery = z.infer<typeof auditListQuery>;
export type AuditFilter = z.infer<typeof auditExportQuery>;
