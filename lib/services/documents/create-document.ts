import { createHash } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { type Actor, hasAtLeastRole, stateTimer } from "../../engine";
import { insertDocument } from "../../db/sql/insert-document";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { getDocument } from "./get-document";
import type { DocumentView } from "./document-view";

/** Largest content accepted (decoded bytes). */
export const MAX_CONTENT_BYTES = 20 * 1024 * 1024;

export interface CreateDocumentInput {
  workflow: string;
  title: string;
  metadata?: Record<string, unknown>;
  externalRef?: string;
  content?: { contentType: string; body: Uint8Array };
}

export interface CreateDocumentResult {
  document: DocumentView;
  /** False when externalRef matched an existing document, which is returned unchanged. */
  created: boolean;
}

/**
 * Creates a document in the initial state of the workflow's latest published version
 * (operators and admins). Idempotent on (workflow, externalRef).
 */
export async function createDocument(
  db: ServiceDb,
  actor: Actor,
  input: CreateDocumentInput,
): Promise<CreateDocumentResult> {
  if (!hasAtLeastRole(actor.role, "operator")) throw new AppError("FORBIDDEN", "Viewers cannot create documents.");
  if (input.content && input.content.body.length > MAX_CONTENT_BYTES) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `Content is ${input.content.body.length} bytes; the limit is ${MAX_CONTENT_BYTES}.`,
    );
  }
  const workflow = await db.prisma.workflow.findUnique({
    where: { key: input.workflow },
    select: {
      id: true,
      archivedAt: true,
      versions: { where: { status: "PUBLISHED" }, orderBy: { version: "desc" }, take: 1, select: { id: true } },
    },
  });
  if (!workflow || workflow.archivedAt)
    throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.workflow}".`);
  const version = workflow.versions[0];
  if (!version)
    throw new AppError(
      "NO_PUBLISHED_VERSION",
      `Workflow "${input.workflow}" has no published version yet; publish it first.`,
    );

  const externalRef = input.externalRef ?? null;
  if (externalRef) {
    const existing = await findByExternalRef(db, workflow.id, externalRef);
    if (existing) return { document: await getDocument(db, { id: existing }), created: false };
  }
  const definition = await loadPublishedDefinition(db, version.id);
  const initial = definition.states.find((s) => s.kind === "initial");
  if (!initial) throw new AppError("INVALID_DEFINITION", "The published version has no initial state.");
  const id = uuidv7();
  const inserted = await insertDocument(executorFor(db), {
    id,
    workflowId: workflow.id,
    workflowVersionId: version.id,
    title: input.title,
    externalRef,
    state: initial.key,
    metadata: input.metadata ?? {},
    actor,
    hasAction: Boolean(initial.action),
    timer: stateTimer(definition, initial.key),
    content: input.content
      ? { ...input.content, sha256: createHash("sha256").update(input.content.body).digest("hex") }
      : null,
  });
  if (!inserted) {
    // Lost a race with a concurrent create of the same externalRef: return the winner.
    const winner = await findByExternalRef(db, workflow.id, externalRef!);
    return { document: await getDocument(db, { id: winner! }), created: false };
  }
  return { document: await getDocument(db, { id }), created: true };
}

async function findByExternalRef(db: ServiceDb, workflowId: string, externalRef: string): Promise<string | null> {
  const row = await db.prisma.document.findUnique({
    where: { workflowId_externalRef: { workflowId, externalRef } },
    select: { id: true },
  });
  return row?.id ?? null;
}
