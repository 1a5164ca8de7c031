import { expect, test } from "../../e2e/fixtures";
import { open, settle, shotsDir, THEMES, chooseTheme } from "./shots";

test("documents screens in light and dark", async ({ page, createUser, signIn, db }) => {
  const dir = shotsDir("documents");
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, await createUser("admin"));
  const { rows } = await db.query(
    `SELECT d.id FROM "Document" d JOIN "Job" j ON j."documentId" = d.id ORDER BY j.attempt DESC LIMIT 1`,
  );
  const { rows: review } = await db.query(
    `SELECT id FROM "Document" WHERE state = 'review' ORDER BY id LIMIT 1 OFFSET 5`,
  );
  for (const theme of THEMES) {
    await chooseTheme(page, theme);
    await open(page, "/documents?workflow=invoice-processing");
    await page.screenshot({ path: `${dir}/list-${theme}.png` });
    await open(page, "/documents?q=zzzz-nothing");
    await page.screenshot({ path: `${dir}/empty-${theme}.png` });
    for (const [name, id] of [
      ["detail-job", rows[0]?.id],
      ["detail-review", review[0]?.id],
    ]) {
      if (!id) continue;
      await open(page, `/documents/${id}`);
      await page.screenshot({ path: `${dir}/${name}-${theme}.png`, fullPage: true });
    }
  }
});

test("bulk action screens in light and dark", async ({ page, createUser, signIn }) => {
  const dir = shotsDir("documents");
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, await createUser("admin"));
  for (const theme of THEMES) {
    await chooseTheme(page, theme);
    await open(page, "/documents?workflow=invoice-processing&state=review");
    await page.getByRole("checkbox", { name: "Select all documents on this page" }).check();
    await page.screenshot({ path: `${dir}/bulk-selection-${theme}.png` });
    await page.getByRole("button", { name: "Bulk action…" }).click();
    const dialog = page.getByRole("dialog", { name: "Bulk action" });
    await dialog.getByRole("combobox", { name: "Transition" }).selectOption({ label: "Approve → Approved" });
    await dialog.getByLabel(/Speed limit/).fill("3");
    await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
    await dialog.getByTestId("bulk-preview-summary").waitFor();
    await page.screenshot({ path: `${dir}/bulk-preview-${theme}.png` });
    await dialog.getByRole("button", { name: /^Run/ }).click();
    await page.waitForURL(/\/documents\/bulk\//);
    // A few documents in, so the bar, the speed and the time left all show.
    const progress = page.getByRole("progressbar", { name: "Documents processed" });
    await expect
      .poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 15_000 })
      .toBeGreaterThan(5);
    await settle(page);
    await page.screenshot({ path: `${dir}/bulk-progress-${theme}.png`, fullPage: true });
    const cancel = page.getByRole("button", { name: "Cancel", exact: true });
    if (await cancel.isVisible()) await cancel.click();
    await open(page, "/documents/bulk");
    await page.screenshot({ path: `${dir}/bulk-list-${theme}.png` });
  }
});
