import type { WorkflowDefinitionInput } from "../../lib/engine";

/** The fire benchmarks cycle draft -> review -> draft forever; approved only makes the graph valid. */
export const CYCLE_WORKFLOW: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal" },
    { key: "approved", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "review" },
    { key: "back", from: ["review"], to: "draft" },
    { key: "approve", from: ["review"], to: "approved" },
  ],
};

/** The transition that continues the cycle from each state, and where it leads. */
export const CYCLE_STEP: Record<string, { transition: string; to: string }> = {
  draft: { transition: "submit", to: "review" },
  review: { transition: "back", to: "draft" },
};

export interface DatasetWorkflow {
  key: string;
  /** Share of all generated documents. */
  share: number;
  /** Share of this workflow's documents per state: most documents of a mature system are done. */
  states: [state: string, share: number][];
  definition: WorkflowDefinitionInput;
}

/** Two workflows, 13 states between them, for the 1,000,000-document read benchmarks. */
export const DATASET_WORKFLOWS: DatasetWorkflow[] = [
  {
    key: "invoices",
    share: 0.7,
    states: [
      ["paid", 0.55],
      ["rejected", 0.08],
      ["review", 0.12],
      ["approval", 0.08],
      ["received", 0.05],
      ["extract", 0.04],
      ["on_hold", 0.05],
      ["failed", 0.03],
    ],
    definition: {
      states: [
        { key: "received", kind: "initial" },
        { key: "extract", kind: "normal" },
        { key: "failed", kind: "error" },
        { key: "review", kind: "normal" },
        { key: "on_hold", kind: "normal" },
        { key: "approval", kind: "normal" },
        { key: "paid", kind: "terminal" },
        { key: "rejected", kind: "terminal" },
      ],
      transitions: [
        { key: "submit", from: ["received"], to: "extract" },
        { key: "extracted", from: ["extract"], to: "review" },
        { key: "fail_extract", from: ["extract"], to: "failed" },
        { key: "retry", from: ["failed"], to: "extract" },
        { key: "hold", from: ["review"], to: "on_hold" },
        { key: "resume", from: ["on_hold"], to: "review" },
        { key: "check", from: ["review"], to: "approval" },
        { key: "send_back", from: ["approval"], to: "review" },
        { key: "pay", from: ["approval"], to: "paid" },
        { key: "reject", from: ["review", "approval"], to: "rejected" },
      ],
    },
  },
  {
    key: "contracts",
    share: 0.3,
    states: [
      ["signed", 0.497],
      // A rare state (0.3%: 9,000 of 10,000,000 documents), and "archived" none: the lists
      // of both read their page by the state index (select-document-page.ts).
      ["expired", 0.003],
      ["cancelled", 0.15],
      ["draft", 0.1],
      ["legal", 0.15],
      ["negotiation", 0.1],
    ],
    definition: {
      states: [
        { key: "draft", kind: "initial" },
        { key: "legal", kind: "normal" },
        { key: "negotiation", kind: "normal" },
        { key: "signed", kind: "terminal" },
        { key: "cancelled", kind: "terminal" },
        { key: "expired", kind: "terminal" },
        { key: "archived", kind: "terminal" },
      ],
      transitions: [
        { key: "submit", from: ["draft"], to: "legal" },
        { key: "expire", from: ["negotiation"], to: "expired" },
        { key: "archive", from: ["legal"], to: "archived" },
        { key: "comment", from: ["legal"], to: "negotiation" },
        { key: "revise", from: ["negotiation"], to: "legal" },
        { key: "sign", from: ["legal"], to: "signed" },
        { key: "cancel", from: ["draft", "legal", "negotiation"], to: "cancelled" },
      ],
    },
  },
];
