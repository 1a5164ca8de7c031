import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import type { ServiceDb } from "../../lib/services/db-types";
import { CYCLE_DEFINITION, actorNamed, errorCode, expectConsistentHistory } from "./race-helpers";

const COPIES = 10;
const ROUNDS = 5;

// A client that retries a request (timeouts, at-least-once queues) may send the same
// idempotencyKey many times at once: all copies must get the first result, and it is
// written once.
describe("one idempotencyKey sent 10 times concurrently (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres", { poolSize: COPIES });
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
  });
  afterAll(async () => handle?.close());

  it("writes one event and answers every copy with it", async () => {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "retried" });
    for (let round = 0; round < ROUNDS; round += 1) {
      const transition = round % 2 === 0 ? "submit" : "back";
      const idempotencyKey = `request-${round}`;
      const settled = await Promise.allSettled(
        Array.from({ length: COPIES }, (_, i) =>
          fireTransition(handle.db, actorNamed(`copy-${i}`), { documentId: document.id, transition, idempotencyKey }),
        ),
      );
      const failures = settled.flatMap((s) => (s.status === "rejected" ? [errorCode(s.reason)] : []));
      expect({ round, failures }).toEqual({ round, failures: [] });
      const answers = settled.map(
        (s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof fireTransition>>>).value,
      );

      const events = await handle.db.prisma.historyEvent.findMany({
        where: { documentId: document.id, idempotencyKey },
        select: { seq: true, toState: true, at: true },
      });
      expect(events).toHaveLength(1);
      const stored = events[0]!;
      for (const answer of answers) {
        expect({ seq: answer.event.seq, to: answer.event.to, at: answer.event.at }).toEqual({
          seq: stored.seq,
          to: stored.toState,
          at: stored.at.toISOString(),
        });
      }
      expect(answers.filter((a) => a.replayed)).toHaveLength(COPIES - 1);
      expect(stored.seq).toBe(round + 2);
    }
    expect((await expectConsistentHistory(handle.db, document.id)).version).toBe(ROUNDS + 1);
  });

  // A transition that leaves the state it enters (a self-loop, or a global "*" transition)
  // can be fired again right after it applied, so the document's state alone cannot tell a
  // copy it already applied: the one-statement fire's version check must (the unique index
  // on the key is the last line, and a history partitioned by time could not keep it).
  // Without expectedVersion, every copy must still be the one event.
  it("writes a self-loop once when its copies race without expectedVersion", async () => {
    await publishedWorkflow(handle.db, "self-loop", {
      states: [
        { key: "open", kind: "initial" },
        { key: "closed", kind: "terminal" },
      ],
      transitions: [
        { key: "touch", from: ["open"], to: "open" },
        { key: "close", from: ["open"], to: "closed" },
      ],
    });
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "self-loop", title: "touched" });
    for (let round = 0; round < ROUNDS; round += 1) {
      const idempotencyKey = `touch-${round}`;
      const answers = await Promise.all(
        Array.from({ length: COPIES }, (_, i) =>
          fireTransition(handle.db, actorNamed(`copy-${i}`), {
            documentId: document.id,
            transition: "touch",
            idempotencyKey,
          }),
        ),
      );
      const events = await handle.db.prisma.historyEvent.count({ where: { documentId: document.id, idempotencyKey } });
      expect({ round, events }).toEqual({ round, events: 1 });
      expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    }
    expect((await expectConsistentHistory(handle.db, document.id)).version).toBe(ROUNDS + 1);
  });

  // Regression: fireTransition once looked the key up before reading the document, so a copy
  // whose read landed after the winner committed decided on the new state and answered 422
  // instead of the replay. A held-back document read makes that interleaving certain.
  it("replays a copy whose document read lands after the first copy committed", async () => {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "slow copy" });
    let reachedRead!: () => void;
    let releaseRead!: () => void;
    const atRead = new Promise<void>((resolve) => (reachedRead = resolve));
    const released = new Promise<void>((resolve) => (releaseRead = resolve));
    // Hold the fire's first statement until the first copy committed: the one-round-trip
    // fire (apply-state-change.ts, matched form: it reads the key's earlier event when it
    // does not apply) or, without candidates, the decision read.
    let isHeld = false;
    const heldPrisma = handle.db.prisma.$extends({
      query: {
        async $allOperations({ operation, args, query }) {
          const sql = operation === "$queryRawUnsafe" ? String((args as unknown[])[0]) : "";
          if (!isHeld && /"Document" AS d\b[\s\S]*WHERE d\."id" = \$(?:1|7)::uuid/.test(sql)) {
            isHeld = true;
            reachedRead();
            await released;
          }
          return query(args);
        },
      },
    });
    const heldDb: ServiceDb = { kind: handle.db.kind, prisma: heldPrisma as unknown as ServiceDb["prisma"] };
    const input = { documentId: document.id, transition: "submit", idempotencyKey: "held" };
    const heldCopy = fireTransition(heldDb, actorNamed("held"), input).catch((error: unknown) => errorCode(error));
    await atRead; // the held copy is about to read the document
    const first = await fireTransition(handle.db, actorNamed("first"), input);
    releaseRead();
    expect(await heldCopy).toMatchObject({ replayed: true, event: first.event });
  });
});
