import { apiRoute, json } from "../api-route";
import { completeCallback } from "../../services/jobs/complete-callback";
import { settleAction } from "../../services/jobs/settle-action";
import { actionCompletionBody, documentIdParams } from "../../contracts/document-requests";

/** Fails the document's automated action for good: a called system with its callbackToken (no credentials needed), or an operator with a reason. Fires onFailure; the job stays EXHAUSTED for a later retry. */
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
        ? await completeCallback(db, actor, { documentId: params.id, outcome: "fail", callbackToken, ...body })
        : await settleAction(db, actor, { documentId: params.id, outcome: "fail", ...body, reason: body.reason ?? "" }),
    ),
);
