import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { Db } from "../../lib/db/client";
import type { WorkflowDefinitionInput } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { createWorker } from "../../lib/worker/create-worker";
import { BENCH_ACTOR } from "./engine-fires";
import type { BenchProfile } from "./bench-options";
import type { ReportRow } from "./report";

/** Issue 14: action output may add at most 10% to a job's cost. */
const TARGET_RATIO = 0.9;

/** What the receiver answers: the size of a realistic extraction (a dozen fields). */
const ANSWER = JSON.stringify({
  invoiceNumber: "INV-2026-01042",
  amount: 1250.5,
  currency: "EUR",
  vendor: "Globex GmbH",
  vatId: "DE123456789",
  issuedOn: "2026-11-30",
  dueOn: "2026-12-30",
  iban: "DE89370400440532013000",
  lines: [
    { description: "Services", amount: 1000 },
    { description: "Travel", amount: 250.5 },
  ],
  confidence: 0.97,
});

const OUTPUT_SCHEMA = {
  type: "object",
  required: ["invoiceNumber", "amount", "currency"],
  properties: { invoiceNumber: { type: "string" }, amount: { type: "number" }, currency: { type: "string" } },
};

function workflow(kind: "noop" | "webhook" | "output", url: string): WorkflowDefinitionInput {
  const action =
    kind === "noop"
      ? { type: "noop" as const }
      : {
          type: "webhook" as const,
          url,
          timeoutMs: 10_000,
          ...(kind === "output" ? { output: { into: "/extracted", schema: OUTPUT_SCHEMA } } : {}),
        };
  return {
    states: [
      { key: "start", kind: "initial" },
      { key: "work", kind: "normal", action, onSuccess: "finish", onFailure: "give_up" },
      { key: "done", kind: "terminal" },
    ],
    transitions: [
      { key: "go", from: ["start"], to: "work" },
      { key: "finish", from: ["work"], to: "done" },
      { key: "give_up", from: ["work"], to: "done" },
    ],
  };
}

interface VariantResult {
  jobs: number;
  seconds: number;
  perSecond: number;
  msPerJob: number;
}

/**
 * Action output's cost: the same webhook jobs (a local receiver answering the same JSON)
 * run by one in-process worker, with and without `output` (body read in full, schema
 * checked, merged, written with onSuccess), plus noop jobs for scale. The target compares
 * the two webhook variants in the same run: with output ≥ 90% of the throughput without.
 * The extra milliseconds per job are also shown against a noop job's whole cost.
 */
export async function runOutputBench(
  db: Db,
  log: (message: string) => void,
  profile: BenchProfile,
): Promise<{ rows: ReportRow[]; details: Record<string, unknown> }> {
  const jobs = Number(process.env.BENCH_OUTPUT_JOBS) || (profile === "quick" ? 400 : 2_000);
  const concurrency = 8;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(ANSWER);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/extract`;
  try {
    const results: Record<string, VariantResult> = {};
    // Alternate the webhook variants twice so neither always runs on a warmer database.
    for (const round of [1, 2]) {
      for (const kind of ["noop", "webhook", "output"] as const) {
        const key = `${kind}_${round}`;
        await createWorkflow(db, BENCH_ACTOR, { key, name: key, definition: workflow(kind, url) });
        await publishWorkflow(db, BENCH_ACTOR, { key });
        for (let i = 0; i < jobs; i++) {
          const { document } = await createDocument(db, BENCH_ACTOR, { workflow: key, title: `${key} ${i}` });
          await fireTransition(db, BENCH_ACTOR, { documentId: document.id, transition: "go" });
        }
        const worker = createWorker({ db, concurrency, allowedHosts: "127.0.0.1", log: () => undefined });
        const began = performance.now();
        let done = 0;
        for (;;) {
          const batch = await worker.runOnce();
          if (batch.length === 0) break;
          done += batch.filter((r) => r === "succeeded").length;
        }
        const seconds = (performance.now() - began) / 1000;
        if (done !== jobs) throw new Error(`${key}: ${done} of ${jobs} jobs succeeded`);
        results[key] = { jobs, seconds, perSecond: jobs / seconds, msPerJob: (seconds * 1000) / jobs };
        log(`${key}: ${jobs} jobs in ${seconds.toFixed(2)} s (${(jobs / seconds).toFixed(0)}/s)`);
      }
    }
    const rate = (kind: string) => (results[`${kind}_1`]!.perSecond + results[`${kind}_2`]!.perSecond) / 2;
    const ms = (kind: string) => (results[`${kind}_1`]!.msPerJob + results[`${kind}_2`]!.msPerJob) / 2;
    const ratio = rate("output") / rate("webhook");
    const addedMs = ms("output") - ms("webhook");
    const rows: ReportRow[] = [
      { name: `noop jobs (1 worker, ${concurrency} at once)`, rate: rate("noop") },
      { name: "webhook jobs, JSON answer ignored", rate: rate("webhook") },
      { name: "webhook jobs with action output (schema + merge)", rate: rate("output") },
      {
        name: "action output: throughput with / without",
        value: ratio.toFixed(3),
        target: `≥ ${TARGET_RATIO}`,
        met: ratio >= TARGET_RATIO,
        kind: "ratio",
      },
      {
        name: "action output: added ms per job / a noop job's ms",
        value: `${addedMs.toFixed(3)} / ${ms("noop").toFixed(3)}`,
      },
    ];
    return { rows, details: { jobs, concurrency, results, ratio, addedMsPerJob: addedMs } };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
