import { type Actor, hasAtLeastRole } from "../../engine";
import { executorFor } from "../../db/sql/sql-executor";
import { lockWorkflowRow } from "../../db/sql/transaction-locks";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { recordAudit } from "../audit";

/**
 * Closes an older published version to documents arriving by migration (or reopens it), an
 * admin's explicit "retired". Its own documents keep running on it. The latest version, where
 * new documents start, cannot be retired: publish a newer one first. Under the workflow's
 * row lock, so a concurrent publish cannot make the retired version the latest.
 */
export async function retireWorkflowVersion(
  db: ServiceDb,
  actor: Actor,
  input: { key: string; version: number; retired: boolean },
): Promise<{ version: number; retiredAt: string | null }> {
  if (!hasAtLeastRole(actor.role, "admin"))
    throw new AppError("FORBIDDEN", "Only admins can retire workflow versions.");
  return db.prisma.$transaction(async (tx) => {
    const workflow = await tx.workflow.findUnique({ where: { key: input.key }, select: { id: true } });
    if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.key}".`);
    await lockWorkflowRow(executorFor(tx), workflow.id);
    const versions = await tx.workflowVersion.findMany({
      where: { workflowId: workflow.id, status: "PUBLISHED" },
      orderBy: { version: "desc" },
      select: { id: true, version: true },
    });
    const target = versions.find((v) => v.version === input.version);
    if (!target)
      throw new AppError("VERSION_NOT_PUBLISHED", `"${input.key}" has no published version ${input.version}.`, {
        details: { version: input.version },
      });
    if (input.retired && target.id === versions[0]!.id)
      throw new AppError(
        "CONFLICT",
        `Version ${input.version} is the active version: new documents start there. Publish a newer version first.`,
      );
    const row = await tx.workflowVersion.update({
      where: { id: target.id },
      data: { retiredAt: input.retired ? new Date() : null },
      select: { version: true, retiredAt: true },
    });
    await recordAudit(tx, actor, {
      action: input.retired ? "workflow.version.retire" : "workflow.version.reopen",
      entityType: "workflow",
      entityId: input.key,
      details: { version: input.version },
    });
    return { version: row.version, retiredAt: row.retiredAt?.toISOString() ?? null };
  });
}
