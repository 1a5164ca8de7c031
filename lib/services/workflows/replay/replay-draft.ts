import {
  type Actor,
  createReplay,
  findState,
  hasAtLeastRole,
  parseDefinition,
  type ReplayReport,
  type UnmappedStateFinding,
  type WorkflowDefinition,
} from "../../../engine";
import { REPLAY_BOUNDS } from "../../../contracts/workflow-requests";
import { executorFor } from "../../../db/sql/sql-executor";
import { type ReplayDocumentRow, selectReplayDocuments } from "../../../db/sql/select-replay-documents";
import { selectIdleReplayDocuments } from "../../../db/sql/select-idle-replay-documents";
import { AppError } from "../../../errors/app-error";
import type { ServiceDb } from "../../db-types";
import { countDocumentsByState } from "../../stats/count-documents-by-state";
import { readReplayPage } from "./read-replay-page";

/** Documents read per page: small enough that the engine's share of a page stays a few ms. */
export const REPLAY_PAGE_SIZE = 500;
/** Wall-clock budget of one replay: past it the report is returned as it stands, truncated. */
export const REPLAY_TIME_BUDGET_MS = 15_000;

export interface ReplayDraftInput {
  key: string;
  days?: number;
  limit?: number;
}

export interface ReplayDraftOptions {
  timeBudgetMs?: number;
  pageSize?: number;
  /** The clock (tests pin it); also the end of the window. */
  now?: () => Date;
}

export interface DraftReplay extends Omit<ReplayReport, "unmappedStates"> {
  workflow: string;
  draftVersion: number;
  draftRevision: number;
  /** The latest published version the draft would replace; null if never published. */
  publishedVersion: number | null;
  window: { days: number; since: string; asOf: string };
  limit: number;
  /** Not every recent document was replayed: the cap was reached ("limit") or the time budget ran out ("time"). */
  truncated: boolean;
  truncatedBy: "limit" | "time" | null;
  elapsedMs: number;
  unmappedStates: (UnmappedStateFinding & { documentsNow: number })[];
}

/**
 * What-if replay of a workflow's draft over its recent real history (admins, like publish):
 * the most recently active documents of the last `days` days (at most `limit`), then the
 * documents idle through the window that outstay a tighter draft SLA, read a keyset page at
 * a time, each page's paths handed to the engine's pure replay (createReplay).
 *
 * It runs inside the request, bounded: by the document cap, and by a time budget after which
 * the report so far comes back with `truncated: true`. The work is database reads (the engine
 * spends a few ms per page of 500 documents), so every page's await yields the event loop
 * to other requests; a worker thread would only add copying the rows across, and a background
 * job a table and polling for a report that is ready in seconds.
 */
