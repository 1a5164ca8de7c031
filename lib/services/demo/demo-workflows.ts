import { exampleExpenseDefinition, exampleInvoiceDefinition, type WorkflowDefinition } from "../../engine";

/** What the demo's extraction hands back, merged at /extracted (the demo receiver answers it). */
export const DEMO_EXTRACTION_SCHEMA = {
  type: "object",
  required: ["invoiceNumber", "amount", "currency"],
  properties: {
    invoiceNumber: { type: "string", minLength: 1 },
    amount: { type: "number" },
    currency: { type: "string" },
    vendor: { type: "string" },
    confidence: { type: "number", minimum: 0, maximum: 1 },
  },
};

/** The invoice example with its extraction's answer kept in the document (action output). */
const demoInvoiceDefinition: WorkflowDefinition = {
  ...exampleInvoiceDefinition,
  states: exampleInvoiceDefinition.states.map((state) =>
    state.action?.type === "webhook"
      ? { ...state, action: { ...state.action, output: { into: "/extracted", schema: DEMO_EXTRACTION_SCHEMA } } }
      : state,
  ),
};

/**
 * The definition as seeded: with a demo receiver prefix (the app's own /api/demo/ routes),
 * every webhook calls `<prefix><state key>` there instead of its example.com address, so the
 * demo's actions work offline on first start.
 */
export function withDemoReceiver(
  definition: WorkflowDefinition,
  receiverPrefix: string | undefined,
): WorkflowDefinition {
  if (!receiverPrefix) return definition;
  return {
    ...definition,
    states: definition.states.map((state) =>
      state.action?.type === "webhook"
        ? { ...state, action: { ...state.action, url: `${receiverPrefix}${state.key}` } }
        : state,
    ),
  };
}
import { pick } from "./seeded-random";

interface DemoDocument {
  title: string;
  externalRef: string;
  metadata: Record<string, unknown>;
  body?: { text: string; contentType: string };
}

export interface DemoWorkflow {
  key: string;
  name: string;
  description: string;
  definition: WorkflowDefinition;
  documents: number;
  seed: number;
  makeDocument(index: number, random: () => number): DemoDocument;
}

const VENDORS = [
  "Acme Supplies",
  "Northwind Traders",
  "Globex GmbH",
  "Initech Ltd",
  "Umbrella Logistics",
  "Stark Components",
  "Wayne Freight",
];
const PEOPLE = [
  "Ada Lovelace",
  "Grace Hopper",
  "Alan Turing",
  "Katherine Johnson",
  "Edsger Dijkstra",
  "Barbara Liskov",
];
const EXPENSES = [
  "Train to Berlin",
  "Client dinner",
  "Conference ticket",
  "Hotel, 2 nights",
  "Taxi to airport",
  "Team offsite lunch",
];

export const DEMO_WORKFLOWS: DemoWorkflow[] = [
  {
    key: "invoice-processing",
    name: "Invoice processing",
    description: "Supplier invoices: automated data extraction, human review, approval and payment.",
    definition: demoInvoiceDefinition,
    documents: 320,
    seed: 20261126,
    makeDocument(index, random) {
      const vendor = pick(random, VENDORS);
      const amount = Math.round((50 + random() * 9_950) * 100) / 100;
      const invoiceNumber = `INV-2026-${String(1000 + index).padStart(5, "0")}`;
      // One in ten invoices lacks its number, so review shows the approve guard blocking.
      const metadata: Record<string, unknown> =
        random() < 0.1 ? { vendor, amount, currency: "EUR" } : { vendor, amount, currency: "EUR", invoiceNumber };
      return {
        title: `${vendor} — ${invoiceNumber}`,
        externalRef: `erp-${invoiceNumber}`,
        metadata,
        body: {
          contentType: "application/json",
          text: JSON.stringify(
            { vendor, invoiceNumber, amount, currency: "EUR", lines: [{ description: "Services", amount }] },
            null,
            2,
          ),
        },
      };
    },
  },
  {
    key: "expense-claims",
    name: "Expense claims",
    description: "Employee expense claims: manager approval, then reimbursement by finance.",
    definition: exampleExpenseDefinition,
    documents: 120,
    seed: 777,
    makeDocument(index, random) {
      const person = pick(random, PEOPLE);
      const what = pick(random, EXPENSES);
      const amount = Math.round((10 + random() * 790) * 100) / 100;
      return {
        title: `${what} — ${person}`,
        externalRef: `exp-${String(index + 1).padStart(4, "0")}`,
        metadata: { employee: person, amount, currency: "EUR", category: what.split(" ")[0]!.toLowerCase() },
        body: { contentType: "text/plain", text: `Expense claim by ${person}\n${what}: EUR ${amount.toFixed(2)}\n` },
      };
    },
  },
];
