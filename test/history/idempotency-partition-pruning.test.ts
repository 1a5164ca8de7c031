import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fireIfStateMatches } from "../../lib/db/sql/apply-state-change";
import { decisionWithEventStatementText } from "../../lib/db/sql/select-decision-document";
import { poolExecutor } from "../../lib/db/sql/sql-executor";
import { fireCandidates } from "../../lib/services/documents/fire-candidates";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { partitionHistoryForAYear } from "../../scripts/bench/large-dataset";
import { CYCLE_DEFINITION } from "../concurrency/race-helpers";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

type PlanNode = { "Relation Name"?: string; "Actual Loops"?: number; Plans?: PlanNode[] };

/** History partitions a plan actually read (a partition pruned at run time is never executed). */
function partitionsRead(node: PlanNode, into: string[] = []): string[] {
  if (node["Relation Name"]?.startsWith("HistoryEvent_") && (node["Actual Loops"] ?? 0) > 0)
    into.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) partitionsRead(child, into);
  return into;
}

/*
 * A fire with an idempotency key looks for the key's earlier event in the document's history.
 * On a database with a year of monthly partitions, that look-up must read only the months
 * since the document was created, and replays must still find the first answer.
 */
describe.each<TestDbKind>(["postgres", "pglite"])("idempotency look-ups on partitioned history (%s)", (kind) => {
  let handle: OpenedTestDb;

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await handle.db.withConnection((conn) => partitionHistoryForAYear(conn));
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
  }, 120_000);
  afterAll(async () => handle?.close());

  it("reads only the partitions since the document was created, and a replay still finds the first answer", async () => {
    const partitions = await handle.db.prisma.$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) AS count FROM pg_inherits WHERE inhparent = '"HistoryEvent"'::regclass`,
    );
    expect(Number(partitions[0]!.count)).toBeGreaterThanOrEqual(17);

    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "pruned" });
    const first = await fireTransition(handle.db, OPERATOR, {
      documentId: document.id,
      transition: "submit",
      idempotencyKey: "order-42",
    });
    expect(first.replayed).toBe(false);

    const explained = await handle.db.withConnection((conn) =>
      conn.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${decisionWithEventStatementText()}`, [
        document.id,
        "order-42",
      ]),
    );
    const raw = explained[0]!["QUERY PLAN"];
    const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    const read = partitionsRead(plan[0]!.Plan);
    // The document's month, and the one before it when it was created in the first day of a month.
    expect(read.length).toBeGreaterThanOrEqual(1);
    expect(read.length).toBeLessThanOrEqual(2);

    const again = await fireTransition(handle.db, OPERATOR, {
      documentId: document.id,
      transition: "submit",
      idempotencyKey: "order-42",
    });
    expect(again.replayed).toBe(true);
    expect(again.event.seq).toBe(first.event.seq);
    const events = await handle.db.prisma.historyEvent.count({ where: { documentId: document.id } });
    expect(events).toBe(2);
  });

  // A statement locks every relation it names before it runs (a generic plan: all of them,
  // before any pruning). A fire without a key must not name the months of history it never
  // reads: past 16 locks a session leaves its fast path for the shared lock table.
  it.runIf(kind === "postgres")("a fire without a key locks only the history partition it appends to", async () => {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "locks" });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
    const historyLocksOfFire = async (transition: string, idempotencyKey: string | null) => {
      const client = await handle.db.pool!.connect();
      try {
        await client.query("BEGIN");
        const fired = await fireIfStateMatches(poolExecutor(client), {
          documentId: document.id,
          transitionKey: transition,
          reason: null,
          idempotencyKey,
          actor: OPERATOR,
          candidates: fireCandidates(OPERATOR, transition, undefined),
        });
        expect(fired.outcome).toBe("applied");
        const locks = await client.query<{ relname: string }>(
          `SELECT c.relname FROM pg_locks AS l JOIN pg_class AS c ON c.oid = l.relation
            WHERE l.pid = pg_backend_pid() AND c.relname LIKE 'HistoryEvent%'`,
        );
        return locks.rows.map((row) => row.relname);
      } finally {
        await client.query("ROLLBACK");
        client.release();
      }
    };
    const keyless = await historyLocksOfFire("back", null);
    const month = keyless.filter((name) => /^HistoryEvent_\d{4}m\d{2}$/.test(name));
    expect(month).toHaveLength(1);
    expect(keyless.every((name) => name === "HistoryEvent" || name.startsWith(month[0]!))).toBe(true);
    // The same fire with a key names the history it searches for the key: every month.
    const keyed = await historyLocksOfFire("back", "order-43");
    expect(keyed.filter((name) => /^HistoryEvent_\d{4}m\d{2}$/.test(name)).length).toBeGreaterThanOrEqual(13);
  });
});
