import type { DocStateClient, Document } from "@docstate/client";

/**
 * Polls until the document's automated action has finished: no job left (it succeeded and
 * the document moved on) or a job that will not run again by itself (exhausted, cancelled).
 */
export async function waitForAction(
  docstate: DocStateClient,
  id: string,
  { timeoutMs = 60_000, intervalMs = 1_000 } = {},
): Promise<Document> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const document = await docstate.getDocument(id);
    if (!document.job || document.job.status === "exhausted" || document.job.status === "cancelled") return document;
    if (Date.now() > deadline) throw new Error(`document ${id} still waiting in "${document.state}"`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
