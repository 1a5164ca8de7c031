import { type Actor, hasAtLeastRole } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import type { BulkOperationView } from "./bulk-operation-view";
import { withRecoveries } from "./get-bulk-operation";

/** An error group's latest "Retry all" (a bulk retry over a filter by its signature). */
export interface ErrorGroupRetry {
  workflow: string | null;
  signature: string;
  operation: BulkOperationView;
}

/**
 * The latest retry of each error group started since `since` (newest first, at most `limit`
 * groups), with its outcome counts, so the error-group cards say whether it recovered.
 */
export async function listErrorGroupRetries(
  db: ServiceDb,
  actor: Actor,
  input: { since: Date; limit?: number },
): Promise<ErrorGroupRetry[]> {
  if (!hasAtLeastRole(actor.role, "viewer")) throw new AppError("FORBIDDEN", "You cannot see bulk operations.");
  const rows = await db.prisma.bulkOperation.findMany({
    where: { action: "RETRY", createdAt: { gte: input.since } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const filter = (row.filter ?? {}) as { signature?: unknown; workflow?: unknown };
    if (typeof filter.signature !== "string") continue;
    const key = `${String(filter.workflow ?? "")}\u0000${filter.signature}`;
    if (!latest.has(key)) latest.set(key, row);
    if (latest.size >= (input.limit ?? 30)) break;
  }
  const views = await withRecoveries(db, [...latest.values()]);
  return views.map((operation) => ({
    workflow: typeof operation.filter?.workflow === "string" ? operation.filter.workflow : null,
    signature: operation.filter!.signature as string,
    operation,
  }));
}
