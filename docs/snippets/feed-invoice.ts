import type { DocStateClient } from "@docstate/client";

export interface ErpInvoice {
  id: string;
  supplier: string;
  amount: number;
  pdf: Uint8Array;
}

/** Sends one invoice to DocState. Safe to run again for the same invoice (after a crash, a timeout …). */
export async function feedInvoice(docstate: DocStateClient, invoice: ErpInvoice) {
  const { document, created } = await docstate.createDocument({
    workflow: "invoice-processing",
    title: `${invoice.supplier} ${invoice.id}`,
    // Your own id: sending it again returns the existing document (HTTP 200, created: false).
    externalRef: invoice.id,
    metadata: { supplier: invoice.supplier, invoiceNumber: invoice.id, amount: invoice.amount },
  });
  // Attach the PDF once; expectedVersion makes a concurrent change a 409 instead of an overwrite.
  if (!document.content) {
    await docstate.putContent(document.id, invoice.pdf, "application/pdf", { expectedVersion: document.version });
  }
  return { id: document.id, created };
}
