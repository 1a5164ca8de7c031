import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { startHookServer } from "./hook-server";
import { NOOP_WORKFLOW } from "../../lib/engine";
import { webhookWorkflow } from "./worker-fixtures";

function startWorker(url: string, env: Record<string, string> = {}): ChildProcess & { output: string } {
  // node itself, not an npx wrapper, so signals reach the worker process.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    // LOG_LEVEL: vitest's NODE_ENV=test silences the logger; the tests read its lifecycle lines.
    env: {
      ...process.env,
      DATABASE_URL: url,
      LOG_LEVEL: "info",
      DOCSTATE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      DOCSTATE_WORKER_POLL_MS: "200",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  }) as ChildProcess & { output: string };
  child.output = "";
  child.stdout!.on("data", (d) => (child.output += d));
  child.stderr!.on("data", (d) => (child.output += d));
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not met in time");
}

describe("worker processes on one PostgreSQL", () => {
  let handle: OpenedTestDb;
  let url: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    url = (handle.db.pool!.options as { connectionString: string }).connectionString;
    await publishedWorkflow(handle.db, "sorting", NOOP_WORKFLOW);
  });
  afterAll(async () => {
    children.forEach((c) => c.kill("SIGKILL"));
    await handle?.close();
  });

  it("three workers run 5,000 noop jobs exactly once each", async () => {
    const version = await handle.db.prisma.workflowVersion.findFirstOrThrow({
      where: { workflow: { key: "sorting" } },
      select: { id: true, workflowId: true },
    });
    // 5,000 documents waiting in a noop state, inserted in bulk like a busy import would.
    await handle.db.prisma.$executeRawUnsafe(
      `
      WITH docs AS (
        INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "lastSeq", "updatedAt")
        SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'bulk ' || n, 'inbox', 1, now() FROM generate_series(1, 5000) n
        RETURNING "id", "createdAt", "updatedAt"
      ), ev AS (
        INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "toState", "actorType", "documentVersion")
        SELECT "id", 1, 'CREATED', 'inbox', 'SYSTEM', 1 FROM docs
      )
      INSERT INTO "Job" ("documentId", "state", "idempotencyKey", "documentUpdatedAt", "documentCreatedAt")
      SELECT "id", 'inbox', "id"::text || ':1', "updatedAt", "createdAt" FROM docs`,
      version.workflowId,
      version.id,
    );
    const workers = [startWorker(url), startWorker(url), startWorker(url)];
    children.push(...workers);
    await waitFor(async () => (await handle.db.prisma.job.count()) === 0, 150_000).catch(async (error) => {
      const statuses = await handle.db.prisma.job.groupBy({ by: ["status"], _count: { _all: true } });
      const sample = await handle.db.prisma.job.findFirst();
      throw new Error(
        `${error.message}; jobs ${JSON.stringify(statuses)} ${JSON.stringify(sample)}; worker output: ${workers
          .map((w) => w.output)
          .join("\n---\n")
          .slice(0, 3000)}`,
      );
    });
    const [perDocument] = await handle.db.prisma.$queryRawUnsafe<
      { docs: number; min: number; max: number; wrong: number }[]
    >(`
      SELECT count(*)::int AS docs, min(n)::int AS min, max(n)::int AS max,
             (SELECT count(*)::int FROM "Document" WHERE "state" <> 'sorted') AS wrong
        FROM (SELECT "documentId", count(*) FILTER (WHERE "type" = 'ACTION_STARTED') AS n FROM "HistoryEvent" GROUP BY "documentId") s`);
    expect(perDocument).toEqual({ docs: 5000, min: 1, max: 1, wrong: 0 });
    const owners = await handle.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(DISTINCT "actorName")::int AS n FROM "HistoryEvent" WHERE "type" = 'ACTION_STARTED'`,
    );
    expect(owners[0]!.n).toBe(1); // events name the worker role; leases named the processes
    workers.forEach((w) => w.kill("SIGTERM"));
    expect(await Promise.all(workers.map(exited))).toEqual([0, 0, 0]);
  }, 240_000);

  it("a SIGKILLed worker's job runs again after its lease expires, with the same idempotency key", async () => {
    let calls = 0;
    const hook = await startHookServer((_req, res) => {
      calls += 1;
      // The first delivery hangs (its worker gets killed); the second answers at once.
      if (calls === 1) return;
      res.writeHead(200);
      res.end("ok");
    });
    try {
      await publishedWorkflow(
        handle.db,
        "slow-extraction",
        webhookWorkflow(
          hook.url,
          { maxAttempts: 2, strategy: "fixed", initialDelayMs: 100, jitter: "none" },
          5_000,
          1_500,
        ),
      );
      const { document } = await createDocument(handle.db, OPERATOR, {
        workflow: "slow-extraction",
        title: "killed mid-flight",
      });
      const first = startWorker(url, { DOCSTATE_WORKER_LEASE_MS: "1000" });
      children.push(first);
      await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
      // At least one delivery, not exactly one: on a loaded machine a late lease renewal can let
      // the first worker deliver again before the kill, and `calls === 1` would then never be
      // seen again (CI, 2 test files at a time). Every assertion below holds either way.
      await waitFor(async () => calls >= 1, 60_000).catch((error) => {
        throw new Error(`${error.message}: ${first.output}`);
      });
      first.kill("SIGKILL");
      expect(await exited(first)).toBeNull(); // killed, not exited
      const second = startWorker(url, { DOCSTATE_WORKER_LEASE_MS: "1000" });
      children.push(second);
      await waitFor(
        async () =>
          (await handle.db.prisma.document.findUniqueOrThrow({ where: { id: document.id } })).state === "review",
        60_000,
      ).catch((error) => {
        throw new Error(`${error.message}: ${second.output}`);
      });
      expect(hook.requests).toHaveLength(2);
      expect(hook.requests[0]!.idempotencyKey).toBe(hook.requests[1]!.idempotencyKey);
      expect(hook.requests.map((r) => r.body.attempt)).toEqual([1, 1]); // a crash does not use up an attempt
      second.kill("SIGTERM");
      expect(await exited(second)).toBe(0);
    } finally {
      children.forEach((c) => c.kill("SIGKILL")); // never leave a worker to steal the next test's jobs
      await hook.close();
    }
  }, 180_000);

  it("SIGTERM stops claiming, finishes the job in flight and exits 0", async () => {
    const hook = await startHookServer((_req, res) => setTimeout(() => res.end("done"), 1500));
    try {
      await publishedWorkflow(
        handle.db,
        "graceful",
        webhookWorkflow(hook.url, { maxAttempts: 1, strategy: "fixed", initialDelayMs: 0, jitter: "none" }, 10_000),
      );
      const { document } = await createDocument(handle.db, OPERATOR, {
        workflow: "graceful",
        title: "in flight at shutdown",
      });
      const worker = startWorker(url);
      children.push(worker);
      await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
      await waitFor(async () => hook.requests.length === 1, 60_000);
      worker.kill("SIGTERM");
      expect(await exited(worker)).toBe(0);
      expect((await handle.db.prisma.document.findUniqueOrThrow({ where: { id: document.id } })).state).toBe("review");
      expect(worker.output).toMatch(/"drained":true/);
    } finally {
      await hook.close();
    }
  }, 120_000);
});
