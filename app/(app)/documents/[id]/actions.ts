"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/api/server-action";
import {
  cancelJobBody,
  fireTransitionBody,
  moveDocumentBody,
  retryBody,
  settleActionBody,
  updateMetadataBody,
} from "@/lib/contracts/document-requests";
import { fireTransition } from "@/lib/services/documents/fire-transition";
import { moveDocument } from "@/lib/services/documents/move-document";
import { retryDocument } from "@/lib/services/documents/retry-document";
import { updateMetadata } from "@/lib/services/documents/update-metadata";
import { cancelJob } from "@/lib/services/jobs/cancel-job";
import { settleAction } from "@/lib/services/jobs/settle-action";

// Roles here are the floor; each service authorizes again (admins move, operators fire,
// retry and edit). The inputs are the API's request bodies (lib/contracts) plus the document
// id, and every change carries the version the page was loaded at, so an out-of-date page
// gets STALE_VERSION instead of overwriting.

const onDocument = { documentId: z.uuid({ error: "That is not a document id." }) };
const loadedVersion = { expectedVersion: z.number().int().min(1) };

function refresh(id: string) {
  revalidatePath(`/documents/${id}`);
  revalidatePath("/documents");
}

export const fireTransitionAction = defineAction({
  role: "operator",
  input: fireTransitionBody.extend({ ...onDocument, ...loadedVersion }),
  async handler(input, { actor, db }) {
    const result = await fireTransition(db, actor, input);
    refresh(input.documentId);
    return { version: result.document.version, state: result.document.state };
  },
});

export const moveDocumentAction = defineAction({
  role: "admin",
  input: moveDocumentBody.extend({ ...onDocument, ...loadedVersion }),
  async handler(input, { actor, db }) {
    const result = await moveDocument(db, actor, input);
    refresh(input.documentId);
    return { version: result.document.version, state: result.document.state };
  },
});

export const retryDocumentAction = defineAction({
  role: "operator",
  input: retryBody.extend(onDocument),
  async handler(input, { actor, db }) {
    const result = await retryDocument(db, actor, input);
    refresh(input.documentId);
    return { version: result.document.version, state: result.document.state };
  },
});

export const cancelJobAction = defineAction({
  role: "operator",
  input: cancelJobBody.extend(onDocument),
  async handler(input, { actor, db }) {
    const result = await cancelJob(db, actor, input);
    refresh(input.documentId);
    return result;
  },
});

export const updateMetadataAction = defineAction({
  role: "operator",
  input: updateMetadataBody.extend(onDocument),
  async handler(input, { actor, db }) {
    const result = await updateMetadata(db, actor, input);
    refresh(input.documentId);
    return result;
  },
});

export const settleActionAction = defineAction({
  role: "operator",
  input: settleActionBody.extend({ ...onDocument, ...loadedVersion, outcome: z.enum(["complete", "fail"]) }),
  async handler(input, { actor, db }) {
    const result = await settleAction(db, actor, { ...input, reason: input.reason ?? "" });
    refresh(input.documentId);
    return { version: result.document.version, state: result.document.state };
  },
});
