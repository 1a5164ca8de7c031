import type { DocStateClient } from "@docstate/client";
// Generated: npm run typegen -- --workflow invoice-processing --out invoice-processing.types.ts
import type { InvoiceProcessing } from "./invoice-processing.types";

export async function approveIfInReview(docstate: DocStateClient, id: string) {
  const invoices = docstate.workflow<InvoiceProcessing>("invoice-processing");
  const invoice = await invoices.get(id);
  if (invoice.state !== "review") return invoice.state;
  // Compiles because "approve" leaves "review"; invoices.fire(invoice, "submit") would not.
  const approved = await invoices.fire(invoice, "approve");
  return approved.state;
}
