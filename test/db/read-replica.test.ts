import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { readFromReplica } from "../../lib/db/read-replica";
import { createDocument } from "../../lib/services/documents/create-document";
import { getDocument } from "../../lib/services/documents/get-document";
import { listDocuments } from "../../lib/services/documents/list-documents";
import { collectDatabaseGauges } from "../../lib/observability/collect-database-gauges";
import { getMetrics } from "../../lib/observability/metrics";
import { getDashboard } from "../../lib/services/stats/get-dashboard";
import { OPERATOR, VIEWER, publishedWorkflow } from "../helpers/fixtures";
import {
  hasPostgresBinaries,
  onServer,
  startThrowawayPostgres,
  waitFor,
  type ThrowawayPair,
} from "../helpers/throwaway-postgres";

/**
 * DATABASE_REPLICA_URL against a real streaming replica: a primary and a hot standby
 * (pg_basebackup -R) started by this file in a temporary directory as the postgres OS user,
 * on two free ports (the machine's own cluster allows no replication connections).
 * The proof that a read is served by the replica is replication lag made visible: with the
 * standby's replay paused, a document created on the primary is missing from the list.
 */
if (!hasPostgresBinaries) console.warn("read-replica test skipped: no initdb or pg_basebackup on this machine");

describe.skipIf(!hasPostgresBinaries)("read replica (DATABASE_REPLICA_URL) on a real streaming standby", () => {
  let pair: ThrowawayPair | undefined;
  let primaryUrl = "";
  let standbyUrl = "";
  let db: Db | undefined;
  const warnings: string[] = [];
  const infos: string[] = [];
  const caughtUp = () => pair!.caughtUp();
  const pauseReplay = () => onServer(standbyUrl, (c) => c.query("SELECT pg_wal_replay_pause()"));
  const listed = async () =>
    (await listDocuments(db!, VIEWER, { workflow: "replicated", limit: 50 })).items.map((d) => d.title).sort();

  beforeAll(async () => {
    pair = await startThrowawayPostgres({ standby: true });
    primaryUrl = pair.primary.url;
    standbyUrl = pair.standby!.url;
    db = await openDb({
      databaseUrl: primaryUrl,
      replicaUrl: standbyUrl,
      replicaRetryAfterMs: 200,
      replicaLog: { warn: (m) => warnings.push(m), info: (m) => infos.push(m) },
      dataDir: "",
      poolSize: 4,
    });
    await db.withConnection((conn) => migrate(conn));
    await publishedWorkflow(db, "replicated");
    await createDocument(db, OPERATOR, { workflow: "replicated", title: "one" });
    await caughtUp();
  });

  afterAll(async () => {
    await db?.close().catch(() => undefined);
    pair?.remove();
  });

  it("serves lag-tolerant reads from the standby, the document detail from the primary", async () => {
    expect(
      await readFromReplica(db!, async (r) => (await r.pool!.query("SELECT pg_is_in_recovery() AS r")).rows[0].r),
    ).toBe(true);
    await pauseReplay();
    const two = (await createDocument(db!, OPERATOR, { workflow: "replicated", title: "two" })).document;
    // The list and the dashboard lag behind (replay is paused on the standby)…
    expect(await listed()).toEqual(["one"]);
    const dashboard = await getDashboard(db!);
    expect(dashboard.workflows.find((w) => w.key === "replicated")?.total).toBe(1);
    // …while the page a user lands on after the change reads the primary.
    expect((await getDocument(db!, { id: two.id })).title).toBe("two");
    expect(warnings).toEqual([]);
    // /api/metrics says where reads go and how far the replica trails (replay is paused).
    await collectDatabaseGauges(db!);
    const gauge = async (name: "replicaServing" | "replicaLag") => (await getMetrics()[name].get()).values[0]?.value;
    expect(await gauge("replicaServing")).toBe(1);
    expect(await gauge("replicaLag")).toBeGreaterThan(0);
  });

  it("falls back to the primary with one warning when the standby dies, and returns to it when it is back", async () => {
    pair!.standby!.stop();
    for (let i = 0; i < 5; i += 1) expect(await listed()).toEqual(["one", "two"]);
    expect((await getDashboard(db!)).workflows.find((w) => w.key === "replicated")?.total).toBe(2);
    // Probes every 200 ms keep failing while it is down, but the warning is rate-limited.
    await new Promise((r) => setTimeout(r, 450));
    expect(await listed()).toEqual(["one", "two"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/read replica 127\.0\.0\.1:\d+\/postgres failed: .*reads use the primary/);
    await collectDatabaseGauges(db!);
    expect((await getMetrics().replicaServing.get()).values[0]?.value).toBe(0);
    expect((await getMetrics().replicaLag.get()).values).toEqual([]);

    pair!.standby!.start();
    await caughtUp();
    await pauseReplay();
    await createDocument(db!, OPERATOR, { workflow: "replicated", title: "three" });
    // Back on the standby: its paused replay hides "three" again.
    await waitFor("reads to return to the standby", async () => ((await listed()).length === 2 ? true : undefined));
    expect(infos.some((m) => /answers again/.test(m))).toBe(true);
    expect(
      await readFromReplica(db!, async (r) => (await r.pool!.query("SELECT pg_is_in_recovery() AS r")).rows[0].r),
    ).toBe(true);
  });
  it("reads the primary while the standby trails by more than the maximum lag, and the standby again once it caught up", async () => {
    // The standby's replay is still paused ("three" is not on it); a second handle allows 300 ms of lag.
    const lagWarnings: string[] = [];
    const strict = await openDb({
      databaseUrl: primaryUrl,
      replicaUrl: standbyUrl,
      replicaMaxLagMs: 300,
      replicaLagCheckEveryMs: 50,
      replicaLog: { warn: (m) => lagWarnings.push(m), info: () => undefined },
      dataDir: "",
      poolSize: 2,
    });
    try {
      const titles = async () =>
        (await listDocuments(strict, VIEWER, { workflow: "replicated", limit: 50 })).items.map((d) => d.title).sort();
      await waitFor("reads to leave the lagging standby", async () =>
        (await titles()).length === 3 ? true : undefined,
      );
      expect(strict.replica?.serving).toBe("primary");
      expect(lagWarnings).toHaveLength(1);
      expect(lagWarnings[0]).toMatch(/trails the primary by [\d.]+ s \(more than 300 ms\)/);
      await onServer(standbyUrl, (c) => c.query("SELECT pg_wal_replay_resume()"));
      await caughtUp();
      await waitFor("reads to return to the standby", async () => {
        await titles();
        return strict.replica?.serving === "replica" ? true : undefined;
      });
      expect(
        await readFromReplica(strict, async (r) => (await r.pool!.query("SELECT pg_is_in_recovery() AS r")).rows[0].r),
      ).toBe(true);
    } finally {
      await strict.close();
    }
  });
});
