import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { pick, seededRandom } from "../../lib/services/demo/seeded-random";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { CYCLE_DEFINITION, CYCLE_MODEL, RACE_CODES, actorNamed, countBy, errorCode } from "./race-helpers";

const DOCUMENTS = 100;
const HOT_DOCUMENTS = 8;
const FIRES = 1_000;
const CLIENTS = 8;
const SEED = 20_261_126;
// Cycling transitions; the terminal "approve" is drawn rarely so documents stay live for a while.
const CYCLING = ["submit", "back", "request_changes", "revise"] as const;
const APPROVE_ODDS = 0.01;

/** Mostly a transition that leaves the state the client believes the document is in, else any. */
function chooseTransition(random: () => number, believedState: string): string {
  if (random() < APPROVE_ODDS) return "approve";
  const plausible = CYCLING.filter((key) => CYCLE_MODEL[key]!.from.includes(believedState));
  return random() < 0.75 && plausible.length > 0 ? pick(random, plausible) : pick(random, CYCLING);
}

interface AcceptedFire {
  documentId: string;
  transition: string;
  from: string | null;
  to: string | null;
  seq: number;
}

// Linearizability against a sequential model: whatever the interleaving, the accepted fires
// of each document, ordered by the seq the engine returned, must replay from the initial
// state to exactly the stored state and history.
describe("1,000 random fires over 100 documents from 8 clients (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  let documentIds: string[] = [];
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres", { poolSize: CLIENTS });
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
    const created = await Promise.all(
      Array.from({ length: DOCUMENTS }, (_, i) =>
        createDocument(handle.db, OPERATOR, { workflow: "cycle", title: `doc ${i}` }),
      ),
    );
    documentIds = created.map((c) => c.document.id);
  });
  afterAll(async () => handle?.close());
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  it("every document's accepted fires replay sequentially to its stored state and history", async () => {
    const accepted: AcceptedFire[] = [];
    const errors: unknown[] = [];
    let issued = 0;
    // What the clients last saw of each document (shared, like a list page every client
    // reads): stale whenever another client got there first, as in a real UI.
    const seen = new Map<string, { state: string; version: number }>();

    async function client(index: number): Promise<void> {
      const random = seededRandom(SEED + index);
      const actor = actorNamed(`client-${index}`);
      while (issued < FIRES) {
        issued += 1;
        // Half the picks go to a few hot documents so that clients really collide.
        const documentId =
          random() < 0.5 ? documentIds[Math.floor(random() * HOT_DOCUMENTS)]! : pick(random, documentIds);
        const transition = chooseTransition(random, seen.get(documentId)?.state ?? "draft");
        // A quarter of the calls pass the version this client last saw (often stale by now).
        const expectedVersion = random() < 0.25 ? seen.get(documentId)?.version : undefined;
        try {
          const result = await fireTransition(handle.db, actor, { documentId, transition, expectedVersion });
          accepted.push({
            documentId,
            transition,
            from: result.event.from,
            to: result.event.to,
            seq: result.event.seq,
          });
          seen.set(documentId, { state: result.document.state, version: result.document.version });
        } catch (error) {
          errors.push(error);
        }
      }
    }
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));

    expect(accepted.length + errors.length).toBe(FIRES);
    const codes = countBy(errors, errorCode);
    const finalStates = countBy(await handle.db.prisma.document.findMany({ select: { state: true } }), (d) => d.state);
    console.info(
      `random fires: ${accepted.length} accepted, refused ${JSON.stringify(codes)}, final states ${JSON.stringify(finalStates)}`,
    );
    expect(Object.keys(codes).filter((code) => !RACE_CODES.has(code))).toEqual([]);
    // Not vacuous: plenty of fires went through, and some lost races on a stale version.
    expect(accepted.length).toBeGreaterThan(400);
    expect(codes.STALE_VERSION ?? 0).toBeGreaterThan(0);

    const byDocument = new Map<string, AcceptedFire[]>(documentIds.map((id) => [id, []]));
    for (const fire of accepted) byDocument.get(fire.documentId)!.push(fire);
    for (const [documentId, fires] of byDocument) {
      fires.sort((a, b) => a.seq - b.seq);
      expect(fires.map((f) => f.seq)).toEqual(fires.map((_, i) => i + 2));
      let state = "draft";
      const expectedHistory: unknown[] = [[1, "CREATED", null, "draft", null, 1]];
      for (const fire of fires) {
        const rule = CYCLE_MODEL[fire.transition]!;
        expect({ documentId, seq: fire.seq, allowed: rule.from.includes(state) }).toEqual({
          documentId,
          seq: fire.seq,
          allowed: true,
        });
        expect([fire.from, fire.to]).toEqual([state, rule.to]);
        state = rule.to;
        expectedHistory.push([fire.seq, "TRANSITION", fire.from, fire.to, fire.transition, fire.seq]);
      }
      const doc = await handle.db.prisma.document.findUniqueOrThrow({
        where: { id: documentId },
        select: { state: true, version: true, lastSeq: true },
      });
      expect(doc).toEqual({ state, version: fires.length + 1, lastSeq: fires.length + 1 });
      const history = await handle.db.prisma.historyEvent.findMany({ where: { documentId }, orderBy: { seq: "asc" } });
      expect(history.map((e) => [e.seq, e.type, e.fromState, e.toState, e.transitionKey, e.documentVersion])).toEqual(
        expectedHistory,
      );
    }
  });
});
