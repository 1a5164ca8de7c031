import type { Actor } from "../../lib/engine";
import type { Db } from "../../lib/db/client";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { CYCLE_STEP } from "./bench-workflows";

export const BENCH_ACTOR: Actor = { type: "API", id: null, name: "bench", role: "admin" };

/** Each client owns its documents, so fires never collide: this measures throughput, not races. */
export interface ClientDocuments {
  ids: string[];
  states: string[];
  next: number;
}

/** Creates `perClient` documents in the cycle workflow for each client, through the service. */
export async function createClientDocuments(
  db: Db,
  workflow: string,
  clients: number,
  perClient: number,
): Promise<ClientDocuments[]> {
  const owned: ClientDocuments[] = [];
  for (let c = 0; c < clients; c += 1) {
    const created = await Promise.all(
      Array.from({ length: perClient }, (_, i) =>
        createDocument(db, BENCH_ACTOR, { workflow, title: `bench ${c}/${i}` }),
      ),
    );
    owned.push({ ids: created.map((r) => r.document.id), states: created.map((r) => r.document.state), next: 0 });
  }
  return owned;
}

/** One fire through the real service (read, decide with the engine, one-statement apply, read back). */
export function engineFire(db: Db, owned: ClientDocuments[]): (client: number) => Promise<void> {
  return async (client) => {
    const docs = owned[client]!;
    const index = docs.next;
    docs.next = (index + 1) % docs.ids.length;
    const step = CYCLE_STEP[docs.states[index]!]!;
    const result = await fireTransition(db, BENCH_ACTOR, { documentId: docs.ids[index]!, transition: step.transition });
    docs.states[index] = result.document.state;
  };
}
