/**
 * Links into the documents list with its filters and an optional bulk action preset. The
 * parameter names are the documents workspace's contract:
 * /documents?workflow=&state=&status=&errors=1&sla=over&signature=&bulk=
 */
export interface DocumentsFilter {
  workflow?: string;
  state?: string;
  status?: "pending" | "running" | "exhausted" | "cancelled" | "retrying";
  errors?: boolean;
  sla?: "over";
  signature?: string;
  bulk?: "retry" | "move" | "fire" | "cancel";
}

/** Pure: the documents list URL for a filter, parameters in a fixed order. */
export function documentsListHref(filter: DocumentsFilter = {}): string {
  const params = new URLSearchParams();
  if (filter.workflow) params.set("workflow", filter.workflow);
  if (filter.state) params.set("state", filter.state);
  if (filter.status) params.set("status", filter.status);
  if (filter.errors) params.set("errors", "1");
  if (filter.sla) params.set("sla", filter.sla);
  if (filter.signature) params.set("signature", filter.signature);
  if (filter.bulk) params.set("bulk", filter.bulk);
  const query = params.toString();
  return query ? `/documents?${query}` : "/documents";
}
