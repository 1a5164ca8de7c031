import { z } from "zod";
import { decodeDocumentCursor } from "../services/documents/document-cursor";

/*
 * The search params of the documents page (/documents?workflow=&state=&q=&status=&errors=1&cursor=). Anything
 * the page does not understand is an error the page shows, never a silent empty list.
 */

export const documentsPageParams = z.object({
  workflow: z
    .string({ error: "Choose one workflow." })
    .max(100, { error: "Workflow keys are at most 100 characters." })
    .regex(/^[a-z0-9][a-z0-9_-]*$/i, { error: "That is not a workflow key." })
    .optional(),
  state: z
    .string({ error: "Choose one state." })
    .max(64, { error: "State keys are at most 64 characters." })
    .regex(/^[a-z][a-z0-9_]*$/, { error: "That is not a state key." })
    .optional(),
  q: z.string().trim().max(200, { error: "Search for at most 200 characters." }).optional()
    .transform((v) => v || undefined),
  status: z.enum(["pending", "running", "exhausted", "cancelled"], { error: "That is not an action status." }).optional(),
  errors: z.literal("1", { error: "Use errors=1 to show documents in an error state." }).optional(),
  cursor: z
    .string({ error: "This page link was changed or has expired. Start again from the first page." })
    .transform((value, ctx) => {
      const cursor = decodeDocumentCursor(value);
      if (!cursor) {
        ctx.addIssue({ code: "custom", message: "This page link was changed or has expired. Start again from the first page." });
        return z.NEVER;
      }
      return cursor;
    })
    .optional(),
});

export type DocumentsPageParams = z.output<typeof documentsPageParams>;
