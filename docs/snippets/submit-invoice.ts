import { isDocStateError, type DocStateClient } from "@docstate/client";

/** Fires "submit" at the version we read, and reacts to what DocState answers. */
export async function submitInvoice(
  docstate: DocStateClient,
  id: string,
): Promise<"submitted" | "not-draft" | "refused"> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const document = await docstate.getDocument(id);
    if (document.state !== "draft") return "not-draft";
    try {
      await docstate.fire(id, "submit", {
        expectedVersion: document.version,
        // The same key on a repeat returns the first result instead of firing twice.
        idempotencyKey: `erp-submit-${id}-v${document.version}`,
      });
      return "submitted";
    } catch (error) {
      // 409: someone changed the document after we read it. Read it again and decide again.
      if (isDocStateError(error, "STALE_VERSION", "CONFLICT")) continue;
      // 422: the state does not allow it, a guard refused the metadata, a reason is missing.
      // Repeating the same request cannot succeed: report it.
      if (isDocStateError(error, "TRANSITION_NOT_ALLOWED", "GUARD_FAILED", "REASON_REQUIRED")) return "refused";
      // 401/403: fix the token. 429/503/network: error.isRetryable; wait error.retryAfterSeconds.
      throw error;
    }
  }
  throw new Error(`document ${id} kept changing; giving up after 3 reads`);
}
