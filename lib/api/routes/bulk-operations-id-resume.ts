import { apiRoute, json } from "../api-route";
import { resumeBulkOperation } from "../../services/bulk/resume-bulk-operation";
import { bulkIdParams } from "../../contracts/bulk-request";

/** Resumes a paused retry (its first chunk failed again too often): the rest runs now. */
export const POST = apiRoute({ role: "operator", params: bulkIdParams }, async ({ db, actor, params }) =>
  json(await resumeBulkOperation(db, actor, { id: params.id })),
);
