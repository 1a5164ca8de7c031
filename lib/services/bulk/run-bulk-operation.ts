import { type Actor, decideCanary, hasAtLeastRole } from "../../engine";
import type { BulkOperation } from "../../db/generated/client";
import { decideBulkCanary, extendBulkLease, finishBulkOperation } from "../../db/sql/bulk-operation-lease";
import { selectBulkRecoveryCounts } from "../../db/sql/select-recoveries";
import { documentIdConditions } from "../../db/sql/document-filter-sql";
import { type MigratingDocumentRow, selectMigratingDocuments } from "../../db/sql/select-migrating-documents";
import { executorFor } from "../../db/sql/sql-executor";
import { isAppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { fireTransition } from "../documents/fire-transition";
import { moveDocument } from "../documents/move-document";
import { retryDocument } from "../documents/retry-document";
import { cancelJob } from "../jobs/cancel-job";
import { settleAction } from "../jobs/settle-action";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { BULK_ACTION_ROLE, currentBulkActor } from "./bulk-authorization";
import { checkBulkEligibility } from "./bulk-eligibility";
import { releaseBulkOperation } from "./bulk-operation-store";
import { createBulkItemRecorder } from "./bulk-item-recorder";
import { readSelectedDocuments } from "./bulk-selection";
import { CANCELLED_NOTE } from "./cancel-bulk-operation";
import { bulkActionReadsMetadata, type BulkOperationKind } from "../../contracts/bulk-actions";
import { type BulkParams, CANARY_SIZE } from "../../contracts/bulk-request";
import { migrateOneDocument } from "../versions/migrate-one-document";
import { resolveMigrationPlan, type MigrationPlan } from "../versions/resolve-migration-plan";

/** Documents per read of pending items. */
const CHUNK = 25;
/**
 * With several lanes: documents per lane and read, few enough that a migration's batch read
 * of its documents is a fraction of a second old when the last of them is migrated (a
 * document changed meanwhile is reported STALE_VERSION, never overwritten).
 */
const LANE_CHUNK = 8;

/**
 * Documents a migration keeps in flight at once on PostgreSQL, each in its own transaction:
 * one at a time, the runner mostly waits for round trips and each commit's WAL flush, which
 * concurrent commits share. Never more than the pool's connections; the operation's
 * ratePerSecond, not the lanes, is what limits the load a migration puts on the database.
 */
export const MIGRATION_LANES = 8;

/** How many documents of `action` one runner keeps in flight: only migrations run several. */
export function bulkLanes(db: ServiceDb, action: BulkOperationKind): number {
  if (action !== "migrate" || !db.pool) return 1; // PGlite runs one statement at a time anyway
  return Math.max(1, Math.min(MIGRATION_LANES, db.pool.options.max));
}

export interface BulkRunOptions {
  owner: string;
  leaseMs: number;
  /** Checked before every document: a stopping process gives the lease back. */
  shouldStop?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  log?: (event: string, fields: Record<string, unknown>) => void;
  /** A guarded retry: how many first documents decide (default CANARY_SIZE), and how often to look at their outcomes. */
  canarySize?: number;
  canaryPollMs?: number;
  /** Documents in flight at once (default bulkLanes: several for a migration on PostgreSQL, else 1). */
  lanes?: number;
}

export type BulkRunEnd = "completed" | "cancelled" | "failed" | "stopped" | "lost" | "paused";

type Outcome = { ok: true } | { ok: false; code: string; message: string };

/**
 * Runs a claimed operation until every document is done, it is cancelled, its actor may no
 * longer act, the process stops, or another runner took the lease. Each document: fresh
 * read, the same eligibility check as the dry run, then the one service every other path
 * uses (its own transaction), then the outcome recorded. At most ratePerSecond documents a
 * second. A migration keeps several documents in flight (lanes, each its own transaction)
 * and reads the documents of a chunk in one statement just before migrating them. A fire
 * carries the idempotency key bulk:<operation>, so a document retried after a runner crash
 * replays its first result instead of failing.
 * A guarded retry (pauseWhenFailedAgainShare) runs its first chunk, then waits (holding its
 * lease) until the outcomes of those retries decide (decideCanary): the rest runs, or the
 * operation pauses with the reason for a person to resume or cancel.
 */
export async function runBulkOperation(
  db: ServiceDb,
  operation: BulkOperation,
  options: BulkRunOptions,
): Promise<BulkRunEnd> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const action = operation.action.toLowerCase() as BulkOperationKind;
  const params = operation.params as BulkParams;
  const stored: Actor = {
    type: operation.actorType,
    id: operation.actorId,
    name: operation.actorName,
    role: operation.actorRole,
  };
  const started = now();
  let done = 0;
  /** Documents handed to a lane so far: the rate limit's schedule. */
  let issued = 0;
  const lanes = options.lanes ?? bulkLanes(db, action);
  const recorder = createBulkItemRecorder(db, {
    operationId: operation.id,
    owner: options.owner,
    leaseMs: options.leaseMs,
  });
  const share = action === "retry" ? (params.pauseWhenFailedAgainShare ?? null) : null;
  const canarySize = options.canarySize ?? CANARY_SIZE;
  let isGuarding = share !== null && operation.canaryPassedAt === null;
  let plan: MigrationPlan | null = null;
  for (;;) {
    const fresh = await db.prisma.bulkOperation.findUnique({
      where: { id: operation.id },
      select: { leaseOwner: true, cancelRequestedAt: true },
    });
    if (fresh?.leaseOwner !== options.owner) return "lost";
    if (fresh.cancelRequestedAt) return finish("CANCELLED", { note: CANCELLED_NOTE });
    const actor = await currentBulkActor(db, stored);
    if (!actor || !hasAtLeastRole(actor.role, BULK_ACTION_ROLE[action])) {
      return finish("FAILED", {
        lastError: `${stored.name} may no longer ${action} documents (disabled, role changed or token revoked); the rest was not run.`,
        note: "Not run: the operation's actor lost the right to act.",
      });
    }
    if (action === "migrate" && !plan) {
      // The plan as stored, checked again now: a target retired meanwhile stops the run.
      try {
        plan = await resolveMigrationPlan(db, actor, migrationInput(params));
      } catch (error) {
        return finish("FAILED", {
          lastError: `The migration plan is no longer valid: ${error instanceof Error ? error.message : String(error)}`,
          note: "Not run: the migration plan became invalid.",
        });
      }
    }
    const items = await db.prisma.bulkOperationItem.findMany({
      where: { operationId: operation.id, status: "PENDING", ...(isGuarding ? { seq: { lte: canarySize } } : {}) },
      orderBy: { seq: "asc" },
      take: lanes === 1 ? CHUNK : lanes * LANE_CHUNK,
      select: { seq: true, documentId: true },
    });
    if (items.length === 0 && isGuarding) {
      const decided = await decideAfterFirstChunk();
      if (decided !== "continue") return decided;
      isGuarding = false;
      continue;
    }
    if (items.length === 0) return finish("COMPLETED", {});
    // A migration decides on its documents as read just before: one read for the chunk.
    const read =
      action === "migrate"
        ? await selectMigratingDocuments(
            executorFor(db),
            items.map((item) => item.documentId),
          )
        : null;
    const halt = await runChunk(items, async (item) => {
      const outcome = await runOne(
        db,
        actor,
        { operationId: operation.id, seq: item.seq },
        action,
        params,
        item.documentId,
        options.log,
        plan,
        read,
      );
      done += 1;
      return outcome;
    });
    if (halt === "lost") return "lost";
    if (halt === "cancelled") return finish("CANCELLED", { note: CANCELLED_NOTE });
    if (halt === "stopped") {
      await releaseBulkOperation(db, operation.id, options.owner);
      return "stopped";
    }
  }

  /**
   * Runs a chunk's documents in `lanes` concurrent lanes, each document its own transaction
   * and its outcome recorded (with the lease) as soon as it is known. The rate limit hands
   * out start times in order across the lanes. Once a lane sees a cancel, a stop or a lost
   * lease, no lane starts another document; the ones in flight finish and are recorded, so
   * every document is either done and counted or untouched and still pending.
   */
  async function runChunk(
    items: { seq: number; documentId: string }[],
    run: (item: { seq: number; documentId: string }) => Promise<Outcome>,
  ): Promise<"lost" | "cancelled" | "stopped" | null> {
    let next = 0;
    let halt: "lost" | "cancelled" | "stopped" | null = null;
    let failure: unknown = null;
    // lost > cancelled > stopped: a lost lease can finish nothing; a cancel ends the operation.
    const haltWith = (reason: "lost" | "cancelled" | "stopped") => {
      const rank = { stopped: 0, cancelled: 1, lost: 2 } as const;
      if (halt === null || rank[reason] > rank[halt]) halt = reason;
    };
    const lane = async () => {
      while (halt === null && failure === null && next < items.length) {
        if (options.shouldStop?.()) return haltWith("stopped");
        const item = items[next++]!;
        const wait = (issued * 1000) / operation.ratePerSecond - (now() - started);
        issued += 1;
        if (wait > 0) {
          await sleep(wait);
          if (halt !== null || failure !== null) return;
          // A slow rate means long pauses: look for a cancel after each one, before the document.
          if (
            wait >= 100 &&
            (
              await db.prisma.bulkOperation.findUnique({
                where: { id: operation.id },
                select: { cancelRequestedAt: true },
              })
            )?.cancelRequestedAt
          )
            return haltWith("cancelled");
        }
        const outcome = await run(item);
        const recorded = await recorder.record(item.seq, outcome);
        if (!recorded) return haltWith("lost");
        if (recorded.cancelRequested) return haltWith("cancelled");
      }
    };
    const results = await Promise.allSettled(
      Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, () =>
        lane().catch((error: unknown) => {
          failure ??= error;
          throw error;
        }),
      ),
    );
    if (failure !== null) throw results.find((r) => r.status === "rejected")?.reason ?? failure;
    return halt;
  }

  /** The first chunk is done: wait for its outcomes, then go on (the rest) or pause. */
  async function decideAfterFirstChunk(): Promise<"continue" | BulkRunEnd> {
    const sql = executorFor(db);
    const rest = await db.prisma.bulkOperationItem.findFirst({
      where: { operationId: operation.id, status: "PENDING" },
      select: { seq: true },
    });
    if (!rest) return "continue"; // nothing left to guard: the loop completes it
    for (;;) {
      const counts = (
        await selectBulkRecoveryCounts(sql, { operationIds: [operation.id], throughSeq: canarySize })
      ).get(operation.id) ?? { requested: 0, failedAgain: 0, running: 0 };
      const decision = decideCanary(counts, share!);
      if (decision.kind !== "wait") {
        const pauseReason = decision.kind === "pause" ? decision.reason : null;
        if (!(await decideBulkCanary(sql, { operationId: operation.id, owner: options.owner, pauseReason })))
          return "lost";
        options.log?.("bulk.first_chunk_decided", { operationId: operation.id, decision: decision.kind, ...counts });
        return decision.kind === "pause" ? "paused" : "continue";
      }
      if (options.shouldStop?.()) {
        await releaseBulkOperation(db, operation.id, options.owner);
        return "stopped";
      }
      await sleep(options.canaryPollMs ?? 1000);
      const held = await extendBulkLease(sql, {
        operationId: operation.id,
        owner: options.owner,
        leaseMs: options.leaseMs,
      });
      if (!held) return "lost";
      if (held.cancelRequested) return finish("CANCELLED", { note: CANCELLED_NOTE });
    }
  }

  async function finish(
    status: "COMPLETED" | "CANCELLED" | "FAILED",
    extra: { lastError?: string; note?: string },
  ): Promise<BulkRunEnd> {
    const finished = await finishBulkOperation(executorFor(db), {
      operationId: operation.id,
      status,
      owner: options.owner,
      ...extra,
    });
    if (!finished) return "lost";
    options.log?.("bulk.finished", { operationId: operation.id, status: status.toLowerCase(), documents: done });
    return status.toLowerCase() as BulkRunEnd;
  }
}

