import { parse } from "csv-parse/sync";
import { isDocStateError, type DocStateClient } from "@docstate/client";

/** One line of the ERP's export. */
export interface InvoiceRow {
  invoice_id: string;
  supplier: string;
  amount: string;
  currency: string;
  pdf: string;
}

export interface FeedResult {
  invoiceId: string;
  documentId: string;
  created: boolean;
  attached: boolean;
  submitted: boolean;
}

/**
 * Feeds every invoice of the CSV into the invoice-processing workflow: creates the document
 * (idempotent by externalRef = the ERP's invoice id), attaches its PDF once, and submits it
 * for extraction once. Running it again over the same file changes nothing.
 */
export async function feedCsv(options: {
  client: DocStateClient;
  csv: string;
  readPdf: (fileName: string) => Promise<Uint8Array>;
  workflow?: string;
}): Promise<FeedResult[]> {
  const rows = parse(options.csv, { columns: true, skip_empty_lines: true, trim: true }) as InvoiceRow[];
  const results: FeedResult[] = [];
  for (const row of rows) results.push(await feedRow(options, row));
  return results;
}

async function feedRow(
  options: { client: DocStateClient; readPdf: (fileName: string) => Promise<Uint8Array>; workflow?: string },
  row: InvoiceRow,
): Promise<FeedResult> {
  const { client } = options;
  const amount = Number(row.amount);
  if (!row.invoice_id || !Number.isFinite(amount)) throw new Error(`bad CSV row: ${JSON.stringify(row)}`);
  const { document, created } = await client.createDocument({
    workflow: options.workflow ?? "invoice-processing",
    title: `${row.supplier} ${row.invoice_id}`,
    externalRef: row.invoice_id,
    metadata: { supplier: row.supplier, invoiceNumber: row.invoice_id, amount, currency: row.currency },
  });
  let version = document.version;
  const attached = !document.content;
  if (attached) {
    const stored = await client.putContent(document.id, await options.readPdf(row.pdf), "application/pdf", {
      expectedVersion: version,
    });
    version = stored.version;
  }
  let submitted = false;
  if (document.state === "draft") {
    try {
      // One key per invoice: a rerun after a lost answer replays the first submit.
      await client.fire(document.id, "submit", {
        expectedVersion: version,
        idempotencyKey: `erp:${row.invoice_id}:submit`,
      });
      submitted = true;
    } catch (error) {
      // Someone moved it meanwhile (409): it is no longer ours to submit.
      if (!isDocStateError(error, "STALE_VERSION", "CONFLICT")) throw error;
    }
  }
  return { invoiceId: row.invoice_id, documentId: document.id, created, attached, submitted };
}
