import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
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

/**
 * DATABASE_REPLICA_URL against a real streaming replica: a primary and a hot standby
 * (pg_basebackup -R) started by this file in a temporary directory as the postgres OS user,
 * on two free ports (the machine's own cluster allows no replication connections).
 * The proof that a read is served by the replica is replication lag made visible: with the
 * standby's replay paused, a document created on the primary is missing from the list.
 */
const BIN = "/usr/lib/postgresql/15/bin";
const hasPostgresBinaries = fs.existsSync(`${BIN}/initdb`) && fs.existsSync(`${BIN}/pg_basebackup`);
if (!hasPostgresBinaries) console.warn(`read-replica test skipped: no ${BIN}/initdb or pg_basebackup on this machine`);

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL binary as the postgres OS user (initdb and postgres refuse root). */
function pgBin(tool: string, args: string[]): string {
  const [cmd, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", `${BIN}/${tool}`, ...args]]
    : [`${BIN}/${tool}`, args];
  return execFileSync(cmd as string, argv as string[], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function onServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe.skipIf(!hasPostgresBinaries)("read replica (DATABASE_REPLICA_URL) on a real streaming standby", () => {
  let root = "";
  let primaryDir = "";
  let standbyDir = "";
  let primaryPort = 0;
  let standbyPort = 0;
  let primaryUrl = "";
  let standbyUrl = "";
  let db: Db | undefined;
  const warnings: string[] = [];
  const infos: string[] = [];

  const startCluster = (dir: string, port: number) =>
    pgBin("pg_ctl", [
      "-D",
      dir,
      "-l",
      path.join(dir, "server.log"),
      "-o",
      `-p ${port} -k ${root}`,
      "-w",
      "-t",
      "30",
      "start",
    ]);
  const stopCluster = (dir: string) => {
    try {
      pgBin("pg_ctl", ["-D", dir, "-m", "immediate", "-w", "stop"]);
    } catch {
      // not running
    }
  };
  /** Waits until the standby has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const lsn = await onServer(
      primaryUrl,
      async (c) => (await c.query("SELECT pg_current_wal_lsn()::text AS l")).rows[0].l,
    );
    await waitFor("the standby to catch up", () =>
      onServer(standbyUrl, async (c) => {
        const { rows } = await c.query("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok", [lsn]);
        return rows[0].ok ? true : undefined;
      }),
    );
  };
  const pauseReplay = () => onServer(standbyUrl, (c) => c.query("SELECT pg_wal_replay_pause()"));
  const listed = async () =>
    (await listDocuments(db!, VIEWER, { workflow: "replicated", limit: 50 })).items.map((d) => d.title).sort();

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-replica-"));
    fs.chmodSync(root, 0o777);
    if (asRoot) execFileSync("chown", ["postgres", root]);
    primaryDir = path.join(root, "primary");
    standbyDir = path.join(root, "standby");
    [primaryPort, standbyPort] = [await freePort(), await freePort()];
    pgBin("initdb", ["-D", primaryDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    fs.appendFileSync(
      path.join(primaryDir, "postgresql.conf"),
      "\nlisten_addresses = '127.0.0.1'\nfsync = off\nshared_buffers = 16MB\nmax_wal_senders = 4\nwal_level = replica\n",
    );
    startCluster(primaryDir, primaryPort);
    pgBin("pg_basebackup", [
      "-h",
      "127.0.0.1",
      "-p",
      String(primaryPort),
      "-U",
      "postgres",
      "-D",
      standbyDir,
      "-R",
      "-X",
      "stream",
    ]);
    startCluster(standbyDir, standbyPort);
    primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    standbyUrl = `postgres://postgres@127.0.0.1:${standbyPort}/postgres`;
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
    if (standbyDir) stopCluster(standbyDir);
    if (primaryDir) stopCluster(primaryDir);
    if (root) fs.rmSync(root, { recursive: true, force: true });
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
    stopCluster(standbyDir);
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

    startCluster(standbyDir, standbyPort);
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
