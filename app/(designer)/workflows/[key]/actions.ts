"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/api/server-action";
import { publishBody, saveDraftBody, workflowKeyParams } from "@/lib/contracts/workflow-requests";
import { publishWorkflow } from "@/lib/services/workflows/publish-workflow";
import { saveDraft } from "@/lib/services/workflows/save-draft";

// Editing is ADMIN-only on the server (defineAction re-reads the session user, the services
// check again); the designer's read-only mode for viewers and operators is a courtesy.

// The API's request bodies (lib/contracts) plus the workflow key the page is editing.
const onWorkflow = { key: workflowKeyParams.shape.key };

export const saveDraftAction = defineAction({
  role: "admin",
  input: saveDraftBody.extend(onWorkflow),
  async handler(input, { actor, db }) {
    // No revalidatePath: autosave runs every few seconds and the designer owns its state.
    const saved = await saveDraft(db, actor, input);
    return { version: saved.version, revision: saved.revision };
  },
});

export const publishWorkflowAction = defineAction({
  role: "admin",
  input: publishBody.extend(onWorkflow),
  async handler(input, { actor, db }) {
    const published = await publishWorkflow(db, actor, input);
    revalidatePath("/workflows");
    revalidatePath(`/workflows/${input.key}`);
    return published;
  },
});
