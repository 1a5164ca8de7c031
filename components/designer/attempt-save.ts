"use client";

import type { WorkflowDefinition } from "@/lib/engine";
import type { ActionResult } from "@/lib/api/server-action";
import { describeSaveFailure, type SaveFailure } from "@/lib/designer/save-failure";
import { fetchJson } from "../data/fetch-json";

/** The designer page's save-draft server action (handed down from the page, see DesignerActions). */
export type SaveDraftAction = (input: {
  key: string;
  definition: WorkflowDefinition;
  expectedRevision: number;
}) => Promise<ActionResult<{ revision: number }>>;

export type SaveOutcome = { ok: true; revision: number } | { ok: false; failure: SaveFailure };

/**
 * One save of the draft. Never throws: a thrown action call (no network, server down, an
 * answer that is not the action's) becomes a failure like any other.
 */
export async function attemptSave(
  saveDraft: SaveDraftAction,
  input: Parameters<SaveDraftAction>[0],
): Promise<SaveOutcome> {
  try {
    const result = await saveDraft(input);
    return result.ok
      ? { ok: true, revision: result.data.revision }
      : { ok: false, failure: describeSaveFailure(result) };
  } catch (error) {
    // A signed-out save never reaches the action: proxy.ts redirects it to /login and the
    // call throws on the login page's HTML. Retrying that forever would hide the real
    // reason, so ask next-auth whether the session is gone before calling it a network error.
    const isSignedOut = navigator.onLine && (await hasNoSession());
    return {
      ok: false,
      failure: describeSaveFailure({
        code: isSignedOut ? "UNAUTHENTICATED" : "NETWORK",
        message: error instanceof Error ? error.message : String(error),
      }),
    };
  }
}

/** True only when next-auth answers and says there is no user; any doubt is "not known". */
async function hasNoSession(): Promise<boolean> {
  try {
    const session = await fetchJson<{ user?: unknown } | null>("/api/auth/session");
    return !session?.user;
  } catch {
    return false;
  }
}
