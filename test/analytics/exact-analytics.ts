import type { Db } from "../../lib/db/client";
import { durationBucket } from "../../lib/engine/analytics/duration-buckets";

/*
 * The rollups recomputed exactly from the whole history, written out independently of the
 * fold statement (same documented semantics: lib/db/sql/fold-analytics.ts), and the rollup
 * tables read into the same shape, so a test can compare them key by key.
 */

type Aggregate = Record<string, number>;
export type RollupSnapshot = Record<string, Record<string, Aggregate>>;

const GRAINS = { hour: 3_600_000, day: 86_400_000 } as const;
const LEAVING = new Set(["TRANSITION", "FORCED_MOVE", "MANUAL_RETRY"]);
const ENTERING_TYPES = new Set(["CREATED", "TRANSITION", "FORCED_MOVE", "MANUAL_RETRY", "MIGRATED"]);

interface Event {
  documentId: string;
  seq: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  transitionKey: string | null;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  details: unknown;
  at: Date;
}

const isEntering = (e: Event) => e.toState !== null && !(e.type === "MIGRATED" && e.fromState === e.toState);

function add(snapshot: RollupSnapshot, table: string, key: string, values: Aggregate, maxKeys: string[] = []) {
  const rows = (snapshot[table] ??= {});
  const prior = rows[key];
  if (!prior) rows[key] = { ...values };
  else
    for (const [name, value] of Object.entries(values))
      prior[name] = maxKeys.includes(name) ? Math.max(prior[name]!, value) : prior[name]! + value;
}

function eachGrain(at: Date, fn: (grain: string, start: string) => void) {
  for (const [grain, size] of Object.entries(GRAINS))
    fn(grain, new Date(Math.floor(at.getTime() / size) * size).toISOString());
}

/** Every rollup row the history implies, keyed like readRollups. */
export async function exactRollups(db: Db): Promise<RollupSnapshot> {
  const events = (await db.prisma.historyEvent.findMany({
    orderBy: [{ documentId: "asc" }, { seq: "asc" }],
    select: {
      documentId: true,
      seq: true,
      type: true,
      fromState: true,
      toState: true,
      transitionKey: true,
      actorType: true,
      actorId: true,
      actorName: true,
      details: true,
      at: true,
    },
  })) as Event[];
  const documents = new Map(
    (await db.prisma.document.findMany({ select: { id: true, workflowId: true } })).map((d) => [d.id, d.workflowId]),
  );
  const versions = await db.prisma.workflowVersion.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { version: "asc" },
    select: { workflowId: true, definition: true },
  });
  // The actor's role (the fold reads it when folding; nobody changes roles in these tests).
  const roles = new Map<string, string>([
    ...(await db.prisma.user.findMany({ select: { id: true, role: true } })).map(
      (u) => [`USER|${u.id}`, u.role.toLowerCase()] as const,
    ),
    ...(await db.prisma.apiToken.findMany({ select: { id: true, role: true } })).map(
      (t) => [`API|${t.id}`, t.role.toLowerCase()] as const,
    ),
  ]);
  const roleOf = (e: Event) =>
    e.actorType === "SYSTEM" || (e.actorType === "API" && e.actorId === null)
      ? "system"
      : (roles.get(`${e.actorType}|${e.actorId}`) ?? "");
  const kinds = new Map<string, string>();
  for (const v of versions)
    for (const s of (v.definition as { states: { key: string; kind: string }[] }).states)
      kinds.set(`${v.workflowId}|${s.key}`, s.kind); // later versions overwrite

  const snapshot: RollupSnapshot = {};
  let history: Event[] = [];
  for (const e of events) {
    if (history[0]?.documentId !== e.documentId) history = [];
    const workflowId = documents.get(e.documentId)!;
    const entered = [...history].reverse().find(isEntering);
    const dwellMs = entered ? Math.max(0, e.at.getTime() - entered.at.getTime()) : 0;
    eachGrain(e.at, (grain, start) => {
      const base = `${workflowId}|${grain}|${start}`;
      if (LEAVING.has(e.type) && entered) {
        const measure = { count: 1, sumMs: dwellMs, maxMs: dwellMs };
        add(snapshot, "dwell", `${base}|${e.fromState}|${durationBucket(dwellMs)}`, measure, ["maxMs"]);
        const actorKey = e.actorId ?? e.actorName ?? "";
        const actor = `${e.actorType}|${actorKey}|${roleOf(e)}|${e.fromState}`;
        add(snapshot, "actor", `${base}|${actor}|${durationBucket(dwellMs)}`, measure, ["maxMs"]);
      }
      if (ENTERING_TYPES.has(e.type) && e.toState !== null) {
        const isReentry = LEAVING.has(e.type) && history.some((p) => p.toState === e.toState);
        const key = `${base}|${e.fromState ?? ""}|${e.toState}|${e.transitionKey ?? ""}|${e.type}`;
        add(snapshot, "flow", key, { count: 1, reentries: isReentry ? 1 : 0 });
      }
      if (LEAVING.has(e.type) && kinds.get(`${workflowId}|${e.toState}`) === "terminal") {
        const leadMs = Math.max(0, e.at.getTime() - history[0]!.at.getTime());
        add(
          snapshot,
          "lead",
          `${base}|${e.toState}|${durationBucket(leadMs)}`,
          { count: 1, sumMs: leadMs, maxMs: leadMs },
          ["maxMs"],
        );
        const path = [...history, e]
          .filter(isEntering)
          .slice(0, 40)
          .map((p) => p.toState)
          .join(">");
        add(snapshot, "path", `${base}|${path}|${e.toState}`, { count: 1, sumLeadMs: leadMs });
      }
      if (e.type === "ACTION_SUCCEEDED" || e.type === "ACTION_FAILED") {
        const details = (e.details ?? {}) as Record<string, unknown>;
        const previous = history[history.length - 1];
        const latencyMs =
          typeof details.durationMs === "number"
            ? Math.max(0, Math.round(details.durationMs))
            : previous?.type === "ACTION_STARTED"
              ? Math.max(0, e.at.getTime() - previous.at.getTime())
              : 0;
        const signature =
          e.type === "ACTION_SUCCEEDED"
            ? ""
            : ((details.signature as string | undefined) ?? (details.error as string | undefined)?.slice(0, 120) ?? "");
        const key = `${base}|${entered?.toState ?? ""}|${e.type}|${signature}|${durationBucket(latencyMs)}`;
        add(snapshot, "action", key, { count: 1, sumMs: latencyMs, maxMs: latencyMs }, ["maxMs"]);
      }
    });
    history.push(e);
  }
  return snapshot;
}

