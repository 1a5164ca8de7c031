/*
 * Compiled, never run: each @ts-expect-error below must be a real error of the types typegen
 * generated for the demo invoice workflow (typed-fire.test.ts compiles this file and fails on
 * any unused directive or unexpected error).
 */
import type { DocStateClient } from "../../lib/client";
import type { InvoiceProcessing } from "../../docs/snippets/invoice-processing.types";

export async function typedFires(client: DocStateClient): Promise<void> {
  const invoices = client.workflow<InvoiceProcessing>("invoice-processing");
  // @ts-expect-error the key must be the generated workflow's key
  client.workflow<InvoiceProcessing>("expense-claims");

  const { document } = await invoices.create({ title: "INV-7", metadata: { invoiceNumber: "7", amount: 12.5 } });
  // @ts-expect-error metadata is typed from the approve guard's schema: amount is a number
  await invoices.create({ title: "INV-8", metadata: { amount: "12.50" } });
  const amount: number | undefined = document.metadata.amount;
  // @ts-expect-error invoiceNumber is a string
  const invoiceNumber: number | undefined = document.metadata.invoiceNumber;

  // Not narrowed: the document may be in any state, so approve may not leave it.
  // @ts-expect-error approve cannot leave every state
  await invoices.fire(document, "approve");

  if (document.state === "review") {
    await invoices.fire(document, "approve");
    await invoices.fire(document, "cancel", { reason: "duplicate" });
    // @ts-expect-error submit cannot leave review
    await invoices.fire(document, "submit");
  }
  if (document.state === "draft") {
    await invoices.fire(document, "submit");
    // @ts-expect-error approve cannot leave draft
    await invoices.fire(document, "approve");
    // @ts-expect-error not a transition of this workflow at all
    await invoices.fire(document, "explode");
  }
  if (document.state === "draft" || document.state === "review") {
    // cancel is global (from: ["*"]): it leaves both.
    await invoices.fire(document, "cancel", { reason: "not ours" });
    // @ts-expect-error submit leaves draft but not review
    await invoices.fire(document, "submit");
  }
  if (document.state === "paid") {
    // @ts-expect-error a terminal state: not even the global cancel leaves it
    await invoices.fire(document, "cancel");
  }
  const next = await invoices.get(document.id);
  // @ts-expect-error "archived" is not a state of this workflow
  if (next.state === "archived") return;
  void [amount, invoiceNumber];
}
