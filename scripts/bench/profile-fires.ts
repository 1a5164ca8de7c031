// Engine fires alone, on a throwaway database, for a CPU profile of the fire path:
//   node --cpu-prof --cpu-prof-dir=/tmp/fire-prof --import tsx scripts/bench/profile-fires.ts
// (PROFILE_SECONDS, PROFILE_CLIENTS; PROFILE_PGLITE=1 for the embedded database, one client).
// Summarise the profile with `npx tsx scripts/bench/summarize-profile.ts <file.cpuprofile>`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { createBenchDatabase, benchServerUrl } from "./bench-database";
import { CYCLE_WORKFLOW } from "./bench-workflows";
import { runClosedLoop } from "./closed-loop";
import { BENCH_ACTOR, createClientDocuments, engineFire } from "./engine-fires";

const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
const pglite = process.env.PROFILE_PGLITE === "1";
const clients = Number(process.env.PROFILE_CLIENTS ?? (pglite ? 1 : 8));

async function run(db: Db): Promise<void> {
  await createWorkflow(db, BENCH_ACTOR, { key: "cycle", name: "cycle", definition: CYCLE_WORKFLOW });
  await publishWorkflow(db, BENCH_ACTOR, { key: "cycle" });
  const docs = await createClientDocuments(db, "cycle", clients, 25);
  const result = await runClosedLoop({
    clients,
    warmupMs: 1000,
    durationMs: seconds * 1000,
    operation: engineFire(db, docs),
    onError: (error) => console.error(error),
  });
  console.log(
    `${pglite ? "PGlite" : "PostgreSQL"}: ${result.perSecond.toFixed(0)} fires/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.errors} errors (load ${os.loadavg()[0]!.toFixed(2)})`,
  );
}

if (pglite) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-profile-"));
  const db = await openDb({ dataDir: dir, poolSize: 1 });
  try {
    await db.withConnection((conn) => migrate(conn));
    await run(db);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
} else {
  const database = await createBenchDatabase(benchServerUrl());
  const db = await openDb({ databaseUrl: database.url, dataDir: "", poolSize: clients });
  try {
    await db.withConnection((conn) => migrate(conn));
    await run(db);
  } finally {
    await db.close();
    await database.drop();
  }
}
