// A worker process for the chaos test (no-stranded-documents.test.ts): the real worker on a
// database whose pool fails CHAOS_FAILURE_RATE of the statements. It prints the faults it
// injected every 200 ms, so the test can prove the run really met them, even when killed.
import { openDb } from "../../lib/db/client";
import { createWorker } from "../../lib/worker/create-worker";
import { faultyDb } from "../helpers/faulty-db";

const base = await openDb({ databaseUrl: process.env.DATABASE_URL!, dataDir: "", poolSize: 4 });
const { db, faults } = faultyDb(base, Number(process.env.CHAOS_FAILURE_RATE ?? 0.1));
const worker = createWorker({
  db,
  concurrency: 8,
  leaseMs: 1_000,
  pollIntervalMs: 50,
  allowedHosts: "127.0.0.1",
  webhookSecret: "chaos",
  log: () => undefined,
});
await worker.start();
setInterval(() => process.stdout.write(`faults ${faults.before} ${faults.after}\n`), 200);
