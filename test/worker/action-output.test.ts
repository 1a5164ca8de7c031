import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type WorkflowDefinitionInput, MAX_ACTION_OUTPUT_BYTES } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { createWorker, type Worker } from "../../lib/worker/create-worker";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { respond, startHookServer } from "./hook-server";

const EXTRACTED = { invoiceNumber: "INV-7", amount: 120.5 };
const OUTPUT_SCHEMA = {
  type: "object",
  required: ["invoiceNumber", "amount"],
  properties: { invoiceNumber: { type: "string" }, amount: { type: "number" } },
};

/**
 * draft -> extract (webhook with output into /extracted) -> review, whose onSuccess guard
 * reads the output; extraction_failed on failure. A second workflow has no onSuccess, so the
 * output is written where the document is.
 */
function outputWorkflow(url: string, withOnSuccess = true): WorkflowDefinitionInput {
  return {
    states: [
      { key: "draft", kind: "initial" },
      {
        key: "extract",
        kind: "normal",
        action: { type: "webhook", url, timeoutMs: 2000, output: { into: "/extracted", schema: OUTPUT_SCHEMA } },
        retry: { maxAttempts: 3, strategy: "fixed", initialDelayMs: 1000, jitter: "none" },
        ...(withOnSuccess ? { onSuccess: "extracted" } : {}),
        onFailure: "fail_extract",
      },
      { key: "review", kind: "normal" },
      { key: "extraction_failed", kind: "error" },
      { key: "done", kind: "terminal" },
    ],
    transitions: [
      { key: "submit", from: ["draft"], to: "extract" },
      {
        key: "extracted",
        from: ["extract"],
        to: "review",
        roles: ["admin"],
        // The onSuccess guard reads the output: it decides on the metadata with the output in it.
        // (Without onSuccess this guard would be a person's, and the output may not overwrite what it reads.)
        ...(withOnSuccess ? { guard: { jsonSchema: { required: ["extracted"] } } } : {}),
      },
      { key: "fail_extract", from: ["extract"], to: "extraction_failed", roles: ["admin"] },
      { key: "finish", from: ["extract", "review", "extraction_failed"], to: "done" },
    ],
  };
}

const json = (value: unknown, contentType = "application/json") =>
  respond(200, JSON.stringify(value), { "content-type": contentType });

describe.each<TestDbKind>(["postgres", "pglite"])("action output into the document (%s)", (kind) => {
  let handle: OpenedTestDb;
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  let worker: Worker;
  let clock = 0;

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    // An injected clock ahead of the database's, so every job enqueued now is due.
    clock = Date.now() + 3_600_000;
    hook = await startHookServer(json(EXTRACTED));
    await publishedWorkflow(handle.db, "extraction", outputWorkflow(hook.url));
    await publishedWorkflow(handle.db, "in-place", outputWorkflow(hook.url, false));
    worker = createWorker({
      db: handle.db,
      now: () => clock,
      random: () => 0.5,
      allowedHosts: "127.0.0.1",
      webhookSecret: "s",
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await hook?.close();
    await handle?.close();
  });
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  async function submitted(workflow = "extraction", metadata: Record<string, unknown> = { vendor: "Acme" }) {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow, title: "invoice", metadata });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
    return document.id;
  }
  const load = (id: string) => handle.db.prisma.document.findUniqueOrThrow({ where: { id }, include: { job: true } });
  const history = (id: string) =>
    handle.db.prisma.historyEvent.findMany({ where: { documentId: id }, orderBy: { seq: "asc" } });

  it("merges the JSON answer at the pointer in the statement that fires onSuccess, recorded as the action's metadata change", async () => {
    hook.setBehaviour(json(EXTRACTED, "application/json; charset=utf-8"));
    const id = await submitted();
    expect(await worker.runOnce()).toEqual(["succeeded"]);
    const doc = await load(id);
    expect(doc).toMatchObject({ state: "review", job: null, metadata: { vendor: "Acme", extracted: EXTRACTED } });
    const events = await history(id);
    expect(events.map((e) => e.type)).toEqual([
      "CREATED",
      "TRANSITION",
      "ACTION_STARTED",
      "ACTION_SUCCEEDED",
      "METADATA_UPDATED",
      "TRANSITION",
    ]);
    const output = events[4]!;
    expect(output).toMatchObject({
      actorType: "SYSTEM",
      actorName: "action:extract",
      details: { by: "action", state: "extract", into: "/extracted", fields: ["amount", "invoiceNumber"] },
    });
    // The output event and the transition are one statement: the same version before the change.
    expect(output.documentVersion).toBe(events[5]!.documentVersion - 1);
  });

  it("without onSuccess, writes the output where the document is and bumps its version", async () => {
    hook.setBehaviour(json(EXTRACTED));
    const id = await submitted("in-place");
    const before = await load(id);
    expect(await worker.runOnce()).toEqual(["succeeded"]);
    const doc = await load(id);
    expect(doc).toMatchObject({ state: "extract", job: null, metadata: { extracted: EXTRACTED } });
    expect(doc.version).toBe(before.version + 1);
    expect((await history(id)).at(-1)).toMatchObject({ type: "METADATA_UPDATED", actorName: "action:extract" });
  });

  it.each([
    [
      "fails the output schema",
      json({ invoiceNumber: 7 }),
      "output schema: /amount is required; /invoiceNumber must be string",
    ],
    ["is not JSON", respond(200, "{oops", { "content-type": "application/json" }), "not valid JSON"],
    ["is not typed as JSON", respond(200, "{}", { "content-type": "text/plain" }), 'is "text/plain"'],
    [
      "is larger than the cap",
      json({ text: "x".repeat(MAX_ACTION_OUTPUT_BYTES) }),
      `larger than ${MAX_ACTION_OUTPUT_BYTES} bytes`,
    ],
  ])("an answer that %s fails for good at once, with nothing of it written", async (_case, behaviour, message) => {
    hook.setBehaviour(behaviour);
    const id = await submitted();
    expect(await worker.runOnce()).toEqual(["exhausted"]);
    const doc = await load(id);
    // Not retried (asking again gets the same answer): onFailure fired after the first attempt.
    expect(doc).toMatchObject({
      state: "extraction_failed",
      metadata: { vendor: "Acme" },
      job: { status: "EXHAUSTED", attempt: 1 },
    });
    expect(doc.job!.lastError).toContain(message);
    const failed = (await history(id)).find((e) => e.type === "ACTION_FAILED");
    expect(failed?.details).toMatchObject({ errorKind: "output", retryable: false });
    expect((await history(id)).some((e) => e.type === "METADATA_UPDATED")).toBe(false);
  });

  it("a person's metadata edit while the webhook runs is never overwritten with a stale copy", async () => {
    let release: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (release = resolve));
    hook.setBehaviour((req, res, index) => void answered.then(() => json(EXTRACTED)(req, res, index)));
    hook.requests.length = 0;
    const id = await submitted();
    const run = worker.runOnce();
    // Wait until the webhook has the request, then edit the metadata under it.
    while (hook.requests.length === 0) await new Promise((r) => setImmediate(r));
    const current = await load(id);
    await handle.db.prisma.document.update({
      where: { id },
      data: { metadata: { vendor: "Edited" }, version: current.version + 1 },
    });
    release();
    await run;
    const doc = await load(id);
    // The fire decided on the version claimed: it applied nothing; the edit stands and the job runs again.
    expect(doc.metadata).toEqual({ vendor: "Edited" });
    expect(doc.state).toBe("extract");
  });
});
