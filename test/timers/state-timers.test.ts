import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { claimTimers } from "../../lib/db/sql/claim-timers";
import { executorFor } from "../../lib/db/sql/sql-executor";
import { AppError } from "../../lib/errors/app-error";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { getDocument } from "../../lib/services/documents/get-document";
import { moveDocument } from "../../lib/services/documents/move-document";
import { updateMetadata } from "../../lib/services/documents/update-metadata";
import { countDocumentsByState } from "../../lib/services/stats/count-documents-by-state";
import { getMetrics } from "../../lib/observability/metrics";
import { fireDueTimers } from "../../lib/services/timers/fire-due-timers";
import { createTimerLoop } from "../../lib/worker/timer-loop";
import { ADMIN, OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { ESCALATED_SECONDS, TIMER_WORKFLOW, WAIT_SECONDS } from "./timer-fixtures";

// The clock is the only thing faked: timers are armed from the database's now(), and a pass
// "later" claims with a worker clock that far ahead, so no test waits for time to pass.
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
const pass = (db: OpenedTestDb["db"], seconds: number, owner = "worker-a", limit = 100) =>
  fireDueTimers(db, { owner, now: later(seconds), leaseMs: 30_000, limit });

describe.each<TestDbKind>(["postgres", "pglite"])("state timers (%s)", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, "timed", TIMER_WORKFLOW);
  });
  afterAll(async () => handle?.close());
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  const db = () => handle.db;
  const history = (id: string) =>
    db().prisma.historyEvent.findMany({ where: { documentId: id }, orderBy: { seq: "asc" } });
  const timerOf = (id: string) => db().prisma.documentTimer.findUnique({ where: { documentId: id } });
  /** A document submitted into "waiting" (its timer armed); returns its id. */
  const waitingDocument = async (title: string) => {
    const { document } = await createDocument(db(), OPERATOR, { workflow: "timed", title });
    await fireTransition(db(), OPERATOR, { documentId: document.id, transition: "submit" });
    return document.id;
  };
  /** docstate_timers_total{result} as this process counted it. */
  const counted = async (result: string) =>
    (await getMetrics().timers.get()).values.find((v) => v.labels.result === result)?.value ?? 0;
  /** Runs passes until one claims nothing (a due backlog drains). */
  const drain = async (seconds: number) => {
    for (let i = 0; i < 100; i += 1) if ((await pass(db(), seconds)).claimed === 0) return;
    throw new Error("timers kept coming");
  };

  it("arms the timer with the state change and fires it, as the timer, once it is due", async () => {
    const id = await waitingDocument("due");
    const doc = await db().prisma.document.findUniqueOrThrow({ where: { id } });
    const timer = await timerOf(id);
    expect(timer).toMatchObject({ state: "waiting", transition: "escalate", status: "PENDING", leaseOwner: null });
    expect(timer!.dueAt.getTime() - doc.stateEnteredAt.getTime()).toBe(WAIT_SECONDS * 1000);

    // Not due yet: nothing happens.
    expect(await pass(db(), 0)).toMatchObject({ claimed: 0, fired: 0 });
    expect((await getDocument(db(), { id })).state).toBe("waiting");

    await drain(WAIT_SECONDS + 1);
    const after = await getDocument(db(), { id });
    expect(after.state).toBe("escalated");
    const events = await history(id);
    expect(events.map((e) => [e.seq, e.type, e.transitionKey])).toEqual([
      [1, "CREATED", null],
      [2, "TRANSITION", "submit"],
      [3, "TRANSITION", "escalate"],
    ]);
    expect(events[2]).toMatchObject({
      actorType: "SYSTEM",
      actorId: "timer",
      actorName: "timer",
      fromState: "waiting",
    });
    expect(events[2]!.details).toEqual({ timer: { dueAt: timer!.dueAt.toISOString() } });
    // The state entered arms its own timer in the same statement.
    expect(await timerOf(id)).toMatchObject({ state: "escalated", transition: "auto_close", status: "PENDING" });
    expect(after.timer).toMatchObject({ state: "escalated", transition: "auto_close", status: "pending" });
  });

  it("is cancelled when the document leaves the state, and re-armed from the re-entry", async () => {
    const id = await waitingDocument("leaves");
    const first = (await timerOf(id))!;
    await fireTransition(db(), OPERATOR, { documentId: id, transition: "answer" });
    expect(await timerOf(id)).toBeNull();
    await drain(WAIT_SECONDS + 1);
    expect((await getDocument(db(), { id })).state).toBe("answered");

    await fireTransition(db(), OPERATOR, { documentId: id, transition: "reopen" });
    const rearmed = (await timerOf(id))!;
    const doc = await db().prisma.document.findUniqueOrThrow({ where: { id } });
    expect(rearmed).toMatchObject({ state: "waiting", transition: "escalate", status: "PENDING" });
    expect(rearmed.dueAt.getTime()).toBe(doc.stateEnteredAt.getTime() + WAIT_SECONDS * 1000);
    expect(rearmed.dueAt.getTime()).toBeGreaterThanOrEqual(first.dueAt.getTime());
  });

  it("drops the timer on an admin move out of the state and arms it on a move in", async () => {
    const { document } = await createDocument(db(), OPERATOR, { workflow: "timed", title: "moved" });
    expect(await timerOf(document.id)).toBeNull();
    await moveDocument(db(), ADMIN, { documentId: document.id, toState: "waiting", reason: "test" });
    expect(await timerOf(document.id)).toMatchObject({ state: "waiting", transition: "escalate" });
    await moveDocument(db(), ADMIN, { documentId: document.id, toState: "answered", reason: "test" });
    expect(await timerOf(document.id)).toBeNull();
  });

  it("a claim made before the document re-entered its state cannot fire it early", async () => {
    const id = await waitingDocument("stale claim");
    const sql = executorFor(db());
    const [claimed] = await claimTimers(sql, {
      now: later(WAIT_SECONDS + 1),
      limit: 1000,
      owner: "slow",
      leaseUntil: later(3600),
    }).then((all) => all.filter((t) => t.documentId === id));
    expect(claimed?.document.state).toBe("waiting");
    await fireTransition(db(), OPERATOR, { documentId: id, transition: "answer" });
    await fireTransition(db(), OPERATOR, { documentId: id, transition: "reopen" });
    // The re-entry re-armed the timer and cleared the slow worker's claim: not due for a minute.
    expect(await timerOf(id)).toMatchObject({ status: "PENDING", leaseOwner: null });
    expect(await pass(db(), 1, "other")).toMatchObject({ fired: 0 });
    expect((await getDocument(db(), { id })).state).toBe("waiting");
  });

  it("a claim that lost to a metadata edit is released and fires on the next pass", async () => {
    const id = await waitingDocument("edited");
    const sql = executorFor(db());
    await claimTimers(sql, { now: later(WAIT_SECONDS + 1), limit: 1000, owner: "slow", leaseUntil: later(3600) });
    expect((await timerOf(id))?.leaseOwner).toBe("slow");
    // A lapsed lease: another worker takes over and fires it.
    await drain(3601);
    expect((await getDocument(db(), { id })).state).toBe("escalated");
    expect((await history(id)).filter((e) => e.transitionKey === "escalate")).toHaveLength(1);

    const id2 = await waitingDocument("edited 2");
    const v = (await getDocument(db(), { id: id2 })).version;
    await updateMetadata(db(), OPERATOR, { documentId: id2, metadata: { note: "x" }, expectedVersion: v });
    await drain(WAIT_SECONDS + 1);
    expect((await getDocument(db(), { id: id2 })).state).toBe("escalated");
  });

  it("records a refused transition once, visibly, and does not loop", async () => {
    const refusedBefore = await counted("refused");
    const refusalsBefore = await db().prisma.historyEvent.count({ where: { type: "TIMER_REFUSED" } });
    const id = await waitingDocument("refused");
    await drain(WAIT_SECONDS + 1);
    await drain(ESCALATED_SECONDS + WAIT_SECONDS + 2);
    const doc = await getDocument(db(), { id });
    expect(doc.state).toBe("escalated");
    expect(doc.timer).toMatchObject({ status: "refused", transition: "auto_close" });
    expect(doc.timer?.lastError).toMatch(/closable/);
    const refusals = (await history(id)).filter((e) => e.type === "TIMER_REFUSED");
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ actorId: "timer", fromState: "escalated", transitionKey: "auto_close" });
    expect(refusals[0]!.details).toMatchObject({ code: "GUARD_FAILED" });
    // Parked: later passes never claim it again.
    expect(await pass(db(), ESCALATED_SECONDS * 10)).toMatchObject({ refused: 0 });
    expect((await history(id)).filter((e) => e.type === "TIMER_REFUSED")).toHaveLength(1);
    // The metric counts every refusal recorded (other documents of this file's tests included).
    const recorded = (await db().prisma.historyEvent.count({ where: { type: "TIMER_REFUSED" } })) - refusalsBefore;
    expect((await counted("refused")) - refusedBefore).toBe(recorded);
    const events = await history(id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it("fires each due timer exactly once with several concurrent workers, counts exact", async () => {
    const before = await countDocumentsByState(db());
    const count = (rows: typeof before, state: string) =>
      rows.filter((r) => r.state === state).reduce((n, r) => n + r.count, 0);
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1) ids.push(await waitingDocument(`crowd ${i}`));
    // Four workers, small batches, back to back until nothing is due.
    const worker = async (owner: string) => {
      let fired = 0;
      for (;;) {
        const result = await pass(db(), WAIT_SECONDS + 1, owner, 3);
        fired += result.fired;
        if (result.claimed === 0) return fired;
      }
    };
    const fired = await Promise.all(["w1", "w2", "w3", "w4"].map(worker));
    const docs = await db().prisma.document.findMany({ where: { id: { in: ids } } });
    expect(docs.every((d) => d.state === "escalated")).toBe(true);
    const firedHere = await db().prisma.historyEvent.count({
      where: { documentId: { in: ids }, transitionKey: "escalate", actorId: "timer" },
    });
    expect(firedHere).toBe(ids.length);
    expect(fired.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ids.length);
    for (const d of docs) expect(d.lastSeq).toBe(3);
    const after = await countDocumentsByState(db());
    expect(count(after, "escalated") - count(before, "escalated")).toBe(ids.length);
    expect(count(after, "waiting")).toBe(count(before, "waiting"));
  });

  it("three running timer loops fire every due timer exactly once, then idle", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i += 1) ids.push(await waitingDocument(`loops ${i}`));
    // Their clocks are a minute and a second ahead: every "waiting" timer is due for them.
    const loops = [1, 2, 3].map(() =>
      createTimerLoop({
        db: db(),
        batchSize: 5,
        pollIntervalMs: 50,
        now: () => Date.now() + (WAIT_SECONDS + 1) * 1000,
        log: () => undefined,
      }),
    );
    loops.forEach((loop) => loop.start());
    try {
      // Wait for the state, not for time: poll until every document has left "waiting".
      for (;;) {
        const left = await db().prisma.document.count({ where: { id: { in: ids }, state: "waiting" } });
        if (left === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await Promise.all(loops.map((loop) => loop.stop()));
    }
    const fired = await db().prisma.historyEvent.groupBy({
      by: ["documentId"],
      where: { documentId: { in: ids }, transitionKey: "escalate", actorId: "timer" },
      _count: { _all: true },
    });
    expect(fired).toHaveLength(ids.length);
    expect(fired.every((f) => f._count._all === 1)).toBe(true);
    const timers = await db().prisma.documentTimer.findMany({ where: { documentId: { in: ids } } });
    expect(timers.every((t) => t.state === "escalated" && t.status === "PENDING" && t.leaseOwner === null)).toBe(true);
  });

  it("a timer and a person firing at the same moment: exactly one transition, contiguous history", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push(await waitingDocument(`race ${i}`));
    // Timer workers in small batches and people's fires, all started together and interleaved.
    const timerWorker = async (owner: string) => {
      while ((await pass(db(), WAIT_SECONDS + 1, owner, 2)).claimed > 0);
    };
    const timers = [timerWorker("t1"), timerWorker("t2")];
    // The person decided on version 2 (as submitted), as a person looking at the page does.
    // People work from the newest document, timers from the oldest: they meet in the middle.
    const people = [...ids].reverse().map((id, i) =>
      new Promise((resolve) => setImmediate(resolve, i))
        .then(() => fireTransition(db(), OPERATOR, { documentId: id, transition: "answer", expectedVersion: 2 }))
        .then(
          () => "person",
          (error: unknown) => {
            if (error instanceof AppError && error.code === "STALE_VERSION") return error.code;
            throw error;
          },
        ),
    );
    const outcomes = await Promise.all(people);
    await Promise.all(timers);
    await drain(WAIT_SECONDS + 1);
    for (const id of ids) {
      const events = await history(id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const moves = events.filter((e) => e.type === "TRANSITION" && e.transitionKey !== "submit");
      const doc = await db().prisma.document.findUniqueOrThrow({ where: { id }, include: { timer: true } });
      expect(moves).toHaveLength(1);
      if (moves[0]!.transitionKey === "answer") {
        expect(doc.state).toBe("answered");
        expect(doc.timer).toBeNull();
      } else {
        expect(moves[0]).toMatchObject({ transitionKey: "escalate", actorId: "timer", fromState: "waiting" });
        expect(doc.state).toBe("escalated");
        expect(doc.timer).toMatchObject({ state: "escalated" });
      }
      expect(doc.version).toBe(3);
    }
    const won = outcomes.filter((o) => o === "person").length;
    const answered = await db().prisma.document.count({ where: { id: { in: ids }, state: "answered" } });
    expect(answered).toBe(won);
  });

  it("a timer firing back into its own state re-arms itself: a reminder every interval", async () => {
    await publishedWorkflow(db(), "nagging", {
      states: [
        { key: "open", kind: "initial", timeout: { afterSeconds: 10, transition: "remind" } },
        { key: "closed", kind: "terminal" },
      ],
      transitions: [
        { key: "remind", from: ["open"], to: "open" },
        { key: "close", from: ["open"], to: "closed" },
      ],
    });
    const { document } = await createDocument(db(), OPERATOR, { workflow: "nagging", title: "nag" });
    // Each pass runs 11 s ahead of the last entry into "open": exactly one reminder each.
    for (let round = 1; round <= 3; round += 1) {
      const entered = (await db().prisma.document.findUniqueOrThrow({ where: { id: document.id } })).stateEnteredAt;
      const result = await fireDueTimers(db(), {
        owner: "nagger",
        now: new Date(entered.getTime() + 11_000),
        leaseMs: 30_000,
        limit: 1000,
      });
      expect(result.fired).toBeGreaterThanOrEqual(1);
      const reminders = (await history(document.id)).filter((e) => e.transitionKey === "remind");
      expect(reminders).toHaveLength(round);
      const doc = await db().prisma.document.findUniqueOrThrow({
        where: { id: document.id },
        include: { timer: true },
      });
      expect(doc.timer!.dueAt.getTime()).toBe(doc.stateEnteredAt.getTime() + 10_000);
    }
  });

  it("arms the initial state's timer when the document is created", async () => {
    await publishedWorkflow(db(), "expiring", {
      states: [
        { key: "open", kind: "initial", timeout: { afterSeconds: 5, transition: "expire" } },
        { key: "expired", kind: "terminal" },
      ],
      transitions: [{ key: "expire", from: ["open"], to: "expired" }],
    });
    const { document } = await createDocument(db(), OPERATOR, { workflow: "expiring", title: "expires" });
    expect(document.timer).toMatchObject({ state: "open", transition: "expire", status: "pending" });
    await drain(6);
    expect((await getDocument(db(), { id: document.id })).state).toBe("expired");
    expect(await timerOf(document.id)).toBeNull();
  });
});
