import { openDb } from "../../lib/db/client";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { expect, test } from "../fixtures";

/** The run's database URL (as e2e/fixtures.ts builds it). */
function runDatabaseUrl(): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/${process.env.E2E_DATABASE_NAME}`;
  return url.toString();
}

// The e2e server runs on PostgreSQL without an inline worker, so this spec does the worker's
// analytics job itself: fold the seeded demo history into the rollups.
test.beforeAll(async () => {
  const db = await openDb({ databaseUrl: runDatabaseUrl(), dataDir: "", poolSize: 2 });
  try {
    await foldAnalytics(db);
  } finally {
    await db.close();
  }
});

test("an operator opens the invoice workflow's analytics, finds the slowest state and opens its documents", async ({
  page,
  createUser,
  signIn,
}) => {
  const operator = await createUser("operator");
  await signIn(page, operator);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.locator('[data-workflow="invoice-processing"]').getByTestId("workflow-analytics").click();

  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  const dwell = page.getByTestId("analytics-dwell");
  const slowest = await dwell.getByTestId("slowest-state").textContent();
  expect(slowest).toBeTruthy();
  // The table lists states slowest first: its first row is the state named slowest.
  const firstRow = dwell.locator("tbody tr").first();
  await expect(firstRow.locator("td").first()).toContainText(slowest!);
  const state = await firstRow.getAttribute("data-state");
  // The time axis steps in round amounts ("12h", "1d", "1d 12h"), each label on one line
  // (decimal ticks gave "16h 40m", which wrapped into two).
  const axisTicks = dwell
    .getByTestId("dwell-chart")
    .locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value");
  await expect(axisTicks.first()).toBeVisible();
  const tickLabels = await axisTicks.allTextContents();
  expect(tickLabels.length).toBeGreaterThanOrEqual(2);
  for (const label of tickLabels) expect(label).toMatch(/^(0 ms|\d+[smhd]( (15m|30m|45m|6h|12h|18h))?)$/);
  for (const tick of await axisTicks.all()) await expect(tick.locator("tspan")).toHaveCount(1);
  await expect(page.getByTestId("analytics-throughput")).toBeVisible();
  await expect(page.getByTestId("analytics-actions").locator("tbody tr").first()).toBeVisible();
  // Analytics per person are for admins only.
  await expect(page.getByTestId("analytics-people")).toHaveCount(0);
  await page.screenshot({ path: "/tmp/analytics-light.png", fullPage: true });

  // The app's theme lives in localStorage (the sidebar's toggle); the page reloads dark.
  await page.evaluate(() => localStorage.setItem("docstate-theme", "dark"));
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(dwell.getByTestId("dwell-chart").locator(`rect[data-state="${state}"]`).first()).toBeVisible();
  await page.screenshot({ path: "/tmp/analytics-dark.png", fullPage: true });
  await page.evaluate(() => localStorage.setItem("docstate-theme", "light"));
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);

  // Each state has a median and a p90 bar; the first is the slowest state's median.
  await dwell.locator(`rect[data-state="${state}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/documents\\?workflow=invoice-processing&state=${state}$`));
  await expect(page.getByTestId("documents-total")).toBeVisible();
});

test("a period in the future is refused with the allowed range, and the 24 h view loads", async ({
  page,
  createUser,
  signIn,
}) => {
  const viewer = await createUser("viewer");
  await signIn(page, viewer);
  await page.goto("/workflows/invoice-processing/analytics?period=custom&from=2999-01-01&to=2999-01-02");
  await expect(page.getByText("The period starts in the future.")).toBeVisible();
  await page.getByRole("link", { name: "24 h" }).click();
  await expect(page.getByRole("link", { name: "24 h" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("analytics-dwell")).toBeVisible();
});

test("an admin also sees transitions and time to act per person", async ({ page, createUser, signIn }) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  await page.goto("/workflows/invoice-processing/analytics?period=30d");
  const people = page.getByTestId("analytics-people");
  await expect(people.getByRole("cell", { name: "demo@docstate.local" })).toBeVisible();
  await expect(people.getByRole("cell", { name: "worker" }).first()).toBeVisible();
});
