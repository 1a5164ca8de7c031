import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../lib/engine";
import { openDb } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createDocument } from "../../lib/services/documents/create-document";
import { createApiToken } from "../../lib/services/tokens/create-api-token";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { CYCLE_STEP, CYCLE_WORKFLOW } from "../../scripts/bench/bench-workflows";
import { startHost, type RunningHost } from "../../scripts/bench/http-hosts";
import { startWorkerProcess, type WorkerProcess } from "../../scripts/bench/worker-processes";
import {
  freePort,
  hasPostgresBinaries,
  onServer,
  startThrowawayPostgres,
  waitFor,
  type ThrowawayPair,
} from "../helpers/throwaway-postgres";

/**
 * Faults under HTTP load, against processes as production runs them: the standalone API host
 * (`npm run api`) and a worker (`npm run worker`) on a primary + streaming standby of the
 * test's own (the machine's shared cluster must not be restarted). Keep-alive client loops
 * fire and read while the standby is killed and restarted, and while the primary is
 * restarted. Every wait is for a state (answers seen, a gauge), never for a time.
 */
if (!hasPostgresBinaries) console.warn("API restart test skipped: no initdb or pg_basebackup on this machine");

const WORKFLOW = "restarts";
const CLIENTS = 4;

interface Answer {
  status: number;
  code?: string;
}

