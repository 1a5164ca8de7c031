import type { Actor, WorkflowDefinitionInput } from "../../lib/engine";
import type { Db } from "../../lib/db/client";
import { saveDraft } from "../../lib/services/workflows/save-draft";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { ADMIN } from "../helpers/fixtures";

/**
 * v1 of the "versions" test workflow: draft -> review (noop action) -> approved | rejected,
 * an extract state with a noop action, and a legacy state v2 drops.
 */
export const V1: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal", action: { type: "noop" } },
    { key: "extract", kind: "normal", action: { type: "noop" } },
    { key: "legacy", kind: "normal" },
    { key: "approved", kind: "terminal" },
    { key: "rejected", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "review" },
    { key: "extract", from: ["draft"], to: "extract" },
    { key: "finish", from: ["extract"], to: "review" },
    { key: "park", from: ["draft"], to: "legacy" },
    { key: "unpark", from: ["legacy"], to: "draft" },
    { key: "back", from: ["review"], to: "draft" },
    {
      key: "approve",
      from: ["review"],
      to: "approved",
      guard: { jsonSchema: { type: "object", required: ["invoiceNumber"] } },
    },
    { key: "reject", from: ["review"], to: "rejected" },
  ],
};

/**
 * v2: review's action changes (a webhook: jobs re-queued), extract loses its action (jobs
 * cancelled), legacy is gone (must be mapped), a new checking state whose only way out is
 * guarded on `amount`, and approve now wants `amount` instead of `invoiceNumber`.
 */
export const V2: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    {
      key: "review",
      kind: "normal",
      action: { type: "webhook", url: "https://hooks.example.com/review" },
      onFailure: "back",
    },
    { key: "extract", kind: "normal" },
    { key: "checking", kind: "normal" },
    { key: "approved", kind: "terminal" },
    { key: "rejected", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "checking" },
    { key: "extract", from: ["draft"], to: "extract" },
    { key: "finish", from: ["extract"], to: "review" },
    {
      key: "recheck",
      from: ["checking"],
      to: "review",
      guard: { jsonSchema: { type: "object", required: ["amount"] } },
    },
    { key: "back", from: ["review"], to: "draft" },
    {
      key: "approve",
      from: ["review"],
      to: "approved",
      guard: { jsonSchema: { type: "object", required: ["amount"] } },
    },
    { key: "reject", from: ["review"], to: "rejected" },
  ],
};

/** Saves `definition` as the draft and publishes it as the next version. */
export async function publishNext(db: Db, key: string, definition: WorkflowDefinitionInput, actor: Actor = ADMIN) {
  await saveDraft(db, actor, { key, definition: definition as never });
  return publishWorkflow(db, actor, { key });
}

/** A real admin user (a bulk operation re-reads its actor while it runs). */
export async function adminUser(db: Db, email = "admin@versions.test"): Promise<Actor> {
  const row = await db.prisma.user.create({ data: { email, name: email, role: "admin", passwordHash: "unused" } });
  return { type: "USER", id: row.id, name: email, role: "admin" };
}
