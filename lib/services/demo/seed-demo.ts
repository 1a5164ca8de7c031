import { createHash, randomUUID } from "node:crypto";
import type { WorkflowDefinition } from "../../engine";
import type { Prisma } from "../../db/generated/client";
import { executorFor } from "../../db/sql/sql-executor";
import { lockAdvisoryForTransaction } from "../../db/sql/transaction-locks";
import type { ServiceDb } from "../db-types";
import { DEMO_WORKFLOWS, withDemoReceiver } from "./demo-workflows";
import { seededRandom } from "./seeded-random";
import { simulateHistory } from "./simulate-history";

type Transaction = Prisma.TransactionClient;

// Serialises concurrent seeders (several app instances starting on one PostgreSQL).
const SEED_LOCK_KEY = 72_533_901_245;
const DAY_MS = 86_400_000;

export interface SeedResult {
  created: boolean;
  workflows: number;
  documents: number;
}

/**
 * Loads the demo: published workflows and documents with plausible histories spread over the
 * last two weeks. Idempotent: creates only the demo workflows that do not exist yet, all in
 * one transaction, so a crash never leaves half a demo and concurrent seeders create it once.
 */
export async function seedDemo(
  db: ServiceDb,
  now = new Date(),
  options: { receiverPrefix?: string } = {},
): Promise<SeedResult> {
  // One transaction under one lock for the whole demo: a second seeder waits, then finds every
  // demo workflow there and creates nothing (per-workflow transactions let two seeders each
  // create a different workflow, and both report `created`).
  const counts = await db.prisma.$transaction(
    async (tx) => {
      await lockAdvisoryForTransaction(executorFor(tx), SEED_LOCK_KEY);
      const seeded: number[] = [];
      for (const demo of DEMO_WORKFLOWS) {
        if (await tx.workflow.findUnique({ where: { key: demo.key }, select: { id: true } })) continue;
        seeded.push(await seedWorkflow(tx, demo, now, options.receiverPrefix));
      }
      return seeded;
    },
    { timeout: 240_000 },
  );
  return {
    created: counts.length > 0,
    workflows: DEMO_WORKFLOWS.length,
    documents: counts.reduce((sum, n) => sum + n, 0),
  };
}

/** One demo workflow, published, with its documents; returns how many documents. */
async function seedWorkflow(
  tx: Transaction,
  demo: (typeof DEMO_WORKFLOWS)[number],
  now: Date,
  receiverPrefix: string | undefined,
): Promise<number> {
  const definition = withDemoReceiver(demo.definition, receiverPrefix);
  const workflow = await tx.workflow.create({
    data: { key: demo.key, name: demo.name, description: demo.description },
    select: { id: true },
  });
  const version = await tx.workflowVersion.create({
    data: {
      workflowId: workflow.id,
      version: 1,
      status: "PUBLISHED",
      definition: definition as object,
      publishedAt: new Date(now.getTime() - 15 * DAY_MS),
    },
    select: { id: true },
  });
  await tx.auditLog.create({
    data: {
      actorType: "SYSTEM",
      actorName: "seed",
      action: "workflow.publish",
      entityType: "workflow",
      entityId: workflow.id,
      details: { version: 1 },
    },
  });
  const rows = buildDocuments(definition, demo, workflow.id, version.id, now);
  await tx.document.createMany({ data: rows.documents });
  await tx.historyEvent.createMany({ data: rows.events });
  if (rows.jobs.length) await tx.job.createMany({ data: rows.jobs });
  if (rows.contents.length) await tx.documentContent.createMany({ data: rows.contents });
  return rows.documents.length;
}

function buildDocuments(
  def: WorkflowDefinition,
  demo: (typeof DEMO_WORKFLOWS)[number],
  workflowId: string,
  workflowVersionId: string,
  now: Date,
) {
  const random = seededRandom(demo.seed);
  const documents: Prisma.DocumentCreateManyInput[] = [];
  const events: Prisma.HistoryEventCreateManyInput[] = [];
  const jobs: Prisma.JobCreateManyInput[] = [];
  const contents: Prisma.DocumentContentCreateManyInput[] = [];
  for (let i = 0; i < demo.documents; i += 1) {
    const id = randomUUID();
    const createdAt = new Date(now.getTime() - Math.floor(random() * 14 * DAY_MS) - 60_000);
    const sim = simulateHistory(def, random, createdAt, now);
    const { title, externalRef, metadata, body } = demo.makeDocument(i, random);
    const last = sim.events[sim.events.length - 1]!;
    const stateChanges = sim.events.filter((e) => e.type === "CREATED" || e.type === "TRANSITION").length;
    documents.push({
      id,
      workflowId,
      workflowVersionId,
      title,
      externalRef,
      state: sim.state,
      stateEnteredAt: sim.stateEnteredAt,
      version: stateChanges,
      lastSeq: sim.events.length,
      metadata: metadata as Prisma.InputJsonObject,
      createdAt,
      updatedAt: last.at,
    });
    let version = 0;
    sim.events.forEach((event, index) => {
      if (event.type === "CREATED" || event.type === "TRANSITION") version += 1;
      events.push({
        documentId: id,
        seq: index + 1,
        type: event.type,
        fromState: event.fromState,
        toState: event.toState,
        transitionKey: event.transitionKey,
        actorType: event.actor,
        actorName: event.actor === "USER" ? "demo@docstate.local" : "worker",
        details: (event.details as Prisma.InputJsonObject | undefined) ?? undefined,
        documentVersion: version,
        at: event.at,
      });
    });
    if (sim.job) {
      jobs.push({
        documentId: id,
        state: sim.job.state,
        status: sim.job.status,
        attempt: sim.job.attempt,
        runAt: sim.job.runAt,
        lastError: sim.job.lastError,
        errorSignature: sim.job.errorSignature,
        idempotencyKey: `${id}:${sim.events.length}`,
      });
    }
    if (body) {
      const bytes = Buffer.from(body.text, "utf8");
      contents.push({
        documentId: id,
        body: bytes,
        contentType: body.contentType,
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      });
    }
  }
  return { documents, events, jobs, contents };
}
