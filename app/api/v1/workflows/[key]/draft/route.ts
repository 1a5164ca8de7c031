import { apiRoute, json } from "@/lib/api/api-route";
import { saveDraftBody, workflowKeyParams } from "@/lib/api/schemas";
import { saveDraft } from "@/lib/services/workflows/save-draft";

export const PUT = apiRoute(
  { role: "admin", params: workflowKeyParams, body: saveDraftBody },
  async ({ db, actor, params, body }) =>
    json(
      await saveDraft(db, actor, {
        key: params.key,
        definition: body.definition,
        expectedRevision: body.expectedRevision,
      }),
    ),
);
