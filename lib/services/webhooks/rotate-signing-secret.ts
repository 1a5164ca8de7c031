import { type Actor, hasAtLeastRole } from "../../engine";
import { AppError } from "../../errors/app-error";
import { recordAudit } from "../audit";
import type { ServiceDb } from "../db-types";
import { generateSigningSecret, workflowScope } from "./signing-secrets";

export interface RotatedSigningSecret {
  /** Shown exactly once to the admin who asked; configure it in the receiver. */
  secret: string;
  createdAt: Date;
  /** Until when the previous secret(s) still sign alongside, or null if there were none. */
  previousValidUntil: Date | null;
}

/**
 * Generates a new signing secret for a workflow's webhooks (admins only). Secrets still
 * valid keep signing, next to the new one, for `graceSeconds` (0: they stop at once), so a
 * receiver can switch without dropping a request. Audited, without the secret.
 */
export async function rotateSigningSecret(
  db: ServiceDb,
  actor: Actor,
  input: { workflowKey: string; graceSeconds: number },
): Promise<RotatedSigningSecret> {
  if (!hasAtLeastRole(actor.role, "admin")) {
    throw new AppError("FORBIDDEN", "Only admins can generate webhook signing secrets.");
  }
  const workflow = await db.prisma.workflow.findUnique({ where: { key: input.workflowKey }, select: { id: true } });
  if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `Workflow "${input.workflowKey}" does not exist.`);
  const secret = generateSigningSecret();
  const scope = workflowScope(input.workflowKey);
  return db.prisma.$transaction(async (tx) => {
    const now = new Date();
    const previousValidUntil = new Date(now.getTime() + input.graceSeconds * 1000);
    const superseded = await tx.webhookSigningSecret.updateMany({
      where: { scope, OR: [{ expiresAt: null }, { expiresAt: { gt: previousValidUntil } }] },
      data: { expiresAt: previousValidUntil },
    });
    const row = await tx.webhookSigningSecret.create({
      data: { scope, secret, createdAt: now },
      select: { id: true, createdAt: true },
    });
    await recordAudit(tx, actor, {
      action: "workflow.signing_secret_rotate",
      entityType: "workflow",
      entityId: workflow.id,
      details: { secretId: row.id, graceSeconds: input.graceSeconds, superseded: superseded.count },
    });
    return { secret, createdAt: row.createdAt, previousValidUntil: superseded.count > 0 ? previousValidUntil : null };
  });
}
