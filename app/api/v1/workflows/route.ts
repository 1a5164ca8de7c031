import { apiRoute, json } from "@/lib/api/api-route";
import { createWorkflow } from "@/lib/services/workflows/create-workflow";
import { listWorkflows } from "@/lib/services/workflows/list-workflows";
import { createWorkflowBody } from "@/lib/contracts/workflow-requests";

export const GET = apiRoute({ role: "viewer" }, async ({ db }) => json({ items: await listWorkflows(db) }));

export const POST = apiRoute({ role: "admin", body: createWorkflowBody }, async ({ db, actor, body }) =>
  json(await createWorkflow(db, actor, body), 201),
);