describe.skipIf(!hasPostgresBinaries)("the API under load while PostgreSQL restarts and the replica dies", () => {
  let pair: ThrowawayPair;
  let host: RunningHost;
  let worker: WorkerProcess;
  let token = "";
  const documents: { id: string; state: string }[][] = [];

  beforeAll(async () => {
    pair = await startThrowawayPostgres({ standby: true });
    const db = await openDb({ databaseUrl: pair.primary.url, dataDir: "", poolSize: 2 });
    try {
      await db.withConnection((conn) => migrate(conn));
      await createWorkflow(db, SYSTEM_ACTOR, { key: WORKFLOW, name: WORKFLOW, definition: CYCLE_WORKFLOW });
      await publishWorkflow(db, SYSTEM_ACTOR, { key: WORKFLOW });
      token = (await createApiToken(db, SYSTEM_ACTOR, { name: "load", role: "operator" })).token;
      for (let c = 0; c < CLIENTS; c += 1) {
        documents.push([]);
        for (let d = 0; d < 5; d += 1) {
          const { document } = await createDocument(db, SYSTEM_ACTOR, { workflow: WORKFLOW, title: `c${c}-d${d}` });
          documents[c]!.push({ id: document.id, state: document.state });
        }
      }
    } finally {
      await db.close();
    }
    await pair.caughtUp();
    host = await startHost("standalone", {
      databaseUrl: pair.primary.url,
      port: await freePort(),
      // Warnings only in the kept log: the replica's fallback warning must not scroll away.
      env: { DATABASE_REPLICA_URL: pair.standby!.url, DOCSTATE_DB_POOL_SIZE: "4", LOG_LEVEL: "warn" },
      keepLog: true,
    });
    worker = startWorkerProcess(pair.primary.url, { DOCSTATE_DB_POOL_SIZE: "2" });
    await worker.started;
  }, 120_000);

  afterAll(async () => {
    worker?.child.kill("SIGKILL");
    await host?.stop();
    pair?.remove();
  });

  const headers = () => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
  const call = async (path: string, init: RequestInit = {}): Promise<Answer & { body: unknown }> => {
    try {
      const res = await fetch(`${host.url}${path}`, { ...init, headers: headers() });
      const text = await res.text();
      const body = /json/.test(res.headers.get("content-type") ?? "") && text ? JSON.parse(text) : text;
      return { status: res.status, code: (body as { code?: string }).code, body };
    } catch (error) {
      // A reset or refused connection: the host fell over. Recorded, and asserted to never happen.
      return { status: 0, code: String(error), body: null };
    }
  };
  const replicaServing = async () => {
    const metrics = await call("/api/metrics");
    const line = String(metrics.body)
      .split("\n")
      .find((l) => l.startsWith("docstate_read_replica_serving"));
    return line ? Number(line.split(" ").pop()) : undefined;
  };
  const summarize = (answers: Answer[]) => {
    const counts: Record<string, number> = {};
    for (const a of answers)
      counts[`${a.status}${a.code ? ` ${a.code}` : ""}`] =
        (counts[`${a.status}${a.code ? ` ${a.code}` : ""}`] ?? 0) + 1;
    return counts;
  };

  it("keeps answering reads from the primary while the replica is down, and goes back to the replica", async () => {
    const answers: Answer[] = [];
    let stop = false;
    const reader = async () => {
      for (let i = 0; !stop; i += 1) {
        const path = i % 2 ? "/api/v1/stats" : `/api/v1/documents?workflow=${WORKFLOW}&limit=50`;
        answers.push(await call(path));
      }
    };
    const readers = Array.from({ length: 2 }, reader);
    const okReads = () => answers.filter((a) => a.status === 200).length;
    try {
      await waitFor("reads on the replica", async () => ((await replicaServing()) === 1 ? true : undefined));
      await waitFor("reads under load", async () => (okReads() >= 20 ? true : undefined));

      pair.standby!.stop("immediate");
      await waitFor("reads to fall back to the primary", async () =>
        (await replicaServing()) === 0 ? true : undefined,
      );
      const atFallback = okReads();
      await waitFor("reads served while the replica is down", async () =>
        okReads() >= atFallback + 20 ? true : undefined,
      );
      expect(host.output()).toMatch(/read replica 127\.0\.0\.1:\d+\/postgres failed: .*reads use the primary/);

      pair.standby!.start();
      await pair.caughtUp();
      await waitFor(
        "reads to return to the replica",
        async () => ((await replicaServing()) === 1 ? true : undefined),
        30_000,
      );
      const atReturn = okReads();
      await waitFor("reads served by the replica again", async () => (okReads() >= atReturn + 20 ? true : undefined));
    } finally {
      stop = true;
      await Promise.all(readers);
    }
    // The proof that reads use the standby again: with its replay paused, a new document is
    // missing from the list (it lags), while the primary has it.
    await onServer(pair.standby!.url, (c) => c.query("SELECT pg_wal_replay_pause()"));
    const created = await call("/api/v1/documents", {
      method: "POST",
      body: JSON.stringify({ workflow: WORKFLOW, title: "written while replay is paused" }),
    });
    expect(created.status).toBe(201);
    const listed = await call(`/api/v1/documents?workflow=${WORKFLOW}&limit=100`);
    expect((listed.body as { items: { title: string }[] }).items.map((d) => d.title)).not.toContain(
      "written while replay is paused",
    );
    await onServer(pair.standby!.url, (c) => c.query("SELECT pg_wal_replay_resume()"));

    expect(summarize(answers)).toEqual({ "200": answers.length });
    expect(host.exitCode()).toBeNull();
  }, 120_000);

  it("answers 503 DATABASE_UNAVAILABLE while the primary restarts, resumes by itself, and keeps every accepted fire exactly once", async () => {
    const answers: Answer[] = [];
    const accepted: { documentId: string; key: string }[] = [];
    let stop = false;
    // A client as docs/errors.md asks: a 503 is retried with the same idempotency key.
    const firer = async (client: number) => {
      const mine = documents[client]!;
      for (let n = 0; !stop; n += 1) {
        const doc = mine[n % mine.length]!;
        const key = `c${client}-${n}`;
        const body = JSON.stringify({ transition: CYCLE_STEP[doc.state]!.transition, idempotencyKey: key });
        for (;;) {
          const answer = await call(`/api/v1/documents/${doc.id}/transitions`, { method: "POST", body });
          answers.push({ status: answer.status, code: answer.code });
          if (answer.status === 200) {
            doc.state = (answer.body as { document: { state: string } }).document.state;
            accepted.push({ documentId: doc.id, key });
            break;
          }
          if (answer.status !== 503) return; // unexpected: asserted below
          await new Promise((resolve) => setTimeout(resolve, 20)); // the client's backoff
        }
      }
    };
    const firers = Array.from({ length: CLIENTS }, (_, c) => firer(c));
    const unavailable = () => answers.filter((a) => a.code === "DATABASE_UNAVAILABLE").length;
    try {
      await waitFor("fires accepted under load", async () => (accepted.length >= 30 ? true : undefined));
      pair.primary.stop("fast");
      await waitFor("503 DATABASE_UNAVAILABLE while the primary is down", async () =>
        unavailable() >= CLIENTS ? true : undefined,
      );
      const whileDown = accepted.length;
      pair.primary.start();
      await waitFor(
        "fires to resume by themselves",
        async () => (accepted.length >= whileDown + 30 ? true : undefined),
        60_000,
      );
    } finally {
      stop = true;
      await Promise.all(firers);
    }

    const counts = summarize(answers);
    expect(Object.keys(counts).sort()).toEqual(["200", "503 DATABASE_UNAVAILABLE"]);
    // No process crashed, and the host is healthy again.
    expect(host.exitCode()).toBeNull();
    expect(worker.child.exitCode).toBeNull();
    expect((await call("/api/health")).status).toBe(200);

    // A worker's transaction may sit between two statements for a moment; one left behind
    // by the restart would stay, so this waits for none rather than looking once.
    await waitFor("no session idle in transaction", () =>
      onServer(pair.primary.url, async (c) => {
        const idle = await c.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'`,
        );
        return idle.rows[0].n === 0 ? true : undefined;
      }),
    );
    await onServer(pair.primary.url, async (c) => {
      // Every accepted fire is in history exactly once, and nothing else was fired.
      const { rows } = await c.query<{ key: string; n: number }>(
        `SELECT "idempotencyKey" AS key, count(*)::int AS n FROM "HistoryEvent"
          WHERE type = 'TRANSITION' AND "documentId" = ANY($1::uuid[]) GROUP BY 1`,
        [documents.flat().map((d) => d.id)],
      );
      const inHistory = new Map(rows.map((r) => [r.key, r.n]));
      expect(inHistory.size).toBe(accepted.length);
      for (const { key } of accepted) expect(inHistory.get(key), key).toBe(1);
    });
  }, 180_000);
});