export async function replayDraft(
  db: ServiceDb,
  actor: Actor,
  input: ReplayDraftInput,
  options: ReplayDraftOptions = {},
): Promise<DraftReplay> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can replay a draft.");
  const started = performance.now();
  const days = input.days ?? REPLAY_BOUNDS.defaultDays;
  const limit = Math.min(input.limit ?? REPLAY_BOUNDS.maxDocuments, REPLAY_BOUNDS.maxDocuments);
  const budget = options.timeBudgetMs ?? REPLAY_TIME_BUDGET_MS;
  const pageSize = options.pageSize ?? REPLAY_PAGE_SIZE;
  const asOf = (options.now ?? (() => new Date()))();
  const since = new Date(asOf.getTime() - days * 86_400_000);

  const { workflow, draft, published } = await loadReplayDefinitions(db, input.key);
  const current = published.at(-1) ?? null;
  const replay = createReplay({
    draft: draft.definition,
    current: current?.definition ?? null,
    baselines: new Map(published.map((p) => [p.version, p.definition])),
    since: since.getTime(),
    asOf: asOf.getTime(),
  });

  const sql = executorFor(db);
  const roles = new Map<string, "viewer" | "operator" | "admin" | null>();
  let read = 0;
  let truncatedBy: DraftReplay["truncatedBy"] = null;
  type Cursor = { at: Date; id: string };
  /** Replays the pages `readPage` gives until they run out, the cap is reached or the budget is spent. */
  const walk = async (
    readPage: (after: Cursor | null, limit: number) => Promise<ReplayDocumentRow[]>,
    cursorOf: (row: ReplayDocumentRow) => Cursor,
  ) => {
    let after: Cursor | null = null;
    for (;;) {
      const remaining = limit - read;
      // One row more than the cap allows tells whether the cap cut the window short.
      const documents = await readPage(after, Math.min(pageSize, remaining + 1));
      if (documents.length === 0) return;
      if (documents.length > remaining) {
        documents.length = remaining;
        truncatedBy = "limit";
      }
      for (const path of await readReplayPage(sql, documents, since, roles)) replay.add(path);
      read += documents.length;
      const last = documents.at(-1);
      if (truncatedBy || !last || documents.length < Math.min(pageSize, remaining)) return;
      after = cursorOf(last);
      if (performance.now() - started > budget) {
        truncatedBy = "time";
        return;
      }
    }
  };

  // The documents changed in the window, newest change first: every step of the window.
  await walk(
    (after, n) => selectReplayDocuments(sql, { workflowId: workflow.id, since, after, limit: n }),
    (row) => ({ at: row.updatedAt, id: row.id }),
  );
  // Then, with what the cap and budget leave, the documents idle through the window in a
  // state the draft gives an SLA, in it longer than that: a stay the draft may make late.
  for (const state of idleSlaStates(draft.definition, published)) {
    if (truncatedBy) break;
    if (performance.now() - started > budget) {
      truncatedBy = "time";
      break;
    }
    const enteredBefore = new Date(asOf.getTime() - state.maxSeconds * 1000);
    await walk(
      (after, n) =>
        selectIdleReplayDocuments(sql, {
          workflowId: workflow.id,
          state: state.key,
          enteredBefore,
          since,
          after,
          limit: n,
        }),
      (row) => ({ at: row.stateEnteredAt, id: row.id }),
    );
  }

  const report = replay.report();
  const counts = report.unmappedStates.length
    ? new Map((await countDocumentsByState(db, { workflowId: workflow.id })).map((c) => [c.state, c.count]))
    : new Map<string, number>();
  return {
    ...report,
    unmappedStates: report.unmappedStates.map((s) => ({ ...s, documentsNow: counts.get(s.state) ?? 0 })),
    workflow: input.key,
    draftVersion: draft.version,
    draftRevision: draft.revision,
    publishedVersion: current?.version ?? null,
    window: { days, since: since.toISOString(), asOf: asOf.toISOString() },
    limit,
    truncated: truncatedBy !== null,
    truncatedBy,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** The workflow, its draft (refused when there is none or it is unreadable) and its published versions, oldest first. */
async function loadReplayDefinitions(db: ServiceDb, key: string) {
  const workflow = await db.prisma.workflow.findUnique({ where: { key }, select: { id: true } });
  if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${key}".`);
  const versions = await db.prisma.workflowVersion.findMany({
    where: { workflowId: workflow.id },
    select: { version: true, status: true, revision: true, definition: true },
    orderBy: { version: "asc" },
  });
  const draftRow = versions.find((v) => v.status === "DRAFT");
  if (!draftRow)
    throw new AppError("CONFLICT", "There is no draft to replay: the latest version is already published.");
  const parsedDraft = parseDefinition(draftRow.definition);
  if (!parsedDraft.ok)
    throw new AppError("INVALID_DEFINITION", "The draft is malformed.", { fieldErrors: parsedDraft.issues });
  const published: { version: number; definition: WorkflowDefinition }[] = [];
  for (const row of versions) {
    if (row.status !== "PUBLISHED") continue;
    const parsed = parseDefinition(row.definition);
    // A published version that no longer parses cannot be a baseline; its documents fall back to the latest.
    if (parsed.ok) published.push({ version: row.version, definition: parsed.definition });
  }
  return {
    workflow,
    draft: { version: draftRow.version, revision: draftRow.revision, definition: parsedDraft.definition },
    published,
  };
}

/**
 * The draft's states with an SLA (not terminal) where an idle document could be a new breach:
 * those for which some published version lacks the state, has no SLA for it, or a longer
 * one. Where every version's SLA is already as tight, a document over the draft's is over its
 * own too: late already, not new, and not worth reading.
 */
function idleSlaStates(
  draft: WorkflowDefinition,
  published: readonly { definition: WorkflowDefinition }[],
): { key: string; maxSeconds: number }[] {
  return draft.states.flatMap((state) => {
    const maxSeconds = state.kind === "terminal" ? undefined : state.sla?.maxSeconds;
    if (maxSeconds === undefined) return [];
    const isNew = published.some((p) => {
      const own = findState(p.definition, state.key)?.sla?.maxSeconds;
      return own === undefined || own > maxSeconds;
    });
    return isNew ? [{ key: state.key, maxSeconds }] : [];
  });
}
