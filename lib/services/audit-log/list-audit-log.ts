import { readFromReplica } from "../../db/read-replica";
import type { Actor } from "../../engine";
import type { AuditFilter } from "../../contracts/audit-requests";
import { selectAuditPage, type AuditRow } from "../../db/sql/select-audit-page";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { decodeAuditCursor, encodeAuditCursor } from "./audit-cursor";

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { type: string; id: string | null; name: string | null };
  action: string;
  target: { type: string; id: string };
  details: unknown;
  clientAddress: string | null;
}

export interface AuditPage {
  items: AuditEntryView[];
  nextCursor: string | null;
}

export const DEFAULT_AUDIT_PAGE = 50;

export function assertCanReadAudit(actor: Actor): void {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "Only admins may read the audit log.");
}

export function auditEntryView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    action: row.action,
    target: { type: row.entityType, id: row.entityId },
    details: row.details,
    clientAddress: row.clientAddress,
  };
}

/** One page of the audit log, newest first, filtered; admins only. */
export function listAuditLog(
  db: ServiceDb,
  actor: Actor,
  input: AuditFilter & { cursor?: string; limit?: number },
): Promise<AuditPage> {
  return readFromReplica(db, (reads) => listAuditLogFrom(reads, actor, input));
}

async function listAuditLogFrom(
  db: ServiceDb,
  actor: Actor,
  input: AuditFilter & { cursor?: string; limit?: number },
): Promise<AuditPage> {
  assertCanReadAudit(actor);
  const { cursor, limit = DEFAULT_AUDIT_PAGE, ...conditions } = input;
  const rows = await selectAuditPage(executorFor(db), {
    conditions,
    after: cursor ? decodeAuditCursor(cursor) : undefined,
    limit,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(auditEntryView),
    nextCursor: rows.length > limit && last ? encodeAuditCursor({ at: last.at, id: last.id }) : null,
  };
}

/** Every matching entry, newest first, a page at a time (CSV export); admins only. */
export async function* iterateAuditLog(
  db: ServiceDb,
  actor: Actor,
  filter: AuditFilter,
): AsyncGenerator<AuditEntryView> {
  assertCanReadAudit(actor);
  const sql = executorFor(db);
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const rows = await selectAuditPage(sql, { conditions: filter, after, limit: 500 });
    for (const row of rows.slice(0, 500)) yield auditEntryView(row);
    if (rows.length <= 500) return;
    const last = rows[499]!;
    after = { at: last.at, id: last.id };
  }
}
