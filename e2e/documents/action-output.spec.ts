import type pg from "pg";
import { expect, test } from "../fixtures";
import {
  createWorkflowInUi,
  draftDefinition,
  expectSaved,
  stateNode,
  uniqueWorkflowName,
} from "../designer/designer-helpers";

/*
 * Action output as a user meets it: an admin maps where a webhook's answer goes (and makes
 * the action wait for a callback) in the designer; an operator completes a stuck extraction
 * by hand, handing in the extracted fields, and the document page shows which fields came
 * from which action. No worker runs in the e2e server, so a retried action waits for the person.
 */

/** An invoice the demo seed left in "Extraction failed", past those other specs take. */
async function failedExtraction(db: pg.Pool): Promise<string> {
  const { rows } = await db.query(
    `SELECT d.id FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId" JOIN "Job" j ON j."documentId" = d.id
      WHERE w.key = 'invoice-processing' AND d.state = 'extraction_failed' AND j.status = 'EXHAUSTED' AND j.state = 'extract'
      ORDER BY d."createdAt" DESC LIMIT 1`,
  );
  if (rows.length === 0) throw new Error("the demo seed has no failed extraction");
  return (rows[0] as { id: string }).id;
}

test("an admin maps a webhook's output and makes it wait for a callback; mistakes stay at the field", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  await signIn(page, await createUser("admin"));
  const { name, key } = uniqueWorkflowName("Output");
  await createWorkflowInUi(page, name, "Invoice processing");
  await stateNode(page, "extract").click();
  const inspector = page.getByLabel("State inspector");

  const into = inspector.getByLabel("Output into metadata at");
  await into.fill("extracted");
  await expect(page.locator("#state-output-into-error")).toContainText("JSON Pointer");
  await into.fill("/extracted");
  const schema = inspector.getByLabel("Output schema (JSON Schema)");
  await schema.fill('{"required": ["invoiceNumber"');
  await expect(inspector.getByRole("alert")).toContainText("Not valid JSON");
  await schema.fill('{"required": ["invoiceNumber", "amount"]}');
  await inspector.getByLabel("Completion").selectOption("callback");
  const wait = inspector.getByLabel("Wait for the callback (seconds)");
  await wait.fill("0");
  await expect(page.locator("#state-callback-timeout-error")).toContainText("Between 1 and 31,536,000");
  await wait.fill("3600");
  await expectSaved(page);
  await inspector.screenshot({ path: "/tmp/output-inspector.png" });

  const [draft] = await draftDefinition(db, key);
  const extract = (draft!.definition.states as unknown as { key: string; action?: Record<string, unknown> }[]).find(
    (s) => s.key === "extract",
  );
  expect(extract?.action).toMatchObject({
    mode: "callback",
    callbackTimeoutSeconds: 3600,
    output: { into: "/extracted", schema: { required: ["invoiceNumber", "amount"] } },
  });
});

test("an operator completes an extraction by hand with its fields; the page shows they came from the action", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const id = await failedExtraction(db);
  await signIn(page, await createUser("operator"));
  await page.goto(`/documents/${id}`);
  const panel = page.getByRole("region", { name: "Automated action" });
  await panel.getByRole("button", { name: "Retry now" }).click();
  await expect(page.getByTestId("document-state")).toHaveText("Extracting data");

  await panel.getByRole("button", { name: "Complete or fail by hand…" }).click();
  await panel.getByLabel("Why settle the action by hand? Kept in the history.").fill("Read the scan myself");
  const output = panel.getByLabel(/Output for/);
  // Output that misses a field the action's output schema requires: refused, nothing moves.
  await output.fill('{"invoiceNumber": "INV-2026-77777"}');
  await panel.getByRole("button", { name: "Complete action" }).click();
  await expect(panel.getByRole("alert")).toContainText("/amount is required");
  await expect(page.getByTestId("document-state")).toHaveText("Extracting data");

  await output.fill('{"invoiceNumber": "INV-2026-77777", "amount": 410.25, "currency": "EUR"}');
  await panel.getByRole("button", { name: "Complete action" }).click();
  await expect(page.getByTestId("document-state")).toHaveText("In review");
  const fields = page.getByRole("region", { name: "Fields from actions" });
  await expect(fields).toContainText("/extracted");
  await expect(fields).toContainText("from Extracting data");
  await expect(fields).toContainText("amount, currency, invoiceNumber");
  await expect(page.getByRole("list", { name: "History" })).toContainText("Action output");
  await page.screenshot({ path: "/tmp/output-document-page.png", fullPage: true });

  const { rows } = await db.query(`SELECT metadata FROM "Document" WHERE id = $1`, [id]);
  expect(rows[0].metadata.extracted).toEqual({ invoiceNumber: "INV-2026-77777", amount: 410.25, currency: "EUR" });
});
