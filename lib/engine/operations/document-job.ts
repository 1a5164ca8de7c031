/** What the operations know of a document's pending automated action (its job). */
export interface DocumentJob {
  status: "pending" | "running" | "exhausted" | "cancelled";
  /** The state whose action the job runs; differs from the document's once onFailure moved it on. */
  state: string;
}
