import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workflowScopePatterns } from "../../lib/db/sql/claim-jobs";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { createWorker } from "../../lib/worker/create-worker";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { webhookWorkflow } from "./worker-fixtures";

describe("workflowScopePatterns", () => {
  it("turns keys and prefixes into LIKE patterns, escaping LIKE's own characters", () => {
    expect(workflowScopePatterns(undefined)).toBeNull();
    expect(workflowScopePatterns(" , ")).toBeNull();
    expect(workflowScopePatterns("invoices, e2e-live-*")).toEqual(["invoices", "e2e-live-%"]);
    expect(workflowScopePatterns("a_b%*")).toEqual(["a\\_b\\%%"]);
  });
});

describe("a worker scoped to some workflows (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    // Unreachable webhooks: an attempt fails at once, which is enough to see who ran.
    await publishedWorkflow(handle.db, "live-one", webhookWorkflow("http://127.0.0.1:9/hook"));
    await publishedWorkflow(handle.db, "other", webhookWorkflow("http://127.0.0.1:9/hook"));
  });
  afterAll(async () => handle?.close());

  it("claims only the jobs of its workflows and leaves the others untouched", async () => {
    const ids: Record<string, string> = {};
    for (const workflow of ["live-one", "other"]) {
      const { document } = await createDocument(handle.db, OPERATOR, { workflow, title: workflow });
      await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
      ids[workflow] = document.id;
    }
    const worker = createWorker({
      db: handle.db,
      workflows: "live-*",
      allowedHosts: "127.0.0.1",
      log: () => undefined,
    });
    expect(await worker.runOnce()).toEqual(["retry_scheduled"]);
    const job = (id: string) => handle.db.prisma.job.findUniqueOrThrow({ where: { documentId: id } });
    expect(await job(ids["live-one"]!)).toMatchObject({ status: "PENDING", attempt: 1 });
    expect(await job(ids.other!)).toMatchObject({ status: "PENDING", attempt: 0 });
    expect(await worker.runOnce()).toEqual([]); // the other workflow's due job is not its business
  });
});
