/** The documents list filter as it lives in the URL (never the cursor: a new filter starts at page 1). */
export interface ListFilter {
  workflow?: string;
  state?: string;
  q?: string;
  status?: "pending" | "running" | "exhausted" | "cancelled";
  errors?: boolean;
}

/** `/documents?…` for a filter, keys in a stable order, empty values left out. Pure. */
export function documentsQuery(filter: ListFilter, cursor?: string): string {
  const params = new URLSearchParams();
  if (filter.workflow) params.set("workflow", filter.workflow);
  if (filter.workflow && filter.state) params.set("state", filter.state);
  if (filter.q) params.set("q", filter.q);
  if (filter.status) params.set("status", filter.status);
  if (filter.errors) params.set("errors", "1");
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `/documents?${query}` : "/documents";
}

/** Whether any filter beyond workflow/state is set (then the exact total is not known cheaply). Pure. */
export function hasExtraFilters(filter: ListFilter): boolean {
  return Boolean(filter.q || filter.status || filter.errors);
}
