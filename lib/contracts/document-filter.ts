import { z } from "zod";
import { BULK_ACTIONS, type BulkActionName } from "./bulk-actions";

/*
 * The one description of "which documents": the documents list (page, links and API), the
 * bulk operations, the dashboard, the monitor and the attention page all use it, so a
 * filter that shows 1,234 documents is exactly the set a bulk action over that filter acts
 * on, and every link into the list is built by documentsHref.
 */

/**
 * Status of a document's automated action; "retrying" = waiting for an attempt after a
 * failure; "waiting" = a callback action waiting for its completion call.
 */
export const JOB_STATUS_FILTERS = ["pending", "running", "exhausted", "cancelled", "retrying", "waiting"] as const;
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
  /**
   * Only documents that took this step: `from>to` (state keys; an empty `from` is creation),
   * optionally `:transition`. See parseTook.
   */
  took?: string;
  /** Only documents that completed by this path: the states entered from creation to a terminal one, `a>b>c`. */
  path?: string;
  /** Bounds of the history criteria (took, path): when the step was taken or the path completed. */
  tookFrom?: Date;
  tookTo?: Date;
}

const DAY_MS = 86_400_000;

const KEY = "[a-z][a-z0-9_]*";
const TOOK_PATTERN = new RegExp(`^(${KEY})?>(${KEY})(:${KEY})?$`);
const PATH_PATTERN = new RegExp(`^${KEY}(>${KEY})*$`);
/** Completed paths are recorded with their first 40 states (lib/db/sql/fold-analytics.ts). */
export const MAX_PATH_STATES = 40;

/** A step of the `took` criterion: fromState null is creation; transition optional. */
export interface TookStep {
  fromState: string | null;
  toState: string;
  transition?: string;
}

/** Pure: `from>to[:transition]` → its parts (the value was checked by the schema). */
export function parseTook(took: string): TookStep {
  const [pair, transition] = took.split(":");
  const [from, to] = pair!.split(">");
  return { fromState: from || null, toState: to!, ...(transition ? { transition } : {}) };
}

/** Pure: the `took` value of a step (the inverse of parseTook). */
export function formatTook(step: TookStep): string {
  return `${step.fromState ?? ""}>${step.toState}${step.transition ? `:${step.transition}` : ""}`;
}

/** A day (YYYY-MM-DD, UTC) or an ISO date-time. A day as an upper bound includes that whole day. */
export function dateBound(bound: "from" | "to") {
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
  took: z
    .string()
    .max(200, { error: "A step is at most 200 characters." })
    .regex(TOOK_PATTERN, {
      error: "Use took=from>to or took=from>to:transition with state and transition keys (an empty from is creation).",
    })
    .optional()
    .meta({
      description:
        "Only documents whose history holds this step: `from>to` (state keys; `>to` is creation into `to`), optionally `:transition` (its key). Bounded by tookFrom/tookTo.",
    }),
  path: z
    .string()
    .max(MAX_PATH_STATES * 65, { error: "That path is too long." })
    .regex(PATH_PATTERN, { error: "Use path=a>b>c with the state keys entered from creation to a terminal state." })
    .refine((path) => path.split(">").length < MAX_PATH_STATES, {
      error: `Paths of ${MAX_PATH_STATES} or more states are kept cut short and cannot be filtered on.`,
    })
    .optional()
    .meta({
      description:
        "Only documents that completed by this path: the states entered from creation to a terminal state, `a>b>c` (fewer than 40). Bounded by tookFrom/tookTo (when the terminal state was entered).",
    }),
  tookFrom: dateBound("from")
    .optional()
    .meta({ description: "Start of the period of took/path (inclusive): a date or an ISO date-time." }),
  tookTo: dateBound("to")
    .optional()
    .meta({ description: "End of the period of took/path (exclusive; a date includes that whole day)." }),
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

const NARROWING_KEYS = [
  "status",
  "errors",
  "sla",
  "signature",
  "q",
  "createdFrom",
  "createdTo",
  "updatedFrom",
  "updatedTo",
  "took",
  "path",
  "tookFrom",
  "tookTo",
] as const;

/**
 * Pure: whether anything narrows the set beyond workflow and state (then the maintained
 * counters cannot give the total). Takes the filter parsed or as it stands in a link.
 */
export function narrowsBeyondState(filter: Partial<Record<(typeof NARROWING_KEYS)[number], unknown>>): boolean {
  return NARROWING_KEYS.some((key) => Boolean(filter[key]));
}

/** Orders of the documents list; the default is updated_desc (most recently changed first). */
export const DOCUMENT_SORTS = ["updated_desc", "updated_asc", "created_desc", "created_asc"] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

/**
 * The documents page's URL: the filter, the sort, the cursor (checked by the list service)
 * and an optional bulk action to open. Anything the page does not understand is an error the
 * page shows, never a silent empty list.
 */
export const documentsPageParams = z.object({
  ...documentFilterFields,
  sort: z.enum(DOCUMENT_SORTS, { error: "That is not a sort order." }).optional(),
  cursor: z
    .string({ error: "This page link was changed or has expired. Start again from the first page." })
    .max(500)
    .optional(),
  bulk: z.enum(BULK_ACTIONS, { error: "That is not a bulk action." }).optional(),
});

export type DocumentsPageParams = z.output<typeof documentsPageParams>;

/**
 * A link into the documents list: the filter as it stands in the URL (dates as typed, not
 * parsed), the sort, a page cursor and a bulk action to open.
 */
export interface DocumentsLink {
  workflow?: string;
  state?: string;
  q?: string;
  status?: JobStatusFilter;
  errors?: boolean;
  sla?: "over";
  signature?: string;
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  took?: string;
  path?: string;
  tookFrom?: string;
  tookTo?: string;
  sort?: DocumentSort;
  cursor?: string;
  bulk?: BulkActionName;
}

const LINK_ORDER = [
  "workflow",
  "state",
  "q",
  "status",
  "errors",
  "sla",
  "signature",
  "createdFrom",
  "createdTo",
  "updatedFrom",
  "updatedTo",
  "took",
  "path",
  "tookFrom",
  "tookTo",
  "sort",
  "cursor",
  "bulk",
] as const satisfies readonly (keyof DocumentsLink)[];

/**
 * Pure: `/documents?…` for a link, parameters in a fixed order, empty values, a state, step
 * or path without its workflow (state keys are per workflow) and the default sort left out.
 */
export function documentsHref(link: DocumentsLink = {}): string {
  const params = new URLSearchParams();
  for (const key of LINK_ORDER) {
    const value = link[key];
    if (value === undefined || value === "" || value === false) continue;
    if ((key === "state" || key === "took" || key === "path") && !link.workflow) continue;
    if (key === "sort" && value === "updated_desc") continue;
    params.set(key, value === true ? "1" : String(value));
  }
  const query = params.toString();
  return query ? `/documents?${query}` : "/documents";
}
