import type { Actor } from "../engine";
import type { Prisma } from "../db/generated/client";

type AuditWriter = { auditLog: { create(args: { data: Prisma.AuditLogCreateInput }): Promise<unknown> } };

/**
 * Appends an AuditLog row for a workflow edit or an admin action, inside the caller's
 * transaction. "From where" is `entry.clientAddress`, else the address the edge put on the
 * actor (lib/auth/require-role.ts), else unknown.
 */
export function recordAudit(
  tx: AuditWriter,
  actor: Actor,
  entry: {
    action: string;
    entityType: string;
    entityId: string;
    details?: Record<string, unknown>;
    clientAddress?: string | null;
  },
): Promise<unknown> {
  return tx.auditLog.create({
    data: {
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      details: (entry.details ?? undefined) as Prisma.InputJsonObject | undefined,
      clientAddress: entry.clientAddress ?? actor.address ?? null,
    },
  });
}
