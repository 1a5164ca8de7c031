import { apiRoute, json } from "@/lib/api/api-route";
import { getDocument } from "@/lib/services/documents/get-document";
import { getLastRetry } from "@/lib/services/recovery/get-last-retry";
import { documentIdParams } from "@/lib/contracts/document-requests";

// The detail adds the latest manual retry and its outcome (lists and state-change answers do not).
export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, params }) => {
  const document = await getDocument(db, { id: params.id });
  return json({ ...document, lastRetry: await getLastRetry(db, { documentId: document.id }) });
});
