import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldStatementText } from "../../lib/db/sql/fold-analytics";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { partitionHistoryForAYear } from "../../scripts/bench/large-dataset";
import { CYCLE_DEFINITION } from "../concurrency/race-helpers";
import { ADMIN, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";

interface PlanNode {
  "Index Name"?: string;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/** Every node of a plan (EXPLAIN FORMAT JSON), at any depth. */
function nodesOf(plan: unknown, found: PlanNode[] = []): PlanNode[] {
  if (Array.isArray(plan)) for (const item of plan) nodesOf(item, found);
  else if (plan && typeof plan === "object") {
    if ("Node Type" in plan) found.push(plan as PlanNode);
    for (const value of Object.values(plan)) if (value && typeof value === "object") nodesOf(value, found);
  }
  return found;
}

/** Every index a plan (EXPLAIN FORMAT JSON) reads, at any depth. */
function indexesOf(plan: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) for (const item of plan) indexesOf(item, found);
  else if (plan && typeof plan === "object") {
    for (const [key, value] of Object.entries(plan)) {
      if (key === "Index Name" && typeof value === "string") found.add(value);
      else indexesOf(value, found);
    }
  }
  return found;
}

// The fold's per-event probes read a document's own history by the primary key. Once, with
// statistics lagging a growing table, the reentry probe ANDed the ("toState", ...) index
// instead (every event of the workflow in that state, per probe) and a 96 ms fold took
// 773 ms. The planner is pushed here towards bitmaps, the shape it chose then: no probe may
// be able to use that index, whatever the statistics say.
describe("analytics fold plan (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  let client: pg.Client;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres", { poolSize: 1 });
    const pool = handle.db.pool as pg.Pool & { options: { connectionString: string } };
    client = new pg.Client({ connectionString: pool.options.connectionString });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await handle?.close();
  });

  it.each(["live", "backfill"] as const)("never reads the history's state index in the %s fold", async (cursor) => {
    await client.query("BEGIN");
    let plan: unknown;
    try {
      await client.query("SET LOCAL enable_indexscan = off");
      await client.query("SET LOCAL enable_seqscan = off");
      await client.query(`PREPARE docstate_fold_plan AS ${foldStatementText(cursor)}`);
      const values = cursor === "live" ? "(5000, '{}', 1000000)" : "(5000)";
      const explained = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE docstate_fold_plan${values}`);
      plan = explained.rows[0]["QUERY PLAN"];
    } finally {
      await client.query("ROLLBACK");
      await client.query("DEALLOCATE ALL");
    }
    const indexes = indexesOf(plan);
    // The plan does probe the history (so the check below looks at real probes)...
    expect([...indexes].some((name) => name.startsWith("HistoryEvent") && name.endsWith("_pkey"))).toBe(true);
    // ...and never through the state index of any partition.
    expect([...indexes].filter((name) => name.includes("toState_fromState_at"))).toEqual([]);
  });

  // A database partitioned for a year (the legacy partition ends 13 months ago, a partition
  // per month since): the probes of a document's history are bounded by its creation, so run-
  // time pruning keeps them out of the months before it, as every other history look-up is
  // (since-document-created.ts). Unbounded, each probe descended all 17 partitions' keys.
  it("probes only the partitions a document's history can be in", async () => {
    await partitionHistoryForAYear(client);
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { document } = await createDocument(handle.db, ADMIN, { workflow: "cycle", title: `d${i}` });
      await fireTransition(handle.db, ADMIN, { documentId: document.id, transition: "submit" });
      ids.push(document.id);
    }
    // Folded already: the batch below then starts after each document's first events, so the
    // fold must look them up in the history (the state entered, reentries, the path).
    await foldAnalytics(handle.db);
    for (const id of ids) {
      await fireTransition(handle.db, ADMIN, { documentId: id, transition: "request_changes" });
      await fireTransition(handle.db, ADMIN, { documentId: id, transition: "revise" });
      await fireTransition(handle.db, ADMIN, { documentId: id, transition: "approve" });
    }
    const month = new Date().toISOString().slice(0, 7).replace("-", "m");
    await client.query("BEGIN");
    let plan: unknown;
    try {
      await client.query(`PREPARE docstate_fold_run AS ${foldStatementText("live")}`);
      // One event per batch, so every event of a document is probed for (none answered by the batch).
      const explained = await client.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE docstate_fold_run(1, '{}', 1000000)`,
      );
      plan = explained.rows[0]["QUERY PLAN"];
    } finally {
      await client.query("ROLLBACK");
      await client.query("DEALLOCATE ALL");
    }
    const probes = nodesOf(plan).filter(
      (node) => node["Index Name"]?.endsWith("_pkey") && node["Index Name"].startsWith("HistoryEvent_"),
    );
    const probed = new Set(probes.filter((node) => (node["Actual Loops"] ?? 0) > 0).map((node) => node["Index Name"]!));
    expect(probed.size).toBeGreaterThan(0);
    // This month's partition (the documents were created now), perhaps the next months' and
    // the default one: never the legacy partition nor a month before this one.
    for (const name of probed) {
      const partition = name.replace(/_pkey$/, "");
      expect(partition === `HistoryEvent_${month}` || partition > `HistoryEvent_${month}`, partition).toBe(true);
    }
  });
});
