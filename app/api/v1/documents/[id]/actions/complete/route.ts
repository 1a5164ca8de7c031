import { apiRoute, json } from "@/lib/api/api-route";
import { settleAction } from "@/lib/services/jobs/settle-action";
import { documentIdParams, settleActionBody } from "@/lib/contracts/document-requests";

/** Completes the document's waiting, retrying, exhausted or cancelled action by hand: records it as succeeded and fires the state's onSuccess. */
export const POST = apiRoute(
  { role: "operator", params: documentIdParams, body: settleActionBody },
  async ({ db, actor, params, body }) =>
    json(
      await settleAction(db, actor, { documentId: params.id, outcome: "complete", reason: body.reason ?? "", ...body }),
    ),
);
