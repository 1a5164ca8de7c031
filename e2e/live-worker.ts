import http from "node:http";
import type { AddressInfo } from "node:net";
import { openDb, type Db } from "../lib/db/client";
import type { WorkflowDefinitionInput } from "../lib/engine";
import { createWorker, type Worker } from "../lib/worker/create-worker";
import { publishedWorkflow } from "../test/helpers/fixtures";
import { runDatabaseUrl } from "./fixtures";

/*
 * A real worker for the browser specs that need actions to run. The e2e server runs no
 * worker (`next start` on PostgreSQL leaves DOCSTATE_INLINE_WORKER off), and turning one on
 * for every spec would run the demo seed's due jobs and the alert loop under the specs that
 * compare counts with the database. So a spec that needs one starts this: the same
 * createWorker the app runs, in the spec's process, scoped to workflows whose key starts
 * with LIVE_PREFIX (DOCSTATE_WORKER_WORKFLOWS semantics), so it never touches anything else.
 */
export const LIVE_PREFIX = "e2e-live-";

export interface LiveWorker {
  db: Db;
  worker: Worker;
  /** Publishes a workflow (its key must start with LIVE_PREFIX for the worker to run it). */
  publish(key: string, definition: WorkflowDefinitionInput): Promise<void>;
  stop(): Promise<void>;
}

export async function startLiveWorker(): Promise<LiveWorker> {
  const db = await openDb({ databaseUrl: runDatabaseUrl(), dataDir: ".data-e2e-unused", poolSize: 4 });
  const worker = createWorker({
    db,
    workflows: `${LIVE_PREFIX}*`,
    allowedHosts: "127.0.0.1",
    pollIntervalMs: 200,
    log: () => undefined,
  });
  await worker.start();
  return {
    db,
    worker,
    async publish(key, definition) {
      if (!key.startsWith(LIVE_PREFIX)) throw new Error(`a live workflow's key starts with ${LIVE_PREFIX}`);
      await publishedWorkflow(db, key, definition);
    },
    async stop() {
      await worker.stop(5_000);
      await db.close();
    },
  };
}

/** A webhook receiver on a free local port whose answer the spec switches (200 or 503); `?always=down` always fails. */
export async function startReceiver(): Promise<{
  url: string;
  setStatus(status: number): void;
  close(): Promise<void>;
}> {
  let status = 503;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const answer = req.url?.includes("always=down") ? 503 : status;
      res.writeHead(answer, { "content-type": "text/plain" });
      res.end(answer < 300 ? "ok" : "extraction service down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/extract`,
    setStatus: (next) => void (status = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
