import { exampleInvoiceDefinition } from "../../lib/engine/examples";
import { renderWorkflowTypes } from "../../lib/typegen/render-workflow-types";

/** typegen's output for the demo invoice workflow: the guide's snippets and the typed-fire test use it. */
export const INVOICE_TYPES_PATH = "docs/snippets/invoice-processing.types.ts";

export const renderInvoiceTypes = () =>
  renderWorkflowTypes({ key: "invoice-processing", version: 1, definition: exampleInvoiceDefinition });
