import { date, int, json } from "./decode-row";
import { empty, join, sql, type Sql } from "./sql-template";
import type { SqlExecutor } from "./sql-executor";

export interface AuditConditions {
  actor?: string;
  action?: string;
  targetType?: string;
  target?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details: unknown;
  clientAddress: string | null;
}

// One keyset page of the audit log, newest first, ordered by (at desc, id desc) so a page
// boundary inside one millisecond neither repeats nor skips a row. Equality filters on the
// actor or the action use the (actorName, at) and (action, at) indexes, the others the (at)
// one. Reads `limit + 1` rows so the caller knows whether another page follows.
export async function selectAuditPage(
  executor: SqlExecutor,
  input: { conditions: AuditConditions; after?: { at: Date; id: string }; limit: number },
): Promise<AuditRow[]> {
  const { actor, action, targetType, target, from, to } = input.conditions;
  const where: Sql[] = [
    ...(actor !== undefined ? [sql`a."actorName" = ${actor}`] : []),
    ...(action !== undefined ? [sql`a."action" = ${action}`] : []),
    ...(targetType !== undefined ? [sql`a."entityType" = ${targetType}`] : []),
    ...(target !== undefined ? [sql`a."entityId" = ${target}`] : []),
    ...(from ? [sql`a."at" >= ${from.toISOString()}::timestamptz`] : []),
    ...(to ? [sql`a."at" < ${to.toISOString()}::timestamptz`] : []),
    ...(input.after
      ? [sql`(a."at", a."id") < (${input.after.at.toISOString()}::timestamptz, ${input.after.id}::bigint)`]
      : []),
  ];
  const rows = await executor.rows<Record<string, unknown>>(sql`
    SELECT a."id"::text AS "id", a."at", a."actorType"::text AS "actorType", a."actorId", a."actorName", a."action",
           a."entityType", a."entityId", a."details", a."clientAddress"
      FROM "AuditLog" a ${where.length ? sql`WHERE ${join(where, " AND ")}` : empty}
     ORDER BY a."at" DESC, a."id" DESC LIMIT ${int(input.limit + 1)}`);
  return rows.map((row) => ({
    id: String(row.id),
    at: date(row.at),
    actorType: String(row.actorType),
    actorId: (row.actorId as string | null) ?? null,
    actorName: (row.actorName as string | null) ?? null,
    action: String(row.action),
    entityType: String(row.entityType),
    entityId: String(row.entityId),
    details: json(row.details) ?? null,
    clientAddress: (row.clientAddress as string | null) ?? null,
  }));
}
