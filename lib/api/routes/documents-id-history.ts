import { apiRoute, json } from "../api-route";
import { getHistory } from "../../services/documents/get-history";
import { documentIdParams, historyQuery } from "../../contracts/document-requests";

export const GET = apiRoute(
  { role: "viewer", params: documentIdParams, query: historyQuery },
  async ({ db, actor, params, query }) =>
    json({ items: await getHistory(db, { id: params.id, order: query.order }, actor) }),
);
