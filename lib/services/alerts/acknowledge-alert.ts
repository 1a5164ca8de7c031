import { type Actor, hasAtLeastRole } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { recordAudit } from "../audit";
import { parseInput } from "./alert-rule-view";
import { alertIdInput } from "../../contracts/alert-rules";

/**
 * Acknowledges an open alert (operators and admins): someone is on it. It stays active until
 * the condition clears. Acknowledging twice is harmless; a resolved alert is a CONFLICT.
 */
export async function acknowledgeAlert(
  db: ServiceDb,
  actor: Actor,
  input: { id: string },
): Promise<{ id: string; status: "ACKNOWLEDGED"; acknowledgedAt: string; acknowledgedBy: string }> {
  if (!hasAtLeastRole(actor.role, "operator"))
    throw new AppError("FORBIDDEN", "Only operators and admins can acknowledge alerts.");
  const { id } = parseInput(alertIdInput, input);
  return db.prisma.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.alert.updateMany({
      where: { id, status: "OPEN" },
      data: { status: "ACKNOWLEDGED", acknowledgedAt: now, acknowledgedBy: actor.name },
    });
    const alert = await tx.alert.findUnique({
      where: { id },
      select: { status: true, acknowledgedAt: true, acknowledgedBy: true, ruleId: true },
    });
    if (!alert) throw new AppError("NOT_FOUND", "No such alert.");
    if (alert.status === "RESOLVED") throw new AppError("CONFLICT", "This alert has already resolved.");
    if (updated.count > 0)
      await recordAudit(tx, actor, {
        action: "alert.acknowledge",
        entityType: "alert",
        entityId: id,
        details: { ruleId: alert.ruleId },
      });
    return {
      id,
      status: "ACKNOWLEDGED",
      acknowledgedAt: (alert.acknowledgedAt ?? now).toISOString(),
      acknowledgedBy: alert.acknowledgedBy ?? actor.name,
    };
  });
}
