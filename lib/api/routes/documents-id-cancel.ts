import { apiRoute, json } from "../api-route";
import { cancelJob } from "../../services/jobs/cancel-job";
import { cancelJobBody, documentIdParams } from "../../contracts/document-requests";

/** Cancels the document's waiting or exhausted automated action. */
export const POST = apiRoute(
  { role: "operator", params: documentIdParams, body: cancelJobBody },
  async ({ db, actor, params, body }) =>
    json(await cancelJob(db, actor, { documentId: params.id, reason: body.reason })),
);
