import { z } from "zod";
import { documentFilterConditions, type DocumentConditions } from "../../db/sql/document-filter-sql";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";

/*
 * The one description of "which documents": the documents list (page and API), the bulk
 * operations and the links from the dashboard all use it, so a filter that shows 1,234
 * documents is exactly the set a bulk action over that filter acts on.
 */

/** Status of a document's automated action; "retrying" = waiting for an attempt after a failure. */
export const JOB_STATUS_FILTERS = ["pending", "running", "exhausted", "cancelled", "retrying"] as const;
export type JobStatusFilter = (typeof JOB_STATUS_FILTERS)[number];

export interface DocumentFilter {
  workflow?: string;
  state?: string;
  status?: JobStatusFilter;
  /** Only documents in an error state of their pinned workflow version. */
  errors?: boolean;
  /** Only documents longer in their state than its SLA. */
  sla?: "over";
  /** Only documents whose action's last error has this signature (action + normalised message). */
  signature?: string;
  /** Title contains (case-insensitive) or externalRef equals. */
  q?: string;
  createdFrom?: Date;
  createdTo?: Date;
  updatedFrom?: Date;
  updatedTo?: Date;
}

const DAY_MS = 86_400_000;

/** A day (YYYY-MM-DD, UTC) or an ISO date-time. A day as an upper bound includes that whole day. */
function dateBound(bound: "from" | "to") {
  return z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Use a date (2026-11-26) or an ISO date-time." })
    .transform((value) => {
      const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
      return bound === "to" && value.length === 10 ? new Date(date.getTime() + DAY_MS) : date;
    });
}

const trueish = z
  .union([z.boolean(), z.enum(["1", "true", "0", "false"])], { error: "Use 1 or true." })
  .transform((value) => value === true || value === "1" || value === "true");

/** The filter's fields, as URL query parameters or JSON (API list query, page params, bulk selection). */
export const documentFilterFields = {
  workflow: z
    .string({ error: "Choose one workflow." })
    .max(100, { error: "Workflow keys are at most 100 characters." })
    .regex(/^[a-z0-9][a-z0-9_-]*$/i, { error: "That is not a workflow key." })
    .optional(),
  state: z
    .string({ error: "Choose one state." })
    .max(64, { error: "State keys are at most 64 characters." })
    .regex(/^[a-z][a-z0-9_]*$/, { error: "That is not a state key." })
    .optional(),
  status: z.enum(JOB_STATUS_FILTERS, { error: "That is not an action status." }).optional().meta({
    description:
      "Status of the document's automated action (job); retrying = waiting for another attempt after a failure.",
  }),
  errors: trueish.optional().meta({ description: "Only documents in an error state." }),
  sla: z.literal("over", { error: "Use sla=over for documents over their state's SLA." }).optional(),
  signature: z
    .string()
    .trim()
    .min(1)
    .max(500, { error: "Error signatures are at most 500 characters." })
    .optional()
    .meta({ description: "Only documents whose action's last error has this signature." }),
  q: z
    .string()
    .trim()
    .max(200, { error: "Search for at most 200 characters." })
    .optional()
    .transform((v) => v || undefined)
    .meta({ description: "Substring of the title, or an exact externalRef." }),
  createdFrom: dateBound("from").optional(),
  createdTo: dateBound("to").optional(),
  updatedFrom: dateBound("from").optional(),
  updatedTo: dateBound("to").optional(),
};

export const documentFilterSchema = z.strictObject(documentFilterFields);

/** The filter as JSON (stored with a bulk operation, echoed to clients): dates as ISO strings. */
export function filterToJson(filter: DocumentFilter): Record<string, string | boolean> {
  const json: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === false) continue;
    json[key] = value instanceof Date ? value.toISOString() : value;
  }
  return json;
}

/** Whether anything narrows the set beyond workflow and state (then counters cannot give the total). */
export function narrowsBeyondState(filter: DocumentFilter): boolean {
  return Boolean(
    filter.status ||
    filter.errors ||
    filter.sla ||
    filter.signature ||
    filter.q ||
    filter.createdFrom ||
    filter.createdTo ||
    filter.updatedFrom ||
    filter.updatedTo,
  );
}

export interface ResolvedFilter {
  /** Conditions on the documents, for the statements in lib/db/sql that take them. */
  conditions: DocumentConditions;
  workflowId?: string;
}

/**
 * The filter with what its SQL needs looked up: the workflow's id, and for `errors` and
 * `sla` the error states and SLAs of each published version's definition (documents are
 * pinned to versions, and versions may differ, so both are exact per document, not per
 * workflow's latest version). The conditions themselves are built in lib/db/sql.
 */
export async function resolveDocumentFilter(db: ServiceDb, filter: DocumentFilter): Promise<ResolvedFilter> {
  let workflowId: string | undefined;
  if (filter.workflow) {
    const workflow = await db.prisma.workflow.findUnique({ where: { key: filter.workflow }, select: { id: true } });
    if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${filter.workflow}".`);
    workflowId = workflow.id;
  }
  const versions = filter.errors || filter.sla ? await publishedVersions(db, workflowId) : [];
  const conditions = documentFilterConditions({
    workflowId,
    state: filter.state,
    status: filter.status,
    signature: filter.signature,
    errorStates: filter.errors
      ? versions.flatMap((v) =>
          v.states.filter((s) => s.kind === "error").map((s) => ({ versionId: v.id, state: s.key })),
        )
      : undefined,
    slaStates: filter.sla
      ? versions.flatMap((v) =>
          v.states.flatMap((s) => (s.sla ? [{ versionId: v.id, state: s.key, maxSeconds: s.sla.maxSeconds }] : [])),
        )
      : undefined,
    q: filter.q,
    createdFrom: filter.createdFrom,
    createdTo: filter.createdTo,
    updatedFrom: filter.updatedFrom,
    updatedTo: filter.updatedTo,
  });
  return { conditions, workflowId };
}

async function publishedVersions(db: ServiceDb, workflowId: string | undefined) {
  const rows = await db.prisma.workflowVersion.findMany({
    where: { status: "PUBLISHED", ...(workflowId ? { workflowId } : {}) },
    select: { id: true },
  });
  return Promise.all(
    rows.map(async (row) => ({ id: row.id, states: (await loadPublishedDefinition(db, row.id)).states })),
  );
}
