import { apiRoute, json } from "../api-route";
import { fireTransition } from "../../services/documents/fire-transition";
import { listAvailableTransitions } from "../../services/documents/list-available-transitions";
import { documentIdParams, fireTransitionBody } from "../../contracts/document-requests";

/** The transitions leaving the document's state, each allowed or blocked (with why) for the caller. */
export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, actor, params }) =>
  json(await listAvailableTransitions(db, actor, { id: params.id })),
);

export const POST = apiRoute(
  { role: "viewer", params: documentIdParams, body: fireTransitionBody },
  async ({ db, actor, params, body }) => {
    // Role checks are per transition (definition roles), so the service decides, not the route.
    const result = await fireTransition(db, actor, { documentId: params.id, ...body });
    return json(result, 200, result.replayed ? { "idempotent-replayed": "true" } : {});
  },
);
