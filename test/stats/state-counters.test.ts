import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteArchivedDocument } from "../../lib/db/sql/delete-archived-document";
import { executorFor } from "../../lib/db/sql/sql-executor";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { moveDocument } from "../../lib/services/documents/move-document";
import { countDocumentsByState } from "../../lib/services/stats/count-documents-by-state";
import { seededRandom } from "../../lib/services/demo/seeded-random";
import { ADMIN, OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

async function exactCounts(handle: OpenedTestDb) {
  const rows = await handle.db.prisma.document.groupBy({
    by: ["workflowId", "state"],
    _count: { _all: true },
    orderBy: [{ workflowId: "asc" }, { state: "asc" }],
  });
  return rows.map((r) => ({ workflowId: r.workflowId, state: r.state, count: r._count._all }));
}

describe.each<TestDbKind>(["postgres", "pglite"])("maintained per-state counters on %s", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind, { poolSize: 12 });
    await publishedWorkflow(handle.db, "review");
  });
  afterAll(async () => handle?.close());

  it("equal the exact GROUP BY after concurrent creations, transitions, moves and deletes", async () => {
    const { db } = handle;
    const clients = kind === "postgres" ? 8 : 2;
    const rounds = kind === "postgres" ? 40 : 15;
    const random = seededRandom(42);
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let i = 0; i < rounds; i += 1) {
          const roll = random();
          try {
            if (roll < 0.3 || ids.length < 5) {
              ids.push(
                (
                  await createDocument(db, OPERATOR, {
                    workflow: "review",
                    title: `c${client}-${i}`,
                    metadata: { invoiceNumber: "1" },
                  })
                ).document.id,
              );
            } else if (roll < 0.85) {
              const id = ids[Math.floor(random() * ids.length)]!;
              await fireTransition(db, ADMIN, {
                documentId: id,
                transition: ["submit", "back", "approve", "reject"][Math.floor(random() * 4)]!,
                reason: "soak",
              });
            } else {
              const id = ids[Math.floor(random() * ids.length)]!;
              await moveDocument(db, ADMIN, {
                documentId: id,
                toState: ["draft", "review", "approved"][Math.floor(random() * 3)]!,
                reason: "soak",
              });
            }
          } catch (error) {
            // Refusals (409/422) are expected under contention; anything else fails the test.
            if (!(
              error instanceof Error &&
              "code" in error &&
              [
                "STALE_VERSION",
                "TRANSITION_NOT_ALLOWED",
                "CONFLICT",
                "GUARD_FAILED",
                "REASON_REQUIRED",
                "ALREADY_IN_STATE",
                "FORBIDDEN",
              ].includes(String((error as { code: string }).code))
            ))
              throw error;
          }
        }
      }),
    );
    // A document with history leaves only through the archival path's delete.
    await db.prisma.$transaction((tx) => deleteArchivedDocument(executorFor(tx), ids[0]!));
    const counted = await countDocumentsByState(db);
    expect(counted).toEqual(await exactCounts(handle));
    expect(counted.reduce((sum, c) => sum + c.count, 0)).toBe(ids.length - 1);
  });
});
