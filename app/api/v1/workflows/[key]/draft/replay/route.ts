import { apiRoute, json } from "@/lib/api/api-route";
import { replayDraft } from "@/lib/services/workflows/replay/replay-draft";
import { replayDraftBody, workflowKeyParams } from "@/lib/contracts/workflow-requests";

export const POST = apiRoute(
  { role: "admin", params: workflowKeyParams, body: replayDraftBody },
  async ({ db, actor, params, body }) =>
    json(await replayDraft(db, actor, { key: params.key, days: body.days, limit: body.limit })),
);
