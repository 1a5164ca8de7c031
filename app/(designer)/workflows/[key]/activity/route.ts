import { apiRoute, json } from "@/lib/api/api-route";
import { getStateActivity } from "@/lib/services/workflows/get-state-activity";
import { workflowKeyParams } from "@/lib/contracts/workflow-requests";

// The designer's monitor mode polls this (with /api/v1/stats) for per-state waits and
// action health. Same gate as the API: a signed-in viewer or a bearer token.
export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "viewer", params: workflowKeyParams }, async ({ db, params }) =>
  json(await getStateActivity(db, { key: params.key })),
);
