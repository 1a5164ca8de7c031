import { expect } from "vitest";
import { type Actor, type WorkflowDefinitionInput } from "../../lib/engine";
import type { Db } from "../../lib/db/client";
import { isAppError } from "../../lib/errors/app-error";
import { verifyDocumentHistory } from "../../lib/services/history/verify-history";

/**
 * A workflow with cycles and one terminal state, without guards or role limits, so every
 * refusal under concurrency comes from the race itself (409) or from the state (422):
 *   draft -submit-> review -back-> draft, review -request_changes-> changes -revise-> review,
 *   review -approve-> approved (terminal).
 */
export const CYCLE_DEFINITION: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal" },
    { key: "changes", kind: "normal" },
    { key: "approved", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "review" },
    { key: "back", from: ["review"], to: "draft" },
    { key: "request_changes", from: ["review"], to: "changes" },
    { key: "revise", from: ["changes"], to: "review" },
    { key: "approve", from: ["review"], to: "approved" },
  ],
};

/** The sequential model of CYCLE_DEFINITION, written out independently of the engine. */
export const CYCLE_MODEL: Record<string, { from: string[]; to: string }> = {
  submit: { from: ["draft"], to: "review" },
  back: { from: ["review"], to: "draft" },
  request_changes: { from: ["review"], to: "changes" },
  revise: { from: ["changes"], to: "review" },
  approve: { from: ["review"], to: "approved" },
};

/** The codes a lost race or a stale read may legitimately produce (409 and 422). */
export const RACE_CODES = new Set(["STALE_VERSION", "CONFLICT", "TRANSITION_NOT_ALLOWED"]);

export function actorNamed(name: string, role: Actor["role"] = "operator"): Actor {
  return { type: "API", id: null, name, role };
}

/** An AppError's code, or a marker that makes an untyped failure stand out in assertions. */
export function errorCode(error: unknown): string {
  if (isAppError(error)) return error.code;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return `UNTYPED(${message})`;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Asserts the document's history is seq 1..n with no gap and that its counters agree. */
export async function expectConsistentHistory(
  db: Db,
  documentId: string,
): Promise<{ seqs: number[]; version: number; state: string }> {
  const doc = await db.prisma.document.findUniqueOrThrow({
    where: { id: documentId },
    select: { state: true, version: true, lastSeq: true },
  });
  const events = await db.prisma.historyEvent.findMany({
    where: { documentId },
    orderBy: { seq: "asc" },
    select: { seq: true, type: true, toState: true, documentVersion: true },
  });
  const seqs = events.map((e) => e.seq);
  expect(seqs).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
  expect(doc.lastSeq).toBe(events.length);
  // Every event here changes the state, so version counts them all (CREATED is version 1).
  expect(doc.version).toBe(events.length);
  expect(events.map((e) => e.documentVersion)).toEqual(seqs);
  expect(events.at(-1)?.toState).toBe(doc.state);
  // The hash chain survived the race too: every event chains to the one before it.
  expect(await verifyDocumentHistory(db, { id: documentId })).toMatchObject({ ok: true, checked: events.length });
  return { seqs, version: doc.version, state: doc.state };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
