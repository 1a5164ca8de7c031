import { randomUUID } from "node:crypto";
import { exampleInvoiceDefinition } from "../../lib/engine/examples";
import { expect, test } from "../fixtures";

/**
 * An admin publishes v2 of the invoice workflow, which drops the "cancelled" state, migrates
 * the v1 documents still running with the wizard (mapping "cancelled" by hand, dry run
 * first), and watches v1 drain to zero. A copy of the demo workflow under its own key, so
 * other specs keep the seeded one as it is.
 */
test("publish v2 without a state, migrate the v1 documents with the wizard, watch v1 drain", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const key = `e2e-invoice-${randomUUID().slice(0, 8)}`;
  const v2 = {
    ...exampleInvoiceDefinition,
    states: exampleInvoiceDefinition.states.filter((s) => s.key !== "cancelled"),
    // Without guards: the designer compiles guard schemas in the browser, which the CSP's
    // script-src refuses today (ajv generates code), so a draft with a guard shows a problem.
    transitions: exampleInvoiceDefinition.transitions
      .filter((t) => t.to !== "cancelled")
      .map((t) => ({ ...t, guard: undefined })),
    layout: Object.fromEntries(
      Object.entries(exampleInvoiceDefinition.layout ?? {}).filter(([k]) => k !== "cancelled"),
    ),
  };
  const workflowId = randomUUID();
  const v1Id = randomUUID();
  await db.query(`INSERT INTO "Workflow" ("id", "key", "name", "updatedAt") VALUES ($1, $2, $3, now())`, [
    workflowId,
    key,
    `Invoices ${key.slice(-8)}`,
  ]);
  await db.query(
    `INSERT INTO "WorkflowVersion" ("id", "workflowId", "version", "status", "definition", "publishedAt", "updatedAt")
     VALUES ($1, $2, 1, 'PUBLISHED', $3, now(), now()), ($4, $2, 2, 'DRAFT', $5, NULL, now())`,
    [v1Id, workflowId, JSON.stringify(exampleInvoiceDefinition), randomUUID(), JSON.stringify(v2)],
  );
  // Seven running v1 documents: five in review, two cancelled (a state v2 no longer has).
  const states = ["review", "review", "review", "review", "review", "cancelled", "cancelled"];
  for (const [i, state] of states.entries())
    await db.query(
      `INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "metadata")
       VALUES ($1, $2, $3, $4, $5, '{"invoiceNumber": "N-1"}')`,
      [randomUUID(), workflowId, v1Id, `Invoice ${i + 1}`, state],
    );

  await signIn(page, await createUser("admin"));
  await page.goto(`/workflows/${key}`);
  await page.getByRole("button", { name: "Publish" }).click();
  const publishDialog = page.getByRole("dialog", { name: "Publish version 2" });
  await expect(publishDialog.getByTestId("in-flight-1")).toContainText("7 documents stay on v1");
  await publishDialog.getByRole("button", { name: "Publish and migrate…" }).click();

  const wizard = page.getByRole("dialog", { name: "Migrate documents of v1" });
  await expect(wizard).toBeVisible();
  const cancelled = wizard.getByTestId("mapping-cancelled");
  await expect(cancelled).toHaveAttribute("data-unmapped", "true");
  await expect(wizard.getByRole("button", { name: "Dry run" })).toBeDisabled();
  await wizard.getByLabel("Target state for cancelled").selectOption("rejected");
  await expect(cancelled).not.toHaveAttribute("data-unmapped", "true");
  await wizard.getByLabel(/Reason/).fill("v2 drops the cancelled state");
  await wizard.getByRole("button", { name: "Dry run" }).click();
  await expect(wizard.getByTestId("migration-preview-summary")).toContainText("7 of 7 documents move from v1 to v2");
  await page.screenshot({ path: "/tmp/versions-wizard.png" });
  await wizard.getByRole("button", { name: "Migrate 7 documents" }).click();
  await expect(wizard.getByText(/completed/i).first()).toBeVisible({ timeout: 30_000 });
  await wizard.getByRole("button", { name: "Close" }).last().click();

  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(page.getByTestId("version-row-1").getByTestId("version-status-retired")).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByTestId("version-documents-1")).toHaveText("0 docs");
  await expect(page.getByTestId("version-documents-2")).toHaveText("7 docs");
  await page.screenshot({ path: "/tmp/versions-tab.png" });

  const moved = await db.query(
    `SELECT d."state", v."version", (SELECT count(*)::int FROM "HistoryEvent" h WHERE h."documentId" = d."id" AND h."type" = 'MIGRATED') AS migrated
       FROM "Document" d JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId" WHERE d."workflowId" = $1`,
    [workflowId],
  );
  expect(moved.rows.every((r) => r.version === 2 && r.migrated === 1)).toBe(true);
  expect(moved.rows.filter((r) => r.state === "rejected")).toHaveLength(2);
});
