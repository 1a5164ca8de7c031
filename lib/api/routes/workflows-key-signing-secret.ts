import { apiRoute, json } from "../api-route";
import { rotateSigningSecret } from "../../services/webhooks/rotate-signing-secret";
import { rotateSigningSecretBody, workflowKeyParams } from "../../contracts/workflow-requests";

/** Generates (or rotates) the workflow's webhook signing secret; the answer is the only time it is shown. */
export const POST = apiRoute(
  { role: "admin", params: workflowKeyParams, body: rotateSigningSecretBody },
  async ({ db, actor, params, body }) =>
    json(await rotateSigningSecret(db, actor, { workflowKey: params.key, graceSeconds: body.graceSeconds }), 201),
);
