import { apiRoute, json } from "../api-route";
import { replayDraft } from "../../services/workflows/replay/replay-draft";
import { replayDraftBody, workflowKeyParams } from "../../contracts/workflow-requests";

export const POST = apiRoute(
  { role: "admin", params: workflowKeyParams, body: replayDraftBody },
  async ({ db, actor, params, body }) =>
    json(await replayDraft(db, actor, { key: params.key, days: body.days, limit: body.limit })),
);