const iso = (d: Date) => d.toISOString();
const n = (v: number | bigint) => Number(v);

/** The rollup tables as they are, keyed like exactRollups. */
export async function readRollups(db: Db): Promise<RollupSnapshot> {
  const p = db.prisma;
  const snapshot: RollupSnapshot = {};
  const put = (table: string, key: string, values: Aggregate) => ((snapshot[table] ??= {})[key] = values);
  for (const r of await p.analyticsDwell.findMany())
    put("dwell", `${r.workflowId}|${r.grain}|${iso(r.start)}|${r.state}|${r.bucket}`, {
      count: r.count,
      sumMs: n(r.sumMs),
      maxMs: n(r.maxMs),
    });
  for (const r of await p.analyticsActor.findMany())
    put(
      "actor",
      `${r.workflowId}|${r.grain}|${iso(r.start)}|${r.actorType}|${r.actorKey}|${r.actorRole}|${r.state}|${r.bucket}`,
      {
        count: r.count,
        sumMs: n(r.sumMs),
        maxMs: n(r.maxMs),
      },
    );
  for (const r of await p.analyticsFlow.findMany())
    put("flow", `${r.workflowId}|${r.grain}|${iso(r.start)}|${r.fromState}|${r.toState}|${r.transitionKey}|${r.type}`, {
      count: r.count,
      reentries: r.reentries,
    });
  for (const r of await p.analyticsLeadTime.findMany())
    put("lead", `${r.workflowId}|${r.grain}|${iso(r.start)}|${r.state}|${r.bucket}`, {
      count: r.count,
      sumMs: n(r.sumMs),
      maxMs: n(r.maxMs),
    });
  for (const r of await p.analyticsPath.findMany())
    put("path", `${r.workflowId}|${r.grain}|${iso(r.start)}|${r.path}|${r.state}`, {
      count: r.count,
      sumLeadMs: n(r.sumLeadMs),
    });
  for (const r of await p.analyticsAction.findMany())
    put("action", `${r.workflowId}|${r.grain}|${iso(r.start)}|${r.state}|${r.outcome}|${r.signature}|${r.bucket}`, {
      count: r.count,
      sumMs: n(r.sumMs),
      maxMs: n(r.maxMs),
    });
  return snapshot;
}
