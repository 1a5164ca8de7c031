import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import type pg from "pg";
import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

/*
 * Bulk actions as an admin does them: select a page of documents, preview, run, watch the
 * progress and read the refusals. Each test builds its own workflow through the API so its
 * numbers are exact and the demo data other specs count stays untouched.
 */

const DEFINITION = {
  states: [
    { key: "draft", label: "Draft", kind: "initial" },
    { key: "review", label: "In review", kind: "normal" },
    { key: "approved", label: "Approved", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", label: "Submit", from: ["draft"], to: "review" },
    {
      key: "approve",
      label: "Approve",
      from: ["review"],
      to: "approved",
      guard: { jsonSchema: { type: "object", required: ["invoiceNumber"] } },
    },
  ],
};

async function adminToken(db: pg.Pool): Promise<string> {
  const token = `ds_${randomBytes(32).toString("base64url")}`;
  await db.query(
    `INSERT INTO "ApiToken" ("id", "name", "tokenHash", "prefix", "role") VALUES ($1, 'bulk e2e', $2, $3, 'ADMIN')`,
    [randomUUID(), createHash("sha256").update(token).digest("hex"), token.slice(0, 10)],
  );
  return token;
}

/** A published workflow with `inReview` documents in review and `inDraft` still in draft. */
async function workflowWithDocuments(
  request: APIRequestContext,
  token: string,
  counts: { inReview: number; inDraft: number },
): Promise<string> {
  const headers = { authorization: `Bearer ${token}` };
  const key = `bulk-${Date.now().toString(36)}`;
  expect(
    (
      await request.post("/api/v1/workflows", { headers, data: { key, name: `Bulk ${key}`, definition: DEFINITION } })
    ).status(),
  ).toBe(201);
  expect((await request.post(`/api/v1/workflows/${key}/publish`, { headers, data: {} })).ok()).toBe(true);
  for (let i = 0; i < counts.inReview + counts.inDraft; i += 1) {
    const created = await request.post("/api/v1/documents", {
      headers,
      data: { workflow: key, title: `Bulk doc ${String(i).padStart(2, "0")}` },
    });
    const { id } = await created.json();
    if (i < counts.inReview)
      await request.post(`/api/v1/documents/${id}/transitions`, { headers, data: { transition: "submit" } });
  }
  return key;
}

test("an admin moves 50 documents in bulk: dry run, live progress, and the refused ones listed with their reason", async ({
  page,
  request,
  db,
  createUser,
  signIn,
}) => {
  const key = await workflowWithDocuments(request, await adminToken(db), { inReview: 46, inDraft: 4 });
  await signIn(page, await createUser("admin"));
  await page.goto(`/documents?workflow=${key}`);
  await expect(page.getByTestId("documents-total")).toContainText("50 documents");

  await page.getByRole("checkbox", { name: "Select all documents on this page" }).check();
  await expect(page.getByTestId("selection-summary")).toHaveText("50 selected");
  await page.getByRole("button", { name: "Bulk action…" }).click();

  const dialog = page.getByRole("dialog", { name: "Bulk action" });
  await dialog.getByRole("radio", { name: "Move to a state" }).check();
  await dialog.getByRole("combobox", { name: "Move to state" }).selectOption({ label: "Draft" });
  // A move without a reason is refused at the reason field, before anything is sent.
  await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Say why; it is recorded in every document's history.");
  await dialog.getByLabel(/Reason/).fill("Supplier re-sent the batch");
  await dialog.getByLabel(/Speed limit/).fill("10");
  await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(dialog.getByTestId("bulk-preview-summary")).toHaveText(
    "46 of 50 documents would change; 4 would be refused:",
  );
  await expect(dialog.getByText("ALREADY_IN_STATE")).toBeVisible();
  expect(Number((await db.query(`SELECT count(*) FROM "BulkOperation"`)).rows[0].count)).toBe(0);

  await dialog.getByRole("button", { name: "Run: change 46, report 4 refused" }).click();
  await expect(page).toHaveURL(/\/documents\/bulk\/[0-9a-f-]{36}$/);
  const progress = page.getByRole("progressbar", { name: "Documents processed" });
  // At 10 documents a second the bar is seen part-way, then full.
  await expect
    .poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 15_000, intervals: [200] })
    .toBeGreaterThan(0);
  expect(Number(await progress.getAttribute("aria-valuenow"))).toBeLessThan(50);
  await expect(page.getByTestId("bulk-status")).toHaveText("completed", { timeout: 30_000 });
  await expect(progress).toHaveAttribute("aria-valuenow", "50");
  await expect(page.getByTestId("bulk-counts")).toContainText("Succeeded 46");
  await expect(page.getByTestId("bulk-counts")).toContainText("Failed 4");

  const failed = page.getByTestId("bulk-results").getByRole("listitem");
  await expect(failed).toHaveCount(4);
  await expect(failed.first()).toContainText('Already in state "draft"');
  await expectAccessible(page, { name: "bulk operation" });

  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE d.state = 'draft')::int AS "inDraft",
            (SELECT count(*)::int FROM "HistoryEvent" e JOIN "Document" x ON x.id = e."documentId" JOIN "Workflow" y ON y.id = x."workflowId"
              WHERE y.key = $1 AND e.type = 'FORCED_MOVE' AND e.reason = 'Supplier re-sent the batch') AS "moves"
       FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId" WHERE w.key = $1`,
    [key],
  );
  expect(rows[0]).toEqual({ inDraft: 50, moves: 46 });
});

