import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import type { Actor } from "../../lib/engine";
import type { Db } from "../../lib/db/client";
import { PrismaClient } from "../../lib/db/generated/client";
import type { ServiceDb } from "../../lib/services/db-types";
import { getHistory } from "../../lib/services/documents/get-history";
import { listDocuments } from "../../lib/services/documents/list-documents";

const VIEWER: Actor = { type: "API", id: null, name: "bench-viewer", role: "viewer" };

/** What the list benchmark calls: the first page of one workflow's documents in one state. */
export interface ListInput {
  workflowKey: string;
  state: string;
}

/**
 * The document list's first page through the real service, lib/services/documents/
 * list-documents.ts: workflow + state filter, ORDER BY "updatedAt" DESC, id DESC, LIMIT 50 + 1,
 * then the page's rows with the shared narrow select.
 */
export async function listFirstPage(db: ServiceDb, input: ListInput): Promise<{ state: string }[]> {
  const page = await listDocuments(db, VIEWER, { workflow: input.workflowKey, state: input.state, limit: 50 });
  return page.items;
}

/** The list's search box: title contains `q` (ILIKE) or externalRef equals it, first page. */
export async function searchFirstPage(db: ServiceDb, q: string): Promise<{ title: string }[]> {
  const page = await listDocuments(db, VIEWER, { q, limit: 50 });
  return page.items;
}

/** A document's history page, as the document view reads it (lib/services/documents/get-history.ts). */
export function historyPage(db: ServiceDb, id: string) {
  return getHistory(db, { id, order: "desc" }, VIEWER);
}

interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/**
 * Runs a service call on a Prisma client that logs its SQL, so EXPLAIN sees exactly what the
 * service sends (not a hand-written look-alike). Returns the statement matching `pick`
 * (a service may issue several), else the slowest one.
 */
export async function captureServiceSql(
  pool: pg.Pool,
  pick: RegExp,
  call: (db: ServiceDb) => Promise<unknown>,
): Promise<CapturedQuery> {
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  const captured: (CapturedQuery & { duration: number })[] = [];
  prisma.$on("query", (event) => {
    const params: unknown = typeof event.params === "string" ? JSON.parse(event.params) : event.params;
    captured.push({ sql: event.query, params: Array.isArray(params) ? params : [], duration: Number(event.duration) });
  });
  try {
    await call({ kind: "postgres", prisma });
  } finally {
    await prisma.$disconnect();
  }
  const chosen = captured.find((q) => pick.test(q.sql)) ?? captured.sort((a, b) => b.duration - a.duration)[0];
  if (!chosen) throw new Error("the service issued no SQL");
  return { sql: chosen.sql, params: chosen.params };
}

interface PlanNode {
  "Node Type": string;
  Strategy?: string;
  "Partial Mode"?: string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Heap Fetches"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  "Workers Launched"?: number;
  Filter?: string;
  "Sort Method"?: string;
  Plans?: PlanNode[];
}

function describeNode(node: PlanNode): string {
  let text = node["Node Type"];
  // "Aggregate" alone hides whether it hashed or sorted, and which half of a parallel plan it is.
  if (node.Strategy)
    text += ` (${[node.Strategy, node["Partial Mode"]].filter((x) => x && x !== "Simple").join(", ")})`;
  if (node["Index Name"]) text += ` using ${node["Index Name"]}`;
  else if (node["Relation Name"]) text += ` on ${node["Relation Name"]}`;
  if (node["Heap Fetches"] !== undefined) text += ` (heap fetches ${node["Heap Fetches"]})`;
  if (node.Filter) text += ` (filter ${node.Filter})`;
  if (node["Sort Method"]) text += ` (${node["Sort Method"]})`;
  if (node["Workers Launched"] !== undefined) text += ` (${node["Workers Launched"]} workers)`;
  const children = node.Plans ?? [];
  return children.length === 0 ? text : `${text} <- ${children.map(describeNode).join(" + ")}`;
}

export interface PlanSummary {
  plan: string;
  executionMs: number;
  sharedHit: number;
  sharedRead: number;
  text: string[];
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured statement: one summary line plus the text plan. */
export async function explain(db: Db, query: CapturedQuery): Promise<PlanSummary> {
  return db.withConnection(async (conn) => {
    const [json] = await conn.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`,
      query.params,
    );
    const root = json!["QUERY PLAN"][0];
    const text = await conn.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
    return {
      plan: describeNode(root.Plan),
      executionMs: root["Execution Time"],
      sharedHit: root.Plan["Shared Hit Blocks"] ?? 0,
      sharedRead: root.Plan["Shared Read Blocks"] ?? 0,
      text: text.map((row) => row["QUERY PLAN"]),
    };
  });
}
