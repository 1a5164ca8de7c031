import fs from "node:fs";
import path from "node:path";
import { expect, test, type Response } from "@playwright/test";

/*
 * The README's first command, as a newcomer meets it: the embedded default on a fresh data
 * dir (e2e/embedded-server.ts). They sign in with the generated password, must choose their
 * own, and then the app works on PGlite as it does on PostgreSQL: the dashboard keeps
 * refreshing itself (its poll once failed only here, with "prepared statement already exists")
 * and a document moved by hand shows in its timeline and on the open dashboard.
 */

const dataDir = process.env.E2E_EMBEDDED_DATA_DIR!;
const passwordFile = path.join(dataDir, "admin-password");

test("a newcomer signs in with the generated password, chooses their own, and the embedded app works", async ({
  page,
  context,
}, testInfo) => {
  const failures: string[] = [];
  const noteFailure = (response: Response) => {
    if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
  };
  context.on("response", noteFailure);

  // The first start wrote the generated password where the start-up banner says.
  await expect.poll(() => fs.existsSync(passwordFile), { message: passwordFile }).toBe(true);
  const generated = fs.readFileSync(passwordFile, "utf8").trim();
  expect(generated.length).toBeGreaterThanOrEqual(16);

  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("E-mail").fill("admin@docstate.local");
  await page.getByLabel("Password").fill(generated);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel("Current password").fill(generated);
  await page.getByLabel("New password", { exact: true }).fill("newcomers-own-Harbour-42");
  await page.getByLabel("Repeat new password").fill("newcomers-own-Harbour-42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  // The generated password is of no use any more, so its file is gone.
  expect(fs.existsSync(passwordFile)).toBe(false);

  // The demo data is there; the reimbursed count moves only by hand (no action leads there).
  const card = page.getByRole("region", { name: "Expense claims" });
  const reimbursed = card.locator('a[data-state="reimbursed"]');
  await expect(reimbursed).toHaveAttribute("data-count", /^\d+$/);
  const before = Number(await reimbursed.getAttribute("data-count"));
  await page.evaluate(() => Object.assign(window, { __dashboardNotReloaded: true }));

  // In a second tab, an expense claim in finance review is reimbursed by hand.
  const other = await context.newPage();
  await other.goto("/documents?workflow=expense-claims&state=finance_review");
  await other.getByRole("table").getByRole("rowheader").first().getByRole("link").click();
  await expect(other.getByTestId("document-state")).toHaveText("Finance review");
  await other.getByRole("button", { name: "Reimburse", exact: true }).click();
  await expect(other.getByTestId("document-state")).toHaveText("Reimbursed");
  await expect(other.getByRole("list", { name: "History" }).getByRole("listitem").first()).toContainText(
    "Finance review → Reimbursed",
  );
  await other.close();

  // The open dashboard's 5 s poll shows it, without a reload and without an error banner.
  await expect(reimbursed).toHaveAttribute("data-count", String(before + 1), { timeout: 20_000 });
  await expect(page.getByText("Could not refresh the numbers")).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __dashboardNotReloaded?: boolean }).__dashboardNotReloaded),
  ).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("embedded-dashboard.png"), fullPage: true });

  expect(failures).toEqual([]);
});
