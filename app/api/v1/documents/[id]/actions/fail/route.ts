import { apiRoute, json } from "@/lib/api/api-route";
import { settleAction } from "@/lib/services/jobs/settle-action";
import { documentIdParams, settleActionBody } from "@/lib/contracts/document-requests";

/** Fails the document's waiting, retrying, exhausted or cancelled action by hand: records it as failed for good and fires the state's onFailure. */
export const POST = apiRoute(
  { role: "operator", params: documentIdParams, body: settleActionBody },
  async ({ db, actor, params, body }) =>
    json(await settleAction(db, actor, { documentId: params.id, outcome: "fail", ...body, reason: body.reason ?? "" })),
);
