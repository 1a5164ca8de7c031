import { exampleInvoiceDefinition } from "../../lib/engine/examples";
import { renderWorkflowTypes } from "../../lib/typegen/render-workflow-types";

/** Where the typed-fire test keeps typegen's output for the demo invoice workflow. */
export const INVOICE_TYPES_PATH = "test/typegen/generated/invoice-processing.ts";

export const renderInvoiceTypes = () =>
  renderWorkflowTypes({ key: "invoice-processing", version: 1, definition: exampleInvoiceDefinition });
