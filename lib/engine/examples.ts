import type { WorkflowDefinition } from "./definition-schema";

/*
 * Two realistic workflows for the seed, the docs and the tests. Both validate with zero
 * problems (examples.test.ts) and are written with every defaulted field spelled out, so
 * parsing them returns exactly these objects.
 */

/**
 * Supplier invoices: a clerk submits a draft, an extraction service reads it (webhook,
 * retried with exponential backoff), a reviewer approves it once the invoice number and
 * amount are known, and finance marks it paid. Failed extraction lands in an error state
 * that can be retried or rejected; an admin may cancel from anywhere.
 */
export const exampleInvoiceDefinition: WorkflowDefinition = {
  states: [
    { key: "draft", label: "Draft", kind: "initial", description: "Uploaded, not yet submitted." },
    {
      key: "extract",
      label: "Extracting data",
      kind: "normal",
      description: "The extraction service reads supplier, invoice number and amount.",
      sla: { maxSeconds: 3600 },
      action: { type: "webhook", url: "https://extractor.example.com/v1/invoices/extract", timeoutMs: 10_000 },
      retry: {
        maxAttempts: 5,
        strategy: "exponential",
        initialDelayMs: 2000,
        backoffRate: 2,
        maxDelayMs: 60_000,
        jitter: "full",
      },
      onSuccess: "extracted",
      onFailure: "fail_extract",
    },
    {
      key: "extraction_failed",
      label: "Extraction failed",
      kind: "error",
      description: "Retries exhausted; needs a person.",
    },
    { key: "review", label: "In review", kind: "normal", sla: { maxSeconds: 2 * 86_400 } },
    {
      key: "approved",
      label: "Approved",
      kind: "normal",
      sla: { maxSeconds: 7 * 86_400 },
      description: "Waiting for payment.",
    },
    { key: "paid", label: "Paid", kind: "terminal" },
    { key: "rejected", label: "Rejected", kind: "terminal" },
    { key: "cancelled", label: "Cancelled", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", label: "Submit", from: ["draft"], to: "extract", roles: ["operator", "admin"] },
    { key: "extracted", label: "Extracted", from: ["extract"], to: "review", roles: ["admin"] },
    { key: "fail_extract", label: "Extraction failed", from: ["extract"], to: "extraction_failed", roles: ["admin"] },
    { key: "retry_extract", label: "Retry extraction", from: ["extraction_failed"], to: "extract" },
    {
      key: "approve",
      label: "Approve",
      from: ["review"],
      to: "approved",
      guard: {
        jsonSchema: {
          type: "object",
          required: ["invoiceNumber", "amount"],
          properties: {
            invoiceNumber: { type: "string", minLength: 1 },
            amount: { type: "number", exclusiveMinimum: 0 },
          },
        },
      },
    },
    { key: "request_changes", label: "Send back to draft", from: ["review"], to: "draft", requireReason: true },
    { key: "reject", label: "Reject", from: ["review", "extraction_failed"], to: "rejected", requireReason: true },
    { key: "mark_paid", label: "Mark as paid", from: ["approved"], to: "paid" },
    { key: "cancel", label: "Cancel", from: ["*"], to: "cancelled", roles: ["admin"], requireReason: true },
  ],
  layout: {
    draft: { x: 0, y: 150 },
    extract: { x: 300, y: 150 },
    extraction_failed: { x: 300, y: 350 },
    review: { x: 600, y: 150 },
    approved: { x: 900, y: 50 },
    paid: { x: 1200, y: 50 },
    rejected: { x: 900, y: 300 },
    cancelled: { x: 600, y: 400 },
  },
};

/**
 * Expense claims: an employee's claim passes an automatic policy check (noop action, a
 * placeholder for a rules engine), then a manager and finance approve it before it is
 * reimbursed. Either reviewer may send it back or reject it.
 */
export const exampleExpenseDefinition: WorkflowDefinition = {
  states: [
    { key: "draft", label: "Draft", kind: "initial" },
    {
      key: "policy_check",
      label: "Policy check",
      kind: "normal",
      action: { type: "noop" },
      onSuccess: "policy_passed",
    },
    { key: "manager_review", label: "Manager review", kind: "normal", sla: { maxSeconds: 3 * 86_400 } },
    { key: "finance_review", label: "Finance review", kind: "normal", sla: { maxSeconds: 5 * 86_400 } },
    { key: "reimbursed", label: "Reimbursed", kind: "terminal" },
    { key: "rejected", label: "Rejected", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", label: "Submit claim", from: ["draft"], to: "policy_check" },
    { key: "policy_passed", label: "Policy passed", from: ["policy_check"], to: "manager_review", roles: ["admin"] },
    {
      key: "manager_approve",
      label: "Approve",
      from: ["manager_review"],
      to: "finance_review",
      guard: {
        jsonSchema: {
          type: "object",
          required: ["employee", "amount"],
          properties: {
            employee: { type: "string", minLength: 1 },
            amount: { type: "number", exclusiveMinimum: 0, maximum: 10_000 },
          },
        },
      },
    },
    { key: "reimburse", label: "Reimburse", from: ["finance_review"], to: "reimbursed", roles: ["admin"] },
    {
      key: "send_back",
      label: "Send back",
      from: ["manager_review", "finance_review"],
      to: "draft",
      requireReason: true,
    },
    { key: "reject", label: "Reject", from: ["manager_review", "finance_review"], to: "rejected", requireReason: true },
  ],
  layout: {
    draft: { x: 0, y: 100 },
    policy_check: { x: 300, y: 100 },
    manager_review: { x: 600, y: 100 },
    finance_review: { x: 900, y: 100 },
    reimbursed: { x: 1200, y: 100 },
    rejected: { x: 900, y: 300 },
  },
};

export const NOOP_START_STATE = "inbox";
export const NOOP_END_STATE = "sorted";

/**
 * A workflow whose initial state runs a noop action: created documents are jobs at once,
 * and success leads to the terminal state. Shared by the worker tests and the benchmarks (`npm run bench`).
 */
export const NOOP_WORKFLOW: WorkflowDefinition = {
  states: [
    { key: NOOP_START_STATE, kind: "initial", action: { type: "noop" }, onSuccess: "processed", onFailure: "broke" },
    { key: NOOP_END_STATE, kind: "terminal" },
    { key: "broken", kind: "error" },
  ],
  transitions: [
    { key: "processed", from: [NOOP_START_STATE], to: NOOP_END_STATE, roles: ["admin"] },
    { key: "broke", from: [NOOP_START_STATE], to: "broken", roles: ["admin"] },
    { key: "fix", from: ["broken"], to: NOOP_END_STATE },
  ],
};
