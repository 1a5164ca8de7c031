import { apiRoute, json } from "../api-route";
import { completeCallback } from "../../services/jobs/complete-callback";
import { settleAction } from "../../services/jobs/settle-action";
import type { SettleOutcome } from "../../engine";
import { actionCompletionBody, documentIdParams } from "../../contracts/document-requests";

/**
 * The handler of both `actions/complete` and `actions/fail`: a called system settles with its
 * callbackToken (no credentials needed), an operator with a reason. The two routes differ
 * only in the outcome, so they share this one definition.
 */
export function actionSettlementRoute(outcome: SettleOutcome) {
  return apiRoute(
    {
      // The callback token is the called system's only credential (see completeCallback).
      role: (body) => (body.callbackToken ? null : "operator"),
      params: documentIdParams,
      body: actionCompletionBody,
    },
    async ({ db, actor, params, body: { callbackToken, ...body } }) =>
      json(
        callbackToken
          ? await completeCallback(db, actor, { documentId: params.id, outcome, callbackToken, ...body })
          : await settleAction(db, actor, { documentId: params.id, outcome, ...body, reason: body.reason ?? "" }),
      ),
  );
}
