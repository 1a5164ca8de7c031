import { apiRoute, json } from "../api-route";
import { createWorkflow } from "../../services/workflows/create-workflow";
import { listWorkflows } from "../../services/workflows/list-workflows";
import { createWorkflowBody } from "../../contracts/workflow-requests";

export const GET = apiRoute({ role: "viewer" }, async ({ db }) => json({ items: await listWorkflows(db) }));

export const POST = apiRoute({ role: "admin", body: createWorkflowBody }, async ({ db, actor, body }) =>
  json(await createWorkflow(db, actor, body), 201),
);
