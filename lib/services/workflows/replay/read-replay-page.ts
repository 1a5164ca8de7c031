import { parseRole, type ReplayDocumentPath, type ReplayStep, type Role } from "../../../engine";
import type { ReplayDocumentRow } from "../../../db/sql/select-replay-documents";
import { selectActorRoles } from "../../../db/sql/select-actor-roles";
import { selectReplaySteps } from "../../../db/sql/select-replay-steps";
import type { SqlExecutor } from "../../../db/sql/sql-executor";

/**
 * The replay paths of one page of documents: their state-changing events inside the window,
 * each actor's current role (looked up once per replay: `roles` caches across pages; the
 * system acts as admin; a deleted user or token is null, so its role is not checked).
 */
export async function readReplayPage(
  sql: SqlExecutor,
  documents: readonly ReplayDocumentRow[],
  since: Date,
  roles: Map<string, Role | null>,
): Promise<ReplayDocumentPath[]> {
  const rows = await selectReplaySteps(sql, { documentIds: documents.map((d) => d.id), since });
  const unknown = { USER: new Set<string>(), API: new Set<string>() };
  for (const row of rows) {
    if (row.actorType !== "SYSTEM" && row.actorId && !roles.has(`${row.actorType}:${row.actorId}`))
      unknown[row.actorType].add(row.actorId);
  }
  if (unknown.USER.size || unknown.API.size) {
    const found = await selectActorRoles(sql, { userIds: [...unknown.USER], tokenIds: [...unknown.API] });
    for (const type of ["USER", "API"] as const)
      for (const id of unknown[type]) roles.set(`${type}:${id}`, parseRole(found.get(`${type}:${id}`)));
  }
  const stepsByDocument = new Map<string, ReplayStep[]>();
  for (const row of rows) {
    const role =
      row.actorType === "SYSTEM"
        ? "admin"
        : row.actorId
          ? (roles.get(`${row.actorType}:${row.actorId}`) ?? null)
          : null;
    const step: ReplayStep = {
      type: row.type,
      fromState: row.fromState,
      toState: row.toState,
      transitionKey: row.transitionKey,
      actorType: row.actorType,
      role,
      at: row.at.getTime(),
    };
    const list = stepsByDocument.get(row.documentId);
    if (list) list.push(step);
    else stepsByDocument.set(row.documentId, [step]);
  }
  return documents.map((doc) => ({
    documentId: doc.id,
    version: doc.version,
    steps: stepsByDocument.get(doc.id) ?? [],
    state: doc.state,
    stateEnteredAt: doc.stateEnteredAt.getTime(),
    metadata: doc.metadata,
  }));
}
