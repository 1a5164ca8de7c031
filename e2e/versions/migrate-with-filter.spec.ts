import { randomUUID } from "node:crypto";
import type { Locator } from "@playwright/test";
import { exampleInvoiceDefinition } from "../../lib/engine/examples";
import { expect, test } from "../fixtures";

/**
 * An admin migrates parts of v1 with the Migrate wizard's document filter, the documents
 * list's criteria: search + state + over SLA, then error states + search, then pasted ids;
 * each dry run counts exactly the documents the filter matches, each run moves only those,
 * and the rest stay on v1.
 */
test("the Migrate wizard narrows the documents by search, state, SLA, errors and ids", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const key = `e2e-filter-${randomUUID().slice(0, 8)}`;
  const workflowId = randomUUID();
  const v1Id = randomUUID();
  // v2 is v1 without guards (same states: every state maps to itself).
  const v2 = {
    ...exampleInvoiceDefinition,
    transitions: exampleInvoiceDefinition.transitions.map((t) => ({ ...t, guard: undefined })),
  };
  await db.query(`INSERT INTO "Workflow" ("id", "key", "name", "updatedAt") VALUES ($1, $2, $3, now())`, [
    workflowId,
    key,
    `Invoices ${key.slice(-8)}`,
  ]);
  await db.query(
    `INSERT INTO "WorkflowVersion" ("id", "workflowId", "version", "status", "definition", "publishedAt", "updatedAt")
     VALUES ($1, $2, 1, 'PUBLISHED', $3, now() - interval '1 day', now()), ($4, $2, 2, 'PUBLISHED', $5, now(), now())`,
    [v1Id, workflowId, JSON.stringify(exampleInvoiceDefinition), randomUUID(), JSON.stringify(v2)],
  );
  // review's SLA is 2 days: "3 days" is over it.
  const documents = [
    { title: "Urgent invoice 1", state: "review", days: 3 },
    { title: "Urgent invoice 2", state: "review", days: 0 },
    { title: "Urgent invoice 3", state: "approved", days: 0 },
    { title: "Invoice 4", state: "review", days: 3 },
    { title: "Urgent invoice 5", state: "extraction_failed", days: 0 },
    { title: "Invoice 6", state: "extraction_failed", days: 0 },
  ];
  const ids = new Map<string, string>();
  for (const d of documents) {
    const id = randomUUID();
    ids.set(d.title, id);
    await db.query(
      `INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "stateEnteredAt", "metadata")
       VALUES ($1, $2, $3, $4, $5, now() - make_interval(days => $6), '{"invoiceNumber": "N-1"}')`,
      [id, workflowId, v1Id, d.title, d.state, d.days],
    );
  }
  const onVersion2 = async () =>
    (
      await db.query(
        `SELECT d."title" FROM "Document" d JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId"
          WHERE d."workflowId" = $1 AND v."version" = 2 ORDER BY d."title"`,
        [workflowId],
      )
    ).rows.map((r) => r.title as string);

  await signIn(page, await createUser("admin"));
  await page.goto(`/workflows/${key}`);
  await page.getByRole("tab", { name: "Versions" }).click();
  const openWizard = async () => {
    await page.getByRole("button", { name: "Migrate v1 documents…" }).click();
    const wizard = page.getByRole("dialog", { name: "Migrate documents of v1" });
    await expect(wizard).toBeVisible();
    return wizard;
  };
  const runAndClose = async (wizard: Locator, count: number) => {
    await wizard.getByRole("button", { name: `Migrate ${count} document${count === 1 ? "" : "s"}` }).click();
    await expect(wizard.getByText(/completed/i).first()).toBeVisible({ timeout: 30_000 });
    await wizard.getByRole("button", { name: "Close" }).last().click();
    await expect(wizard).toBeHidden();
  };

  // 1. Search + state + over SLA: only "Urgent invoice 1".
  let wizard = await openWizard();
  await expect(wizard.getByTestId("migration-selection-summary")).toHaveText("All 6 documents on v1.");
  await wizard.getByLabel("Search", { exact: true }).fill("urgent");
  await wizard.getByRole("combobox", { name: "State", exact: true }).selectOption("review");
  await wizard.getByLabel("Over SLA").check();
  await wizard.getByRole("button", { name: "Dry run" }).click();
  await expect(wizard.getByTestId("migration-preview-summary")).toContainText("1 of 1 documents move from v1 to v2");
  await wizard.screenshot({ path: "/tmp/versions-wizard-filter.png" });
  await runAndClose(wizard, 1);
  expect(await onVersion2()).toEqual(["Urgent invoice 1"]);

  // 2. Error states: two; narrowed by a search after the dry run, the plan must be previewed again.
  wizard = await openWizard();
  await wizard.getByLabel("Errors only").check();
  await wizard.getByRole("button", { name: "Dry run" }).click();
  await expect(wizard.getByTestId("migration-preview-summary")).toContainText("2 of 2 documents move");
  await wizard.getByLabel("Search", { exact: true }).fill("urgent");
  await expect(wizard.getByRole("button", { name: /^Migrate \d/ })).toHaveCount(0);
  await wizard.getByRole("button", { name: "Dry run" }).click();
  await expect(wizard.getByTestId("migration-preview-summary")).toContainText("1 of 1 documents move");
  await runAndClose(wizard, 1);
  expect(await onVersion2()).toEqual(["Urgent invoice 1", "Urgent invoice 5"]);

  // 3. Pasted ids: a typo is named, then two listed documents move.
  wizard = await openWizard();
  await wizard.getByLabel("By document id").check();
  const idsBox = wizard.getByLabel("Document ids");
  await idsBox.fill(`${ids.get("Invoice 4")}\ninvoice-3`);
  await expect(wizard.getByRole("alert")).toHaveText("Not document ids: invoice-3.");
  await wizard.screenshot({ path: "/tmp/versions-wizard-ids.png" });
  await expect(wizard.getByRole("button", { name: "Dry run" })).toBeDisabled();
  await idsBox.fill(`${ids.get("Invoice 4")}\n${ids.get("Urgent invoice 3")}`);
  await expect(wizard.getByTestId("migration-selection-summary")).toHaveText("2 listed");
  await wizard.getByRole("button", { name: "Dry run" }).click();
  await expect(wizard.getByTestId("migration-preview-summary")).toContainText("2 of 2 documents move");
  await runAndClose(wizard, 2);
  expect(await onVersion2()).toEqual(["Invoice 4", "Urgent invoice 1", "Urgent invoice 3", "Urgent invoice 5"]);
  await expect(page.getByTestId("version-documents-1")).toHaveText("2 docs", { timeout: 15_000 });
});
