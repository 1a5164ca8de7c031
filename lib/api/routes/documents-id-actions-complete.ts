import { apiRoute, json } from "../api-route";
import { completeCallback } from "../../services/jobs/complete-callback";
import { settleAction } from "../../services/jobs/settle-action";
import { actionCompletionBody, documentIdParams } from "../../contracts/document-requests";

/** Completes the document's automated action: a called system with its callbackToken (no credentials needed), or an operator with a reason (waiting, retrying, exhausted or cancelled actions). Fires onSuccess; output is merged into the metadata in the same statement. */
export const POST = apiRoute(
  {
    // The callback token is the called system's only credential (see completeCallback).
    role: (body) => (body.callbackToken ? null : "operator"),
    params: documentIdParams,
    body: actionCompletionBody,
  },
  async ({ db, actor, params, body: { callbackToken, ...body } }) =>
    json(
      callbackToken
        ? await completeCallback(db, actor, { documentId: params.id, outcome: "complete", callbackToken, ...body })
        : await settleAction(db, actor, {
            documentId: params.id,
            outcome: "complete",
            ...body,
            reason: body.reason ?? "",
          }),
    ),
);
