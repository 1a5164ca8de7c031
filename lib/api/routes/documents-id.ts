import { apiRoute, json } from "../api-route";
import { getDocument } from "../../services/documents/get-document";
import { getLastRetry } from "../../services/recovery/get-last-retry";
import { documentIdParams } from "../../contracts/document-requests";

// The detail adds the latest manual retry and its outcome (lists and state-change answers do not).
export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, params }) => {
  const document = await getDocument(db, { id: params.id });
  return json({ ...document, lastRetry: await getLastRetry(db, { documentId: document.id }) });
});
