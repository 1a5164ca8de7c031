import { apiRoute, json } from "@/lib/api/api-route";
import { documentIdParams, fireTransitionBody } from "@/lib/api/schemas";
import { fireTransition } from "@/lib/services/documents/fire-transition";

export const POST = apiRoute({ role: "VIEWER", params: documentIdParams, body: fireTransitionBody }, async ({ db, actor, params, body }) => {
  // Role checks are per transition (definition roles), so the service decides, not the route.
  const result = await fireTransition(db, actor, { documentId: params.id, ...body });
  return json(result, 200, result.replayed ? { "idempotent-replayed": "true" } : {});
});
