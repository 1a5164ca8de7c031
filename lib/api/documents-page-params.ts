import "server-only";
import { z } from "zod";
import { documentFilterFields } from "../services/documents/document-filter";
import { DOCUMENT_SORTS } from "../services/documents/list-cursor";

/*
 * The search params of the documents page: the shared document filter (workflow, state,
 * status, errors=1, sla=over, signature, q, created/updated range), the sort, the cursor
 * (checked by the list service) and an optional bulk action to open. Anything the page does
 * not understand is an error the page shows, never a silent empty list.
 */
export const documentsPageParams = z.object({
  ...documentFilterFields,
  sort: z.enum(DOCUMENT_SORTS, { error: "That is not a sort order." }).optional(),
  cursor: z
    .string({ error: "This page link was changed or has expired. Start again from the first page." })
    .max(500)
    .optional(),
  bulk: z.enum(["fire", "move", "retry", "cancel"], { error: "That is not a bulk action." }).optional(),
});

export type DocumentsPageParams = z.output<typeof documentsPageParams>;
