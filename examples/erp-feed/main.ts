// The ERP feed, from the command line (see README.md):
//   tsx examples/erp-feed/main.ts feed examples/erp-feed/invoices.csv
//   tsx examples/erp-feed/main.ts receive 4000
import fs from "node:fs/promises";
import path from "node:path";
import { createDocStateClient } from "@docstate/client";
import { createExtractionReceiver } from "./extraction-receiver";
import { feedCsv } from "./feed-csv";

const client = createDocStateClient({
  baseUrl: process.env.DOCSTATE_URL ?? "http://localhost:3000",
  token: process.env.DOCSTATE_TOKEN ?? "",
});
const [command, argument] = process.argv.slice(2);

if (command === "feed" && argument) {
  const dir = path.dirname(argument);
  const results = await feedCsv({
    client,
    csv: await fs.readFile(argument, "utf8"),
    readPdf: async (name) => new Uint8Array(await fs.readFile(path.join(dir, "pdfs", name))),
  });
  for (const r of results) {
    console.log(
      `${r.invoiceId} → ${r.documentId} ${r.created ? "created" : "existed"}${r.submitted ? ", submitted" : ""}`,
    );
  }
} else if (command === "receive") {
  const secret = process.env.DOCSTATE_WEBHOOK_SECRET;
  if (!secret) throw new Error("set DOCSTATE_WEBHOOK_SECRET to the secret DocState signs webhooks with");
  const port = Number(argument ?? 4000);
  createExtractionReceiver({ client, secret }).listen(port, () => console.log(`extraction receiver on :${port}`));
} else {
  console.error("usage: main.ts feed <invoices.csv> | main.ts receive [port]");
  process.exitCode = 2;
}
