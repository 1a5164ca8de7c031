import { type Actor, type WorkflowDefinitionInput } from "../../lib/engine";
import type { Db } from "../../lib/db/client";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";

export const ADMIN: Actor = { type: "USER", id: null, name: "admin@test", role: "admin" };
export const OPERATOR: Actor = { type: "API", id: null, name: "token:operator", role: "operator" };
export const VIEWER: Actor = { type: "API", id: null, name: "token:viewer", role: "viewer" };

/** A small review workflow: draft -> review -> approved | rejected, with a guard and a reason. */
export const REVIEW_DEFINITION: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal" },
    { key: "approved", kind: "terminal" },
    { key: "rejected", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "review" },
    { key: "back", from: ["review"], to: "draft" },
    {
      key: "approve",
      from: ["review"],
      to: "approved",
      guard: { jsonSchema: { type: "object", required: ["invoiceNumber"] } },
    },
    { key: "reject", from: ["review"], to: "rejected", requireReason: true, roles: ["admin"] },
  ],
};

/** Creates and publishes a workflow; returns its key. */
export async function publishedWorkflow(
  db: Db,
  key: string,
  definition: WorkflowDefinitionInput = REVIEW_DEFINITION,
): Promise<string> {
  await createWorkflow(db, ADMIN, { key, name: key, definition });
  await publishWorkflow(db, ADMIN, { key });
  return key;
}
