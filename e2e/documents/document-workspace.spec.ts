import type pg from "pg";
import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

/*
 * The document page as an operator uses it. Each story takes its own invoice in review
 * (picked by a different offset per test), so stories never fight over one document.
 */

async function invoiceInReview(
  db: pg.Pool,
  offset: number,
  withNumber = true,
): Promise<{ id: string; title: string; externalRef: string; version: number }> {
  const { rows } = await db.query(
    `SELECT d.id, d.title, d."externalRef", d.version FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId"
      WHERE w.key = 'invoice-processing' AND d.state = 'review' AND (d.metadata ? 'invoiceNumber') = $1
      ORDER BY d.id OFFSET $2 LIMIT 1`,
    [withNumber, offset],
  );
  if (!rows[0]) throw new Error("the demo seed has no such invoice in review");
  return rows[0];
}

async function eventTypes(db: pg.Pool, id: string): Promise<string[]> {
  const { rows } = await db.query(`SELECT type FROM "HistoryEvent" WHERE "documentId" = $1 ORDER BY seq`, [id]);
  return rows.map((r) => r.type as string);
}

test("an operator searches for an invoice, opens it, approves it and sees the timeline grow", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const doc = await invoiceInReview(db, 0);
  const before = await eventTypes(db, doc.id);
  await signIn(page, await createUser("operator"));
  await page.goto("/documents");

  await page.getByRole("searchbox").fill(doc.externalRef);
  await page.getByRole("searchbox").press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${doc.externalRef}`));
  await expect(page.getByRole("table").getByRole("rowheader")).toHaveCount(1);
  await page.getByRole("link", { name: doc.title }).click();

  await expect(page.getByRole("heading", { level: 1, name: doc.title })).toBeVisible();
  await expect(page.getByTestId("document-state")).toHaveText("In review");
  const timeline = page.getByRole("list", { name: "History" }).getByRole("listitem");
  await expect(timeline).toHaveCount(before.length);

  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByTestId("document-state")).toHaveText("Approved");
  await expect(timeline).toHaveCount(before.length + 1);
  await expect(timeline.first()).toContainText("In review → Approved");

  // The next step of the workflow is offered at once; the oldest-first toggle flips the list.
  await expect(page.getByRole("button", { name: "Mark as paid" })).toBeEnabled();
  await page.getByRole("button", { name: "Toggle order" }).click();
  await expect(timeline.last()).toContainText("In review → Approved");
  await expectAccessible(page, {
    name: "document detail",
    alsoInDark: (p) => expect(p.getByRole("button", { name: "Mark as paid" })).toBeEnabled(),
  });

  const { rows } = await db.query(`SELECT state, version FROM "Document" WHERE id = $1`, [doc.id]);
  expect(rows[0]).toEqual({ state: "approved", version: doc.version + 1 });
  expect(await eventTypes(db, doc.id)).toEqual([...before, "TRANSITION"]);
});

test("a blocked transition shows why, and a transition that needs a reason asks for one", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const doc = await invoiceInReview(db, 0, false);
  await signIn(page, await createUser("operator"));
  await page.goto(`/documents/${doc.id}`);

  const approve = page.getByRole("button", { name: "Approve", exact: true });
  await expect(approve).toBeDisabled();
  await expect(page.getByTestId("blocked-approve")).toContainText("invoiceNumber");
  await expect(page.getByTestId("blocked-cancel")).toContainText("Blocked by role");

  await page.getByRole("button", { name: "Send back to draft" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Send back to draft" }).click();
  await expect(dialog.getByRole("alert")).toContainText("needs a reason");
  await expectAccessible(page, { name: "document detail: blocked transitions and the reason dialog" });
  await dialog.getByLabel("Reason").fill("Invoice number missing, ask the supplier");
  await dialog.getByRole("button", { name: "Send back to draft" }).click();
  await expect(page.getByTestId("document-state")).toHaveText("Draft");
  await expect(page.getByRole("list", { name: "History" }).getByRole("listitem").first()).toContainText(
    "Invoice number missing, ask the supplier",
  );

  const { rows } = await db.query(
    `SELECT reason FROM "HistoryEvent" WHERE "documentId" = $1 ORDER BY seq DESC LIMIT 1`,
    [doc.id],
  );
  expect(rows[0].reason).toBe("Invoice number missing, ask the supplier");
});

test("a page loaded before someone else's change says so instead of overwriting", async ({
  page,
  context,
  createUser,
  signIn,
  db,
}) => {
  const doc = await invoiceInReview(db, 1);
  await signIn(page, await createUser("operator"));
  await page.goto(`/documents/${doc.id}`);
  const otherTab = await context.newPage();
  await otherTab.goto(`/documents/${doc.id}`);

  await otherTab.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(otherTab.getByTestId("document-state")).toHaveText("Approved");

  // The first tab still shows "In review": its Send back is refused as stale.
  await page.getByRole("button", { name: "Send back to draft" }).click();
  await page.getByRole("dialog").getByLabel("Reason").fill("late second opinion");
  await page.getByRole("dialog").getByRole("button", { name: "Send back to draft" }).click();
  const banner = page.getByRole("alert").filter({ hasText: "This document changed since you loaded it" });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByTestId("document-state")).toHaveText("Approved");
  await expect(banner).toHaveCount(0);

  const { rows } = await db.query(`SELECT state FROM "Document" WHERE id = $1`, [doc.id]);
  expect(rows[0].state).toBe("approved");
  expect((await eventTypes(db, doc.id)).filter((t) => t === "TRANSITION").length).toBeGreaterThan(0);
  const { rows: reasons } = await db.query(
    `SELECT count(*)::int AS n FROM "HistoryEvent" WHERE "documentId" = $1 AND reason = 'late second opinion'`,
    [doc.id],
  );
  expect(reasons[0].n).toBe(0);
});

test("an open document page notices a change made elsewhere by itself, within seconds", async ({
  page,
  context,
  createUser,
  signIn,
  db,
}) => {
  const doc = await invoiceInReview(db, 3);
  await signIn(page, await createUser("operator"));
  await page.goto(`/documents/${doc.id}`);
  const banner = page.getByRole("alert").filter({ hasText: "This document changed since you loaded it" });
  await expect(banner).toHaveCount(0);
  const otherTab = await context.newPage();
  await otherTab.goto(`/documents/${doc.id}`);
  await otherTab.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(otherTab.getByTestId("document-state")).toHaveText("Approved");
  // No click on the first page: its watcher sees the newer version and says so.
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("document-state")).toHaveText("In review");
  await banner.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByTestId("document-state")).toHaveText("Approved");
});

test("an admin edits metadata with validation and moves a document by hand with a reason", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const doc = await invoiceInReview(db, 2);
  await signIn(page, await createUser("admin"));
  await page.goto(`/documents/${doc.id}`);

  const metadata = page.getByRole("region", { name: "Metadata" });
  await metadata.getByRole("button", { name: "Edit" }).click();
  const editor = metadata.getByLabel("Metadata JSON");
  await editor.fill("{ not json");
  await expect(metadata.getByRole("status")).toContainText("Not valid JSON");
  await expect(metadata.getByRole("button", { name: "Save metadata" })).toBeDisabled();
  await editor.fill(JSON.stringify({ vendor: "Acme", amount: 10, invoiceNumber: "INV-X", checkedBy: "e2e" }));
  await metadata.getByRole("button", { name: "Save metadata" }).click();
  await expect(metadata.getByText("checkedBy")).toBeVisible();

  const move = page.getByRole("region", { name: "Move by hand" });
  await move.getByLabel("Target state").selectOption({ label: "Paid" });
  await move.getByRole("button", { name: "Move…" }).click();
  await expect(move.getByRole("alert")).toContainText("reason is required");
  await move.getByLabel("Reason").fill("Paid outside the system");
  await move.getByRole("button", { name: "Move…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("from In review to Paid");
  await dialog.getByRole("button", { name: "Move document" }).click();
  await expect(page.getByTestId("document-state")).toHaveText("Paid");
  await expect(page.getByRole("list", { name: "History" }).getByRole("listitem").first()).toContainText(
    "Moved by admin",
  );

  const { rows } = await db.query(`SELECT state, metadata->>'checkedBy' AS "checkedBy" FROM "Document" WHERE id = $1`, [
    doc.id,
  ]);
  expect(rows[0]).toEqual({ state: "paid", checkedBy: "e2e" });
  expect((await eventTypes(db, doc.id)).slice(-2)).toEqual(["METADATA_UPDATED", "FORCED_MOVE"]);
});
