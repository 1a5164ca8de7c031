import { z } from "zod";
import { decodeDocumentCursor } from "../services/documents/document-cursor";

/*
 * The search params of the documents page (/documents?workflow=&state=&cursor=). Anything
 * the page does not understand is an error the page shows, never a silent empty list.
 */

const single = <T extends z.ZodType>(schema: T) => z.union([z.undefined(), schema]);

export const documentsPageParams = z.object({
  workflow: single(
    z.string().max(100, { error: "Workflow keys are at most 100 characters." }).regex(/^[a-z0-9][a-z0-9_-]*$/i, { error: "That is not a workflow key." }),
  ),
  state: single(
    z.string().max(64, { error: "State keys are at most 64 characters." }).regex(/^[a-z][a-z0-9_]*$/, { error: "That is not a state key." }),
  ),
  cursor: single(
    z.string().transform((value, ctx) => {
      const cursor = decodeDocumentCursor(value);
      if (!cursor) {
        ctx.addIssue({ code: "custom", message: "The page link is not valid." });
        return z.NEVER;
      }
      return cursor;
    }),
  ),
});

export type DocumentsPageParams = z.output<typeof documentsPageParams>;
