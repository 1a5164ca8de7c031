import { apiRoute, json } from "@/lib/api/api-route";
import { cancelJob } from "@/lib/services/jobs/cancel-job";
import { cancelJobBody, documentIdParams } from "@/lib/contracts/document-requests";

/** Cancels the document's waiting or exhausted automated action. */
export const POST = apiRoute(
  { role: "operator", params: documentIdParams, body: cancelJobBody },
  async ({ db, actor, params, body }) =>
    json(await cancelJob(db, actor, { documentId: params.id, reason: body.reason })),
);