test("an operator approves everything a filter matches, cancels half-way, and a viewer cannot select", async ({
  page,
  browser,
  request,
  db,
  createUser,
  signIn,
}) => {
  const key = await workflowWithDocuments(request, await adminToken(db), { inReview: 60, inDraft: 0 });
  await db.query(
    `UPDATE "Document" d SET metadata = '{"invoiceNumber": "X"}' FROM "Workflow" w WHERE w.id = d."workflowId" AND w.key = $1`,
    [key],
  );
  await signIn(page, await createUser("operator"));
  await page.goto(`/documents?workflow=${key}&state=review`);
  await page.getByRole("checkbox", { name: "Select all documents on this page" }).check();
  await page.getByRole("button", { name: "Select all 60 matching this filter" }).click();
  await expect(page.getByTestId("selection-summary")).toHaveText("All 60 matching documents selected");
  await page.getByRole("button", { name: "Bulk action…" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk action" });
  await expect(dialog.getByRole("radio", { name: "Move to a state" })).toBeDisabled();
  await dialog.getByRole("combobox", { name: "Transition" }).selectOption({ label: "Approve → Approved" });
  await dialog.getByLabel(/Speed limit/).fill("2");
  await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(dialog.getByTestId("bulk-preview-summary")).toHaveText("60 of 60 documents would change.");
  await dialog.getByRole("button", { name: "Run on 60 documents" }).click();

  await expect(page.getByRole("progressbar", { name: "Documents processed" })).not.toHaveAttribute(
    "aria-valuenow",
    "0",
    { timeout: 15_000 },
  );
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("bulk-status")).toHaveText("cancelled", { timeout: 15_000 });
  const { rows } = await db.query(
    `SELECT b.succeeded, b.skipped, b.failed, (SELECT count(*)::int FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId" WHERE w.key = $1 AND d.state = 'approved') AS approved
       FROM "BulkOperation" b ORDER BY b."createdAt" DESC LIMIT 1`,
    [key],
  );
  expect(rows[0].failed).toBe(0);
  expect(rows[0].succeeded).toBeGreaterThan(0);
  expect(rows[0].succeeded + rows[0].skipped).toBe(60);
  expect(rows[0].approved).toBe(rows[0].succeeded);
  await page.getByRole("tab", { name: /Skipped/ }).click();
  await expect(page.getByTestId("bulk-results").getByRole("listitem").first()).toContainText("skipped");

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await signIn(viewerPage, await createUser("viewer"));
  await viewerPage.goto(`/documents?workflow=${key}`);
  await expect(viewerPage.getByRole("rowheader").first()).toBeVisible();
  await expect(viewerPage.getByRole("checkbox", { name: "Select all documents on this page" })).toHaveCount(0);
  await viewerContext.close();
});
