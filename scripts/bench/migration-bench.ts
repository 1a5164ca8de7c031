import type { Actor } from "../../lib/engine";
import type { Db } from "../../lib/db/client";
import { claimBulkOperation } from "../../lib/services/bulk/bulk-operation-store";
import { bulkLanes, runBulkOperation } from "../../lib/services/bulk/run-bulk-operation";
import { startMigration } from "../../lib/services/versions/start-migration";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { saveDraft } from "../../lib/services/workflows/save-draft";
import { CYCLE_WORKFLOW } from "./bench-workflows";
import { combineLoads, runClosedLoop, type LoadResult } from "./closed-loop";
import { BENCH_ACTOR, createClientDocuments, engineFire } from "./engine-fires";
import { checkpointBeforeSlices, formatRatio, pairedRatio, runInterleaved, type Variant } from "./interleaved";
import type { ReportRow } from "./report";

export interface MigrationBenchConfig {
  /** Documents migrated from v1 to v2, over all rounds. */
  documents: number;
  /** Clients of the fire measurement: the target's baseline (one client's rate is information). */
  clients: number;
  /** Measured rounds: one migration of documents / (rounds + 1) and the fire slices each. */
  rounds: number;
  /** Length of one fire slice. */
  fireSliceSeconds: number;
}

interface MigrationSlice {
  documents: number;
  seconds: number;
  perSecond: number;
}

/**
 * Migration throughput (documents/s of one bulk runner with its lanes, v1 -> v2 with a state
 * renamed, so every document changes state and gets its MIGRATED event) against the engine's
 * fire throughput with `clients` clients (the database's capacity for fires) and, for
 * information, with one client. The documents are migrated in rounds, one tracked migration
 * of a part of them per round (its selection: their ids), interleaved with the fire slices in
 * a rotating order (interleaved.ts); the first part warms up unmeasured. Target: the median of
 * the rounds' migration / `clients`-client fire ratios >= 0.5.
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
  const ids = owned.flatMap((client) => client.ids);
  const parts = config.rounds + 1;
  const partSize = Math.ceil(ids.length / parts);
  const chunks = Array.from({ length: parts }, (_, i) => ids.slice(i * partSize, (i + 1) * partSize));
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
  const fireSlice = (clients: number, samples: number[]) => () =>
    runClosedLoop({ clients, warmupMs: 0, durationMs: config.fireSliceSeconds * 1000, operation: fire, samples });

  let migrated = 0;
  const migrate = async (documentIds: string[]): Promise<MigrationSlice> => {
    const operation = await startMigration(db, admin, {
      key,
      fromVersion: 1,
      toVersion: 2,
      mapping: { review: "checking" },
      selection: { documentIds },
      // The highest a plan allows, so the operation's own rate limit never binds the measurement.
      ratePerSecond: 10_000,
    });
    const claimed = await claimBulkOperation(db, "bench-migration", 60_000);
    const began = performance.now();
    await runBulkOperation(db, claimed!, { owner: "bench-migration", leaseMs: 60_000 });
    const seconds = (performance.now() - began) / 1000;
    const done = await db.prisma.bulkOperation.findUniqueOrThrow({ where: { id: operation.id } });
    migrated += done.succeeded;
    return { documents: done.succeeded, seconds, perSecond: done.succeeded / seconds };
  };

  // Warm-up: JIT, the statements prepared on each pooled connection, the first part migrated.
  await fireSlice(1, [])();
  await fireSlice(config.clients, [])();
  await migrate(chunks[0]!);
  const samples = { one: [] as number[], many: [] as number[] };
  let next = 1;
  const variants: Variant<LoadResult | MigrationSlice>[] = [
    { name: "migration", slice: () => migrate(chunks[next++]!) },
    { name: "fires", slice: fireSlice(config.clients, samples.many) },
    { name: "fires, 1 client", slice: fireSlice(1, samples.one) },
  ];
  const slices = await runInterleaved(variants, config.rounds, {
    beforeSlice: db.pool ? checkpointBeforeSlices(db.pool, log) : undefined,
  });
  const migration = slices.get("migration") as MigrationSlice[];
  const manyClients = combineLoads(slices.get("fires") as LoadResult[], samples.many);
  const oneClient = combineLoads(slices.get("fires, 1 client") as LoadResult[], samples.one);
  const migrationRates = migration.map((m) => m.perSecond);
  const ratio = pairedRatio(
    migrationRates,
    (slices.get("fires") as LoadResult[]).map((s) => s.perSecond),
  );
  const oneClientRatio = pairedRatio(
    migrationRates,
    (slices.get("fires, 1 client") as LoadResult[]).map((s) => s.perSecond),
  );
  const measured = migration.reduce((n, m) => n + m.documents, 0);
  const seconds = migration.reduce((n, m) => n + m.seconds, 0);
  const rate = measured / seconds;
  const complete = migrated === ids.length;
  const lanes = bulkLanes(db, "migrate");
  log(
    `${config.rounds} rounds (a migration of ${partSize} documents, ${config.fireSliceSeconds} s of fires with ${config.clients} clients and with 1), rotating order: ` +
      `${migrated} of ${ids.length} documents migrated`,
  );
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
      { name: "migration / fires (1 client)", value: formatRatio(oneClientRatio) },
      {
        name: `migration / fires (${config.clients} clients)`,
        value: formatRatio(ratio),
        target: ">= 0.5",
        met: ratio.median >= 0.5 && complete,
        kind: "ratio",
      },
    ],
    details: {
      total: ids.length,
      migrated,
      rounds: config.rounds,
      partSize,
      migration,
      rate,
      ratio,
      lanes,
      oneClient,
      manyClients,
    },
  };
}