async function runOne(
  db: ServiceDb,
  actor: Actor,
  bulkItem: { operationId: string; seq: number },
  action: BulkOperationKind,
  params: BulkParams,
  documentId: string,
  log: BulkRunOptions["log"],
  plan: MigrationPlan | null,
  read: Map<string, MigratingDocumentRow> | null,
): Promise<Outcome> {
  const { operationId } = bulkItem;
  try {
    if (action === "migrate")
      return await migrateOneDocument(db, actor, plan!, {
        documentId,
        operationId,
        read: read ? (read.get(documentId) ?? null) : undefined,
      });
    const [doc] = await readSelectedDocuments(db, documentIdConditions([documentId]), {
      afterId: null,
      limit: 1,
      withMetadata: bulkActionReadsMetadata(action),
    });
    if (!doc) return { ok: false, code: "DOCUMENT_NOT_FOUND", message: "No such document (deleted?)" };
    const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
    const eligibility = checkBulkEligibility(action, params, doc, definition, actor.role);
    if (!eligibility.ok) return eligibility;
    switch (action) {
      case "fire":
        await fireTransition(db, actor, {
          documentId,
          transition: params.transition!,
          reason: params.reason,
          idempotencyKey: `bulk:${operationId}`,
        });
        break;
      case "move":
        await moveDocument(db, actor, { documentId, toState: params.toState!, reason: params.reason });
        break;
      case "retry":
        await retryDocument(db, actor, {
          documentId,
          resetAttempts: params.resetAttempts,
          reason: params.reason,
          bulkItem,
        });
        break;
      case "cancel":
        await cancelJob(db, actor, { documentId, reason: params.reason });
        break;
      case "complete":
      case "fail":
        await settleAction(db, actor, { documentId, outcome: action, reason: params.reason ?? "" });
        break;
    }
    return { ok: true };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
    log?.("bulk.item_error", {
      operationId,
      documentId,
      error: error instanceof Error ? error.message : String(error),
    });
    return { ok: false, code: "INTERNAL", message: "Unexpected error; see the server log." };
  }
}

/** A stored migration's parameters as a plan (its mapping is already complete). */
function migrationInput(params: BulkParams) {
  return {
    key: params.workflow ?? "",
    fromVersion: params.fromVersion ?? 0,
    toVersion: params.toVersion ?? 0,
    mapping: params.mapping ?? {},
    reason: params.reason,
  };
}
