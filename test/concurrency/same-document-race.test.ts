import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../lib/errors/app-error";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import type { StateChangeResult } from "../../lib/services/documents/state-change-result";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { CYCLE_DEFINITION, RACE_CODES, actorNamed, errorCode, expectConsistentHistory } from "./race-helpers";

const RACERS = 32;
const ROUNDS = 6;

// docs/architecture.md, "Concurrency": exactly one fire wins per version, history seq
// stays contiguous, no deadlock, no lost update, and losers get typed 409/422 answers.
describe("32 concurrent fires of one transition on one document (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    // Fewer connections than racers on purpose: some fires queue for the pool, some for the row.
    handle = await openMigratedTestDb("postgres", { poolSize: 16 });
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
  });
  afterAll(async () => handle?.close());

  async function race(documentId: string, transition: string, expectedVersion?: number) {
    const settled = await Promise.allSettled(
      Array.from({ length: RACERS }, (_, i) =>
        fireTransition(handle.db, actorNamed(`racer-${i}`), { documentId, transition, expectedVersion }),
      ),
    );
    const winners = settled.flatMap((s, i) => (s.status === "fulfilled" ? [{ racer: i, result: s.value }] : []));
    const errors = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
    return { winners, errors };
  }

  function expectOneWinner(winners: { racer: number; result: StateChangeResult }[], errors: unknown[]) {
    expect(winners).toHaveLength(1);
    expect(errors).toHaveLength(RACERS - 1);
    for (const error of errors) {
      expect(errorCode(error)).toSatisfy((code: string) => RACE_CODES.has(code));
      expect(isAppError(error) && [409, 422].includes(error.status)).toBe(true);
    }
  }

  it("without expectedVersion: one wins each round, the others get 409 or 422", async () => {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "hot" });
    for (let round = 0; round < ROUNDS; round += 1) {
      const transition = round % 2 === 0 ? "submit" : "back";
      const { winners, errors } = await race(document.id, transition);
      expectOneWinner(winners, errors);
      const winner = winners[0]!;
      expect(winner.result.event).toMatchObject({
        seq: round + 2,
        type: "TRANSITION",
        transition,
        to: transition === "submit" ? "review" : "draft",
      });
      expect(winner.result.document.version).toBe(round + 2);
      // The event is attributed to the racer whose call returned it.
      const stored = await handle.db.prisma.historyEvent.findFirstOrThrow({
        where: { documentId: document.id, seq: round + 2 },
        select: { actorName: true },
      });
      expect(stored.actorName).toBe(`racer-${winner.racer}`);
    }
    const history = await expectConsistentHistory(handle.db, document.id);
    expect(history).toMatchObject({ version: ROUNDS + 1, state: ROUNDS % 2 === 0 ? "draft" : "review" });
  });

  it("with expectedVersion: one wins each round, all others get 409", async () => {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "hot, versioned" });
    for (let round = 0; round < ROUNDS; round += 1) {
      const transition = round % 2 === 0 ? "submit" : "back";
      const { winners, errors } = await race(document.id, transition, round + 1);
      expectOneWinner(winners, errors);
      for (const error of errors) expect(isAppError(error) && error.status).toBe(409);
      expect(winners[0]!.result.event.seq).toBe(round + 2);
    }
    const history = await expectConsistentHistory(handle.db, document.id);
    expect(history.version).toBe(ROUNDS + 1);
  });
});
