import type { Page } from "@playwright/test";
import type pg from "pg";
import { openDb } from "../../lib/db/client";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { expect, runDatabaseUrl, test } from "../fixtures";

/*
 * From a number on the analytics to the documents behind it: a Sankey band and a top path
 * open the documents list filtered to exactly the documents that took them in the period;
 * and the designer's monitor shows the same analytics on the graph (edge width, p90 ring).
 */

const WORKFLOW = "invoice-processing";

// The e2e server runs without an inline worker: fold the seeded history into the rollups here.
test.beforeAll(async () => {
  const db = await openDb({ databaseUrl: runDatabaseUrl(), dataDir: "", poolSize: 2 });
  try {
    await foldAnalytics(db);
  } finally {
    await db.close();
  }
});

/** The ids of the documents the list shows (its title links). */
async function listedIds(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('table a[href^="/documents/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  return hrefs.map((href) => href.split("/").pop()!).sort();
}

/** Documents of the workflow with an entering event from→to in [from, to), straight from the history. */
async function documentsThatTook(db: pg.Pool, took: string, from: string, to: string): Promise<string[]> {
  const [fromState, toState] = took.split(">");
  const { rows } = await db.query<{ id: string }>(
    `SELECT DISTINCT h."documentId" AS id FROM "HistoryEvent" h
       JOIN "Document" d ON d.id = h."documentId" JOIN "Workflow" w ON w.id = d."workflowId"
      WHERE w.key = $1 AND h."toState" = $2 AND h."fromState" IS NOT DISTINCT FROM $3
        AND h.type IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'MIGRATED')
        AND h.at >= $4 AND h.at < $5`,
    [WORKFLOW, toState, fromState || null, from, to],
  );
  return rows.map((r) => r.id).sort();
}

async function setTheme(page: Page, theme: "light" | "dark") {
  await page.evaluate((value) => localStorage.setItem("docstate-theme", value), theme);
  await page.reload();
  if (theme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  else await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
}

test("an operator clicks a Sankey band and a top path and lands on exactly the documents that took them", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const operator = await createUser("operator");
  await signIn(page, operator);
  await page.goto(`/workflows/${WORKFLOW}/analytics?period=30d`);
  const flow = page.getByTestId("analytics-flow");
  const bands = flow.getByTestId("sankey-link");
  await expect(bands.first()).toBeVisible();
  await page.screenshot({ path: "/tmp/anaui-analytics-light.png", fullPage: true });
  await setTheme(page, "dark");
  await expect(bands.first()).toBeVisible();
  await page.screenshot({ path: "/tmp/anaui-analytics-dark.png", fullPage: true });
  await flow.screenshot({ path: "/tmp/anaui-flow-dark.png" });
  await setTheme(page, "light");

  // The band into review (extracted invoices): documents went there from extract.
  const band = flow.locator('[data-testid="sankey-link"][data-took="extract>review"]');
  await expect(band).toHaveCount(1);
  await band.hover();
  await flow.screenshot({ path: "/tmp/anaui-sankey-hover.png" });
  await band.click();
  await expect(page).toHaveURL(/\/documents\?workflow=invoice-processing&took=extract%3Ereview&tookFrom=.+&tookTo=.+/);
  const url = new URL(page.url());
  const expected = await documentsThatTook(
    db,
    "extract>review",
    url.searchParams.get("tookFrom")!,
    url.searchParams.get("tookTo")!,
  );
  expect(expected.length).toBeGreaterThan(0);
  const chip = page.getByTestId("filter-chip-took");
  await expect(chip).toContainText("Took extract → review");
  const shown = await listedIds(page);
  expect(shown.length).toBe(Math.min(expected.length, 50));
  expect(shown.every((id) => expected.includes(id))).toBe(true);
  await page.screenshot({ path: "/tmp/anaui-documents-took.png" });
  await setTheme(page, "dark");
  await expect(chip).toBeVisible();
  await page.screenshot({ path: "/tmp/anaui-documents-took-dark.png" });
  await setTheme(page, "light");

  // The chip is removable: the list is the whole workflow again.
  await chip.getByRole("button", { name: "Remove the step filter" }).click();
  await expect(page).toHaveURL(/\/documents\?workflow=invoice-processing$/);
  await expect(page.getByTestId("filter-chip-took")).toHaveCount(0);

  // A top path opens the documents that completed by it: as many as the path counts.
  await page.goto(`/workflows/${WORKFLOW}/analytics?period=30d`);
  const top = page.getByTestId("top-path").first();
  const count = Number(await top.locator("td").nth(1).textContent());
  await top.getByRole("link").click();
  await expect(page).toHaveURL(/\/documents\?workflow=invoice-processing&path=.+&tookFrom=/);
  await expect(page.getByTestId("filter-chip-path")).toBeVisible();
  expect((await listedIds(page)).length).toBe(Math.min(count, 50));
});

test("the monitor's analytics layer thickens taken edges and shows a state's p90 on hover", async ({
  page,
  createUser,
  signIn,
}) => {
  const operator = await createUser("operator");
  await signIn(page, operator);
  await page.goto(`/workflows/${WORKFLOW}?mode=monitor`);
  await expect(page.getByTestId("monitor-node-review")).toHaveAttribute("data-count", /\d+/);
  await page.getByRole("button", { name: "Analytics layer" }).click();
  await page.getByRole("radio", { name: "30 days" }).click();
  await expect(page.getByRole("radio", { name: "30 days" })).toHaveAttribute("aria-checked", "true");

  // Review has a 2-day SLA: its ring says where its p90 stands.
  const review = page.getByTestId("monitor-node-review");
  await expect(review).toHaveAttribute("data-standing", /^(within|near|over)$/);
  await expect(review.getByTestId("monitor-p90")).toContainText("p90");
  // The most taken edge is the widest.
  const extracted = page.getByTestId("edge-label-extracted");
  await expect(extracted).toHaveAttribute("data-taken", /^[1-9]\d*$/);

  await review.hover();
  const tip = page.getByTestId("state-analytics-tip");
  await expect(tip).toBeVisible();
  await expect(tip).toContainText("In review");
  await expect(tip.getByTestId("tip-p90")).toHaveText(/\d/);
  await expect(tip.getByTestId("tip-sla")).toHaveText("2d");
  await page.screenshot({ path: "/tmp/anaui-monitor-light.png" });

  await setTheme(page, "dark");
  await page.getByRole("button", { name: "Analytics layer" }).click();
  await expect(review).toHaveAttribute("data-standing", /^(within|near|over)$/);
  await review.hover();
  await expect(page.getByTestId("state-analytics-tip")).toBeVisible();
  await page.screenshot({ path: "/tmp/anaui-monitor-dark.png" });
  await setTheme(page, "light");
});
