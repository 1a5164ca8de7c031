import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowDefinitionInput } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { createWorker } from "../../lib/worker/create-worker";
import { faultyDb } from "../helpers/faulty-db";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { startHookServer } from "./hook-server";
import { webhookWorkflow } from "./worker-fixtures";

/*
 * The worker's promise: a fault never strands a document. For every document in a state
 * with an action there is a job, or a history event that says why not. Checked after runs
 * that inject database errors into a share of the worker's statements and SIGKILL workers.
 */

/** webhookWorkflow whose onSuccess needs an invoice number: documents without one are refused. */
function guardedExtraction(url: string): WorkflowDefinitionInput {
  const definition = webhookWorkflow(url, { maxAttempts: 3, strategy: "fixed", initialDelayMs: 0 }, 1_000, 1_000);
  return {
    ...definition,
    transitions: definition.transitions.map((t) =>
      t.key === "extracted" ? { ...t, guard: { jsonSchema: { required: ["invoiceNumber"] } } } : t,
    ),
  };
}

interface Violation {
  id: string;
  state: string;
  problem: string;
}

describe("a worker cannot strand a document (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  let url: string;
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    url = (handle.db.pool!.options as { connectionString: string }).connectionString;
    // Mostly successes after a short, varying delay; some retryable 503s, some permanent 422s.
    hook = await startHookServer((request, response) => {
      const roll = Number.parseInt(request.idempotencyKey!.slice(0, 2), 16) / 256 + request.body.attempt * 0.37;
      const status = roll % 1 < 0.2 ? 503 : roll % 1 < 0.27 ? 422 : 200;
      setTimeout(() => response.writeHead(status).end(), Math.floor((roll * 97) % 30));
    });
    await publishedWorkflow(handle.db, "extraction", guardedExtraction(hook.url));
  });
  afterAll(async () => {
    children.forEach((c) => c.kill("SIGKILL"));
    await hook?.close();
    await handle?.close();
  });
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  async function submitted(count: number, prefix: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const { document } = await createDocument(handle.db, OPERATOR, {
        workflow: "extraction",
        title: `${prefix} ${i}`,
        // Every fifth document lacks the field the onSuccess guard wants.
        metadata: i % 5 === 0 ? {} : { invoiceNumber: `INV-${i}` },
      });
      await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
      ids.push(document.id);
    }
    return ids;
  }

  /** Runs a fault-free worker with the clock past every lease and retry until no job is due. */
  async function drain(): Promise<void> {
    const worker = createWorker({
      db: handle.db,
      now: () => Date.now() + 3_600_000,
      allowedHosts: "127.0.0.1",
      webhookSecret: "chaos",
      log: () => undefined,
    });
    for (let round = 0; round < 50; round++) if ((await worker.runOnce()).length === 0) return;
    throw new Error("jobs still due after 50 rounds");
  }

  /** Documents in the action's state without a job, or with a job nothing explains. */
  async function violations(ids: string[]): Promise<Violation[]> {
    return handle.db.prisma.$queryRawUnsafe<Violation[]>(
      `SELECT d."id", d."state",
              CASE WHEN j."documentId" IS NULL THEN 'in the action state without a job'
                   WHEN j."state" <> d."state" THEN 'job of another state'
                   WHEN j."status" <> 'EXHAUSTED' THEN 'job still ' || j."status"
                   ELSE 'exhausted job whose last event does not explain it' END AS problem
         FROM "Document" d
         LEFT JOIN "Job" j ON j."documentId" = d."id"
         LEFT JOIN LATERAL (SELECT h."type", h."details" FROM "HistoryEvent" h WHERE h."documentId" = d."id"
                             ORDER BY h."seq" DESC LIMIT 1) last ON true
        WHERE d."id" = ANY($1::uuid[]) AND d."state" = 'extract'
          AND NOT (j."status" = 'EXHAUSTED' AND j."state" = d."state"
                   AND (last."type" = 'ACTION_FAILED' OR last."details" ? 'refusedTransition'))`,
      ids,
    );
  }

  async function expectNothingStranded(ids: string[]) {
    expect(await violations(ids)).toEqual([]);
    // Where each document ended is explained by its metadata and the receiver's answers.
    const ended = await handle.db.prisma.$queryRawUnsafe<{ state: string; hasNumber: boolean; n: number }[]>(
      `SELECT "state", "metadata" ? 'invoiceNumber' AS "hasNumber", count(*)::int AS n
         FROM "Document" WHERE "id" = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1, 2`,
      ids,
    );
    for (const row of ended) {
      if (row.state === "review") expect(row.hasNumber).toBe(true);
      expect(["review", "extraction_failed", "extract"]).toContain(row.state);
      if (row.state === "extract") expect(row.hasNumber).toBe(false); // flagged refusals only
    }
    // History stays contiguous whatever the faults did.
    const [gaps] = await handle.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT "documentId", max("seq") AS hi, count(*) AS c FROM "HistoryEvent"
         WHERE "documentId" = ANY($1::uuid[]) GROUP BY 1) s WHERE hi <> c`,
      ids,
    );
    expect(gaps!.n).toBe(0);
  }

  it("a refused onSuccess leaves the job exhausted and flagged, in the error groups, never completed", async () => {
    const [id] = await submitted(1, "refused");
    await drain();
    const document = await handle.db.prisma.document.findUniqueOrThrow({ where: { id }, include: { job: true } });
    expect(document.state).toBe("extract");
    expect(document.job).toMatchObject({ status: "EXHAUSTED" });
    expect(document.job!.lastError).toMatch(/onSuccess transition "extracted" was refused/);
    const last = await handle.db.prisma.historyEvent.findFirstOrThrow({
      where: { documentId: id },
      orderBy: { seq: "desc" },
    });
    expect(last).toMatchObject({ type: "ACTION_SUCCEEDED", details: { refusedTransition: { code: "GUARD_FAILED" } } });
  });

  it("in-process workers on a database failing 15% of their statements strand nothing", async () => {
    const ids = await submitted(60, "faulty");
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const faulty = faultyDb(handle.db, 0.15, random);
    const workers = [1, 2].map(() =>
      createWorker({
        db: faulty.db,
        leaseMs: 1_000,
        allowedHosts: "127.0.0.1",
        webhookSecret: "chaos",
        log: () => undefined,
      }),
    );
    for (let round = 0; round < 40; round++) await Promise.all(workers.map((w) => w.runOnce().catch(() => [])));
    expect(faulty.faults.before + faulty.faults.after).toBeGreaterThan(10);
    await drain();
    await expectNothingStranded(ids);
  });

  it("SIGKILLed worker processes on a faulty database strand nothing", async () => {
    type ChaosChild = ChildProcess & { faults: number; ready: Promise<void> };
    const start = () => {
      const child = spawn(process.execPath, ["--import", "tsx", "test/worker/chaos-worker.ts"], {
        env: { ...process.env, DATABASE_URL: url, CHAOS_FAILURE_RATE: "0.1" },
        stdio: ["ignore", "pipe", "pipe"],
      }) as ChaosChild;
      child.faults = 0;
      child.ready = new Promise((resolve) =>
        child.stdout!.on("data", (chunk: Buffer) => {
          const last = chunk.toString().trim().split("\n").at(-1)!.split(" ");
          if (last[0] === "faults") child.faults = Number(last[1]) + Number(last[2]);
          resolve();
        }),
      );
      children.push(child);
      return child;
    };
    const running = [start(), start(), start()];
    await Promise.all(running.map((c) => c.ready));
    const ids = await submitted(60, "killed");
    const untouched = async () => {
      const [row] = await handle.db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "Document" d WHERE d."id" = ANY($1::uuid[])
           AND NOT EXISTS (SELECT 1 FROM "HistoryEvent" h WHERE h."documentId" = d."id" AND h."type" = 'ACTION_STARTED')`,
        ids,
      );
      return row!.n;
    };
    // Kill the oldest worker once it is in the middle of its jobs and start another, four
    // times; then let the survivors go on until every document has been picked up.
    for (let round = 0; round < 4; round++) {
      const victim = running.shift()!;
      await victim.ready;
      await new Promise((resolve) => setTimeout(resolve, 500));
      victim.kill("SIGKILL");
      running.push(start());
    }
    for (let waited = 0; (await untouched()) > 0; waited += 200) {
      if (waited > 60_000) throw new Error("documents never picked up by the surviving workers");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    running.forEach((c) => c.kill("SIGKILL"));
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once("exit", r)),
      ),
    );
    expect(children.reduce((sum, c) => sum + (c as ChaosChild).faults, 0)).toBeGreaterThan(0);
    await drain();
    await expectNothingStranded(ids);
  }, 180_000);
});
