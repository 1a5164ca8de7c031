import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { CYCLE_DEFINITION, actorNamed, errorCode } from "./race-helpers";

const COPIES = 20;
const ROUNDS = 5;

// Idempotent create (docs/architecture.md, "Data model": externalRef unique per workflow): a
// feeding system that resends a document 20 times at once still gets one document.
describe("20 concurrent creates with the same externalRef (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres", { poolSize: 10 });
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
  });
  afterAll(async () => handle?.close());

  it("creates one document and answers every copy with its id", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const externalRef = `erp-${round}`;
      const settled = await Promise.allSettled(
        Array.from({ length: COPIES }, (_, i) =>
          createDocument(handle.db, actorNamed(`feeder-${i}`), { workflow: "cycle", title: `copy ${i}`, externalRef }),
        ),
      );
      const failures = settled.flatMap((s) => (s.status === "rejected" ? [errorCode(s.reason)] : []));
      expect({ round, failures }).toEqual({ round, failures: [] });
      const answers = settled.map(
        (s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof createDocument>>>).value,
      );

      const rows = await handle.db.prisma.document.findMany({
        where: { externalRef },
        select: { id: true, title: true },
      });
      expect(rows).toHaveLength(1);
      const winner = rows[0]!;
      expect(new Set(answers.map((a) => a.document.id))).toEqual(new Set([winner.id]));
      expect(answers.filter((a) => a.created)).toHaveLength(1);
      // Every answer shows the stored document, not the loser's own input.
      expect(answers.every((a) => a.document.title === winner.title)).toBe(true);
      expect(await handle.db.prisma.historyEvent.count({ where: { documentId: winner.id } })).toBe(1);
    }
  });
});
