/** What the operations know of a document's pending automated action (its job); "waiting": a callback action awaits its completion call. */
export interface DocumentJob {
  status: "pending" | "running" | "exhausted" | "cancelled" | "waiting";
  /** The state whose action the job runs; differs from the document's once onFailure moved it on. */
  state: string;
}
