import { mkdirSync } from "node:fs";
import { test } from "../fixtures";

// Not a check: renders the documents screens for a person to look at (SHOTS=1 to run).
test.skip(!process.env.SHOTS, "screenshots only with SHOTS=1");

test("documents screens in light and dark", async ({ page, createUser, signIn, db }) => {
  mkdirSync("/tmp/shots-documents", { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, await createUser("ADMIN"));
  const { rows } = await db.query(
    `SELECT d.id FROM "Document" d JOIN "Job" j ON j."documentId" = d.id ORDER BY j.attempt DESC LIMIT 1`,
  );
  const { rows: review } = await db.query(
    `SELECT id FROM "Document" WHERE state = 'review' ORDER BY id LIMIT 1 OFFSET 5`,
  );
  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => localStorage.setItem("docstate-theme", t), theme);
    await page.goto("/documents?workflow=invoice-processing");
    await page.evaluate((t) => document.documentElement.classList.toggle("dark", t === "dark"), theme);
    await page.screenshot({ path: `/tmp/shots-documents/list-${theme}.png` });
    await page.goto("/documents?q=zzzz-nothing");
    await page.evaluate((t) => document.documentElement.classList.toggle("dark", t === "dark"), theme);
    await page.screenshot({ path: `/tmp/shots-documents/empty-${theme}.png` });
    for (const [name, id] of [
      ["detail-job", rows[0]?.id],
      ["detail-review", review[0]?.id],
    ]) {
      if (!id) continue;
      await page.goto(`/documents/${id}`);
      await page.evaluate((t) => document.documentElement.classList.toggle("dark", t === "dark"), theme);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/shots-documents/${name}-${theme}.png`, fullPage: true });
    }
  }
});

test("bulk action screens in light and dark", async ({ page, createUser, signIn }) => {
  mkdirSync("/tmp/shots-documents", { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, await createUser("ADMIN"));
  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => localStorage.setItem("docstate-theme", t), theme);
    await page.goto("/documents?workflow=invoice-processing&state=review");
    await page.getByRole("checkbox", { name: "Select all documents on this page" }).check();
    await page.screenshot({ path: `/tmp/shots-documents/bulk-selection-${theme}.png` });
    await page.getByRole("button", { name: "Bulk action…" }).click();
    const dialog = page.getByRole("dialog", { name: "Bulk action" });
    await dialog.getByRole("combobox", { name: "Transition" }).selectOption({ label: "Approve → Approved" });
    await dialog.getByLabel(/Speed limit/).fill("3");
    await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
    await dialog.getByTestId("bulk-preview-summary").waitFor();
    await page.screenshot({ path: `/tmp/shots-documents/bulk-preview-${theme}.png` });
    await dialog.getByRole("button", { name: /^Run/ }).click();
    await page.waitForURL(/\/documents\/bulk\//);
    await page.waitForTimeout(4000);
    await page.screenshot({ path: `/tmp/shots-documents/bulk-progress-${theme}.png`, fullPage: true });
    await page
      .getByRole("button", { name: "Cancel" })
      .click()
      .catch(() => undefined);
    await page.goto("/documents/bulk");
    await page.screenshot({ path: `/tmp/shots-documents/bulk-list-${theme}.png` });
  }
});
