import type { Actor } from "../../lib/engine";
import type { Db } from "../../lib/db/client";
import { claimBulkOperation } from "../../lib/services/bulk/bulk-operation-store";
import { bulkLanes, runBulkOperation } from "../../lib/services/bulk/run-bulk-operation";
import { startMigration } from "../../lib/services/versions/start-migration";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { saveDraft } from "../../lib/services/workflows/save-draft";
import { CYCLE_WORKFLOW } from "./bench-workflows";
import { runClosedLoop } from "./closed-loop";
import { BENCH_ACTOR, createClientDocuments, engineFire } from "./engine-fires";
import type { ReportRow } from "./report";

export interface MigrationBenchConfig {
  /** Documents migrated from v1 to v2. */
  documents: number;
  /** Clients of the fire measurement: the target's baseline (one client's rate is information). */
  clients: number;
  fireSeconds: number;
}

/**
 * Migration throughput (documents/s of one bulk runner with its lanes, v1 -> v2 with a state
 * renamed, so every document changes state and gets its MIGRATED event) against the engine's
 * fire throughput measured in the same run with `clients` clients (the database's capacity
 * for fires) and, for information, with one client. Target: migration >= 0.5 x the
 * `clients`-client fire rate.
 */
export async function runMigrationBench(
  db: Db,
  config: MigrationBenchConfig,
  log: (line: string) => void,
): Promise<{ rows: ReportRow[]; details: Record<string, unknown> }> {
  const user = await db.prisma.user.upsert({
    where: { email: "bench-migration@bench.local" },
    update: {},
    create: { email: "bench-migration@bench.local", name: "bench", role: "admin", passwordHash: "unused" },
  });
  const admin: Actor = { type: "USER", id: user.id, name: user.email, role: "admin" };
  const key = `bench-migration-${Date.now().toString(36)}`;
  await createWorkflow(db, BENCH_ACTOR, { key, name: key, definition: CYCLE_WORKFLOW as never });
  await publishWorkflow(db, BENCH_ACTOR, { key });
  log(`creating ${config.documents} documents on v1`);
  const owned = await createClientDocuments(db, key, config.clients, Math.ceil(config.documents / config.clients));
  const total = owned.reduce((n, c) => n + c.ids.length, 0);
  // v2 renames review to checking, so half the documents need an explicit mapping.
  const v2 = {
    ...CYCLE_WORKFLOW,
    states: CYCLE_WORKFLOW.states.map((s) => (s.key === "review" ? { ...s, key: "checking" } : s)),
    transitions: CYCLE_WORKFLOW.transitions.map((t) => ({
      ...t,
      from: t.from.map((f) => (f === "review" ? "checking" : f)),
      to: t.to === "review" ? "checking" : t.to,
    })),
  };
  await saveDraft(db, BENCH_ACTOR, { key, definition: v2 as never });
  await publishWorkflow(db, BENCH_ACTOR, { key });

  const firesKey = `${key}-fires`;
  await createWorkflow(db, BENCH_ACTOR, { key: firesKey, name: firesKey, definition: CYCLE_WORKFLOW as never });
  await publishWorkflow(db, BENCH_ACTOR, { key: firesKey });
  const fireDocs = await createClientDocuments(db, firesKey, config.clients, 50);
  const fire = engineFire(db, fireDocs);
  const durationMs = config.fireSeconds * 1000;
  const warmupMs = Math.min(2000, durationMs / 4);
  const oneClient = await runClosedLoop({ clients: 1, warmupMs, durationMs, operation: fire });
  const manyClients = await runClosedLoop({ clients: config.clients, warmupMs, durationMs, operation: fire });

  const operation = await startMigration(db, admin, {
    key,
    fromVersion: 1,
    toVersion: 2,
    mapping: { review: "checking" },
    // The highest a plan allows, so the operation's own rate limit never binds the measurement.
    ratePerSecond: 10_000,
  });
  const claimed = await claimBulkOperation(db, "bench-migration", 60_000);
  const began = performance.now();
  const end = await runBulkOperation(db, claimed!, { owner: "bench-migration", leaseMs: 60_000 });
  const seconds = (performance.now() - began) / 1000;
  const done = await db.prisma.bulkOperation.findUniqueOrThrow({ where: { id: operation.id } });
  const rate = done.succeeded / seconds;
  const ratio = rate / manyClients.perSecond;
  const lanes = bulkLanes(db, "migrate");
  return {
    rows: [
      { name: `migration: documents/s (one bulk runner, ${lanes} lanes)`, rate },
      {
        name: `engine fires/s, 1 client (same run)`,
        rate: oneClient.perSecond,
        p50Ms: oneClient.p50Ms,
        p99Ms: oneClient.p99Ms,
      },
      {
        name: `engine fires/s, ${config.clients} clients (same run)`,
        rate: manyClients.perSecond,
        p50Ms: manyClients.p50Ms,
        p99Ms: manyClients.p99Ms,
      },
      { name: "migration / fires (1 client)", value: (rate / oneClient.perSecond).toFixed(2) },
      {
        name: `migration / fires (${config.clients} clients)`,
        value: ratio.toFixed(2),
        target: ">= 0.5",
        met: ratio >= 0.5 && done.succeeded === total,
        kind: "ratio",
      },
    ],
    details: {
      end,
      total,
      succeeded: done.succeeded,
      failed: done.failed,
      seconds,
      rate,
      lanes,
      oneClient,
      manyClients,
    },
  };
}
