/**
 * The documents list filter as it lives in the URL, values as typed (never the cursor: a
 * new filter starts at page 1). Parsing and meaning are in lib/services/documents/document-filter.ts.
 */
export interface ListFilter {
  workflow?: string;
  state?: string;
  q?: string;
  status?: "pending" | "running" | "exhausted" | "cancelled" | "retrying";
  errors?: boolean;
  sla?: "over";
  signature?: string;
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  sort?: "updated_desc" | "updated_asc" | "created_desc" | "created_asc";
}

const ORDER = [
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
  "sort",
] as const;

/** The query string of a filter (no leading "?"), keys in a stable order, empty values and the default sort left out. Pure. */
export function filterQuery(filter: ListFilter, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = filter[key];
    if (value === undefined || value === "" || value === false) continue;
    if (key === "state" && !filter.workflow) continue;
    if (key === "sort" && value === "updated_desc") continue;
    params.set(key, value === true ? "1" : String(value));
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params.toString();
}

/** `/documents?…` for a filter and an optional cursor. Pure. */
export function documentsQuery(filter: ListFilter, cursor?: string): string {
  const query = filterQuery(filter, { cursor });
  return query ? `/documents?${query}` : "/documents";
}

/** Whether any filter beyond workflow/state is set (then the exact total is not known cheaply). Pure. */
export function hasExtraFilters(filter: ListFilter): boolean {
  return Boolean(
    filter.q ||
    filter.status ||
    filter.errors ||
    filter.sla ||
    filter.signature ||
    filter.createdFrom ||
    filter.createdTo ||
    filter.updatedFrom ||
    filter.updatedTo,
  );
}
