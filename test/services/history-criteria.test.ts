import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTook } from "../../lib/contracts/document-filter";
import type { Actor } from "../../lib/engine";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { getPathAnalytics } from "../../lib/services/analytics/get-path-analytics";
import { seedDemo } from "../../lib/services/demo/seed-demo";
import { listDocuments, type ListDocumentsInput } from "../../lib/services/documents/list-documents";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const VIEWER: Actor = { type: "USER", id: null, name: "viewer@test", role: "viewer" };
const WORKFLOW = "invoice-processing";
const ENTERING = new Set(["CREATED", "TRANSITION", "FORCED_MOVE", "MANUAL_RETRY", "MIGRATED"]);
const LEAVING = new Set(["TRANSITION", "FORCED_MOVE", "MANUAL_RETRY"]);

interface Event {
  documentId: string;
  seq: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  transitionKey: string | null;
  at: Date;
}

/*
 * The documents behind a transition or a path of the analytics (took=…, path=…) are exactly
 * those an independent reading of the history finds, within the period.
 */
describe.each<TestDbKind>(["postgres", "pglite"])("history criteria of the documents filter on %s", (kind) => {
  let handle: OpenedTestDb;
  let events: Event[];
  const asked = { from: new Date(Date.now() - 30 * 86_400_000), to: new Date() };
  // The analytics' period, rounded outward to hours: the links bound the criteria by it.
  let period: { from: Date; to: Date };

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await seedDemo(handle.db);
    await foldAnalytics(handle.db);
    const workflow = await handle.db.prisma.workflow.findUniqueOrThrow({ where: { key: WORKFLOW } });
    events = await handle.db.prisma.historyEvent.findMany({
      where: { document: { workflowId: workflow.id } },
      select: {
        documentId: true,
        seq: true,
        type: true,
        fromState: true,
        toState: true,
        transitionKey: true,
        at: true,
      },
      orderBy: [{ documentId: "asc" }, { seq: "asc" }],
    });
    const { period: aligned } = await getPathAnalytics(handle.db, { workflow: WORKFLOW, ...asked });
    period = { from: new Date(aligned.from), to: new Date(aligned.to) };
  }, 120_000);
  afterAll(async () => handle?.close());

  async function ids(input: Omit<ListDocumentsInput, "cursor" | "limit">): Promise<string[]> {
    const found: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDocuments(handle.db, VIEWER, { ...input, cursor, limit: 200 });
      found.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return found.sort();
  }
  const inPeriod = (e: Event) => e.at >= period.from && e.at < period.to;
  const distinct = (list: Event[]) => [...new Set(list.map((e) => e.documentId))].sort();

  it("finds exactly the documents that took each transition of the period", async () => {
    const analytics = await getPathAnalytics(handle.db, { workflow: WORKFLOW, ...asked });
    expect(analytics.transitions.length).toBeGreaterThan(3);
    for (const t of analytics.transitions) {
      const step = { fromState: t.fromState || null, toState: t.toState, transition: t.transition || undefined };
      const expected = distinct(
        events.filter(
          (e) =>
            inPeriod(e) &&
            ENTERING.has(e.type) &&
            e.toState === step.toState &&
            e.fromState === step.fromState &&
            (step.fromState !== null || e.type === "CREATED") &&
            (!step.transition || e.transitionKey === step.transition),
        ),
      );
      const found = await ids({ workflow: WORKFLOW, took: formatTook(step), tookFrom: period.from, tookTo: period.to });
      expect(found, formatTook(step)).toEqual(expected);
      expect(found.length).toBeGreaterThan(0);
    }
  });

  it("finds exactly the documents that completed by each top path, as many as the path's count", async () => {
    const analytics = await getPathAnalytics(handle.db, { workflow: WORKFLOW, ...asked });
    expect(analytics.paths.length).toBeGreaterThan(1);
    const byDocument = new Map<string, Event[]>();
    for (const e of events) byDocument.set(e.documentId, [...(byDocument.get(e.documentId) ?? []), e]);
    for (const p of analytics.paths) {
      const expected = [...byDocument.entries()]
        .filter(([, list]) =>
          list.some((e, i) => {
            if (!LEAVING.has(e.type) || !inPeriod(e) || e.toState !== p.terminal) return false;
            const entered = list
              .slice(0, i + 1)
              .filter((x) => x.toState !== null && !(x.type === "MIGRATED" && x.fromState === x.toState))
              .map((x) => x.toState);
            return entered.join(">") === p.states.join(">");
          }),
        )
        .map(([id]) => id)
        .sort();
      const found = await ids({
        workflow: WORKFLOW,
        path: p.states.join(">"),
        tookFrom: period.from,
        tookTo: period.to,
      });
      expect(found, p.states.join(">")).toEqual(expected);
      // Each demo document completes at most once, so the path's count is its documents.
      expect(found).toHaveLength(p.count);
    }
  });

  it("bounds the criteria by the period", async () => {
    const analytics = await getPathAnalytics(handle.db, { workflow: WORKFLOW, ...asked });
    const top = analytics.transitions[0]!;
    const took = formatTook({ fromState: top.fromState || null, toState: top.toState });
    const future = { tookFrom: new Date(Date.now() + 86_400_000) };
    expect(await ids({ workflow: WORKFLOW, took, ...future })).toEqual([]);
    expect((await ids({ workflow: WORKFLOW, took })).length).toBeGreaterThan(0);
  });
});
