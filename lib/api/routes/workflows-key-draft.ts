import { apiRoute, json } from "../api-route";
import { saveDraft } from "../../services/workflows/save-draft";
import { saveDraftBody, workflowKeyParams } from "../../contracts/workflow-requests";

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
