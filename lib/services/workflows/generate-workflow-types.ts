import { parseDefinition } from "../../engine";
import { AppError } from "../../errors/app-error";
import { renderWorkflowTypes, type RenderedWorkflowTypes } from "../../typegen/render-workflow-types";
import type { ServiceDb } from "../db-types";

/**
 * TypeScript types for a published version of a workflow (the latest when no version is
 * given): states, transitions per state, guard metadata. Drafts have none: their graph may
 * still change, and a document never runs on one.
 */
export async function generateWorkflowTypes(
  db: ServiceDb,
  input: { key: string; version?: number },
): Promise<RenderedWorkflowTypes & { version: number }> {
  const workflow = await db.prisma.workflow.findUnique({ where: { key: input.key }, select: { id: true } });
  if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.key}".`);
  const row = await db.prisma.workflowVersion.findFirst({
    where: { workflowId: workflow.id, status: "PUBLISHED", ...(input.version ? { version: input.version } : {}) },
    orderBy: { version: "desc" },
    select: { version: true, definition: true },
  });
  if (!row) {
    throw new AppError(
      "NOT_FOUND",
      input.version
        ? `Workflow "${input.key}" has no published version ${input.version}.`
        : `Workflow "${input.key}" has no published version yet.`,
    );
  }
  const parsed = parseDefinition(row.definition);
  if (!parsed.ok) {
    throw new AppError("INTERNAL", `Stored definition of "${input.key}" v${row.version} is invalid.`);
  }
  const rendered = await renderWorkflowTypes({ key: input.key, version: row.version, definition: parsed.definition });
  return { ...rendered, version: row.version };
}
