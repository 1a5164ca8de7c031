"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/api/server-action";
import { fireTransition } from "@/lib/services/documents/fire-transition";
import { moveDocument } from "@/lib/services/documents/move-document";
import { retryDocument } from "@/lib/services/documents/retry-document";
import { updateMetadata } from "@/lib/services/documents/update-metadata";
import { cancelJob } from "@/lib/services/jobs/cancel-job";

// Roles here are the floor; each service authorizes again (admins move, operators fire,
// retry and edit). Every change carries the version the page was loaded at, so an out-of-date
// page gets STALE_VERSION instead of overwriting.

const documentId = z.uuid({ error: "That is not a document id." });
const reason = z.string().trim().max(1000, { error: "Keep the reason under 1,000 characters." }).optional();
const version = z.number().int().min(1);

function refresh(id: string) {
  revalidatePath(`/documents/${id}`);
  revalidatePath("/documents");
}

export const fireTransitionAction = defineAction({
  role: "operator",
  input: z.object({ documentId, transition: z.string().min(1).max(64), expectedVersion: version, reason }),
  async handler(input, { actor, db }) {
    const result = await fireTransition(db, actor, { ...input, reason: input.reason || undefined });
    refresh(input.documentId);
    return { version: result.document.version, state: result.document.state };
  },
});

export const moveDocumentAction = defineAction({
  role: "admin",
  input: z.object({
    documentId,
    toState: z.string().min(1).max(64),
    expectedVersion: version,
    reason: z.string().trim().min(1, { error: "Say why you move this document." }).max(1000),
  }),
  async handler(input, { actor, db }) {
    const result = await moveDocument(db, actor, input);
    refresh(input.documentId);
    return { version: result.document.version, state: result.document.state };
  },
});

export const retryDocumentAction = defineAction({
  role: "operator",
  input: z.object({ documentId, resetAttempts: z.boolean().optional(), reason }),
  async handler(input, { actor, db }) {
    const result = await retryDocument(db, actor, input);
    refresh(input.documentId);
    return { version: result.document.version, state: result.document.state };
  },
});

export const cancelJobAction = defineAction({
  role: "operator",
  input: z.object({ documentId, reason }),
  async handler(input, { actor, db }) {
    const result = await cancelJob(db, actor, input);
    refresh(input.documentId);
    return result;
  },
});

export const updateMetadataAction = defineAction({
  role: "operator",
  input: z.object({ documentId, expectedVersion: version, metadata: z.record(z.string(), z.unknown()) }),
  async handler(input, { actor, db }) {
    const result = await updateMetadata(db, actor, input);
    refresh(input.documentId);
    return result;
  },
});
