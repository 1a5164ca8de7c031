import { TIMER_ACTOR } from "../../engine";
import type { StateChange } from "../../db/sql/apply-state-change";
import { claimTimers, dropTimer, releaseTimers, type ClaimedTimer } from "../../db/sql/claim-timers";
import { refuseTimer } from "../../db/sql/refuse-timer";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { applyDecided, proposeTransition, type DecisionDocument } from "../documents/apply-transition";
import { getMetrics } from "../../observability/metrics";
import { loadPublishedDefinition } from "../workflows/load-published-definition";

export interface FireDueTimersInput {
  /** Identifies the claiming worker in leases. */
  owner: string;
  now: Date;
  /** How long a claim is this worker's before another may take it over. */
  leaseMs: number;
  limit: number;
}

export interface FiredTimersPass {
  /** Timers claimed by this pass. */
  claimed: number;
  /** Transitions applied. */
  fired: number;
  /** Transitions the decision refused, recorded as TIMER_REFUSED. */
  refused: number;
  /** Claims that could not apply (a person or another worker changed the document first). */
  lost: number;
  /** Timers whose document had already left their state: dropped. */
  dropped: number;
}

/**
 * One pass over due timers: claim a batch (SKIP LOCKED), decide each timer's transition on
 * the document as claimed through the same decision as every transition (proposeTransition,
 * actor "timer": guards apply), and apply all allowed ones in one statement, each only while
 * the document is at the version decided on and this worker holds the timer. That statement
 * drops or re-arms the timer with the state change, so a timer fires exactly once however
 * many workers run and whoever fires at the same moment. A refusal is recorded once on the
 * document (TIMER_REFUSED) and parks the timer, so it never loops.
 */
export async function fireDueTimers(db: ServiceDb, input: FireDueTimersInput): Promise<FiredTimersPass> {
  const sql = executorFor(db);
  const timers = await claimTimers(sql, {
    now: input.now,
    limit: input.limit,
    owner: input.owner,
    leaseUntil: new Date(input.now.getTime() + input.leaseMs),
  });
  const pass: FiredTimersPass = { claimed: timers.length, fired: 0, refused: 0, lost: 0, dropped: 0 };
  const items: { timer: ClaimedTimer; doc: DecisionDocument; change: Omit<StateChange, "actor"> }[] = [];
  const lost: string[] = [];
  for (const timer of timers) {
    const doc = { id: timer.documentId, ...timer.document };
    if (doc.state !== timer.state) {
      await dropTimer(sql, { documentId: doc.id, owner: input.owner });
      pass.dropped += 1;
      continue;
    }
    const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
    const proposal = proposeTransition(definition, TIMER_ACTOR, doc, { transition: timer.transition });
    if (!proposal.ok) {
      const recorded = await refuseTimer(sql, {
        documentId: doc.id,
        expectedVersion: doc.version,
        owner: input.owner,
        state: timer.state,
        transition: timer.transition,
        code: proposal.code,
        message: proposal.message,
        actor: TIMER_ACTOR,
      });
      if (recorded) pass.refused += 1;
      else lost.push(doc.id);
      continue;
    }
    const change = {
      ...proposal.change,
      details: { timer: { dueAt: timer.dueAt.toISOString() } },
      timerLeaseOwner: input.owner,
    };
    items.push({ timer, doc, change });
  }
  if (items.length > 0) {
    const applied = await applyDecided(db, TIMER_ACTOR, items);
    applied.forEach((result, i) => {
      if (result.applied) pass.fired += 1;
      else lost.push(items[i]!.doc.id);
    });
  }
  pass.lost = lost.length;
  const counter = getMetrics().timers;
  if (pass.fired) counter.inc({ result: "fired" }, pass.fired);
  if (pass.refused) counter.inc({ result: "refused" }, pass.refused);
  if (pass.lost) counter.inc({ result: "lost" }, pass.lost);
  // Still in the state but changed since the claim (metadata edited): decide again at once.
  await releaseTimers(sql, { documentIds: lost, owner: input.owner });
  return pass;
}
