import type { Actor } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { getDocument } from "./get-document";
import type { StateChangeResult } from "./state-change-result";

export interface EarlierEvent {
  seq: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  transitionKey: string | null;
  at: Date;
}

/**
 * The answer to a repeated request: the first request's event, unchanged, and the document
 * as it is now. A key reused for a different request is a client bug and gets 409.
 */
export async function replayEvent(
  db: ServiceDb,
  actor: Actor,
  documentId: string,
  earlier: EarlierEvent,
  request: { type: string; transition?: string | null; toState?: string },
): Promise<StateChangeResult> {
  const matches =
    earlier.type === request.type &&
    (request.transition === undefined || earlier.transitionKey === request.transition) &&
    (request.toState === undefined || earlier.toState === request.toState);
  if (!matches) {
    throw new AppError("CONFLICT", "This idempotency key was already used for a different request on this document.", {
      details: { code: "IDEMPOTENCY_KEY_REUSED" },
    });
  }
  return {
    event: {
      seq: earlier.seq,
      type: earlier.type,
      from: earlier.fromState,
      to: earlier.toState,
      transition: earlier.transitionKey,
      at: earlier.at.toISOString(),
    },
    document: await getDocument(db, { id: documentId }),
    replayed: true,
  };
}
