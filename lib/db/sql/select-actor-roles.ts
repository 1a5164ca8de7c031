import type { SqlExecutor } from "./sql-executor";

/*
 * The current role of the users and API tokens history names as actors. History records
 * who acted, not with which role, so a what-if replay checks a draft's role lists against
 * the roles people and tokens hold now. Ids that are not uuids name nobody and are skipped.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ROLES_OF = {
  name: "docstate_actor_roles",
  text: `SELECT 'USER' AS "actorType", u."id"::text AS "id", u."role"::text AS "role"
  FROM "User" u WHERE u."id" = ANY($1::text[]::uuid[])
UNION ALL
SELECT 'API', t."id"::text, t."role"::text FROM "ApiToken" t WHERE t."id" = ANY($2::text[]::uuid[])`,
};

/** Roles as the database spells them (upper case), by "USER:<id>" / "API:<id>"; actors that no longer exist are absent. */
export async function selectActorRoles(
  sql: SqlExecutor,
  input: { userIds: readonly string[]; tokenIds: readonly string[] },
): Promise<Map<string, string>> {
  const userIds = input.userIds.filter((id) => UUID.test(id));
  const tokenIds = input.tokenIds.filter((id) => UUID.test(id));
  if (userIds.length === 0 && tokenIds.length === 0) return new Map();
  const rows = await sql.rows(ROLES_OF, [userIds, tokenIds]);
  return new Map(rows.map((row) => [`${row.actorType as string}:${row.id as string}`, row.role as string]));
}
