import type { Page } from "@playwright/test";
import { expectAccessible } from "../accessibility";
import { countsBy, expect, test } from "../fixtures";

/** Rows of the documents table across every page, following "Next page" like a person. */
async function countRowsAcrossPages(page: Page): Promise<{ rows: number; pages: number }> {
  let rows = 0;
  let pages = 0;
  for (;;) {
    pages += 1;
    // Client navigation shows the loading skeleton first; count only the rendered list.
    await expect(page.getByRole("status", { name: "Loading" })).toHaveCount(0);
    await expect(page.getByTestId("documents-total")).toBeVisible();
    const onPage = await page.getByRole("table").getByRole("rowheader").count();
    expect(onPage).toBeLessThanOrEqual(50);
    rows += onPage;
    const next = page.getByRole("link", { name: "Next page" });
    if ((await next.count()) === 0) return { rows, pages };
    expect(onPage).toBe(50);
    const url = page.url();
    await next.click();
    await expect(page).not.toHaveURL(url);
  }
}

test("each dashboard count matches the database and opens exactly those documents", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const viewer = await createUser("viewer");
  const invoiceCounts = await countsBy(
    db,
    `SELECT d.state AS key, count(*) AS count FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId" WHERE w.key = $1 GROUP BY d.state`,
    ["invoice-processing"],
  );
  await signIn(page, viewer);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  const card = page.getByRole("region", { name: "Invoice processing" });
  await expect(card).toBeVisible();
  // Every state of the published definition is listed with the database's count (0 if none).
  const links = card.getByRole("link", { name: /: \d[\d,]* documents?$/ });
  await expect(links).toHaveCount(8);
  for (const link of await links.all()) {
    const state = (await link.getAttribute("data-state"))!;
    const shown = Number(await link.getAttribute("data-count"));
    expect(shown, state).toBe(invoiceCounts.get(state) ?? 0);
    expect(await link.getAttribute("href")).toBe(`/documents?workflow=invoice-processing&state=${state}`);
  }
  // The page with the most colours: checked in both themes (the rest of the story runs dark).
  await expectAccessible(page, {
    name: "dashboard",
    alsoInDark: (p) =>
      expect(p.getByRole("region", { name: "Invoice processing" }).getByRole("link")).not.toHaveCount(0),
  });

  // The error state stands out, and its count opens exactly those documents.
  const failed = invoiceCounts.get("extraction_failed") ?? 0;
  expect(failed, "the demo seed leaves some invoices in extraction_failed").toBeGreaterThan(0);
  await expect(card.getByText(`${failed} document${failed === 1 ? "" : "s"} in error`)).toBeVisible();
  await card.getByRole("link", { name: `Extraction failed: ${failed} document${failed === 1 ? "" : "s"}` }).click();
  await expect(page).toHaveURL(/\/documents\?workflow=invoice-processing&state=extraction_failed$/);
  await expect(page.getByTestId("documents-total")).toContainText(`${failed} document`);
  const errored = await countRowsAcrossPages(page);
  expect(errored.rows).toBe(failed);
  if (errored.pages === 1)
    await expect(page.getByRole("table").getByText("Extraction failed", { exact: true })).toHaveCount(failed);

  // The largest state spans several pages; following "Next page" yields exactly its count.
  const [bigState, bigCount] = [...invoiceCounts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  expect(bigCount).toBeGreaterThan(50);
  await page.goto("/");
  await card.locator(`a[data-state="${bigState}"]`).click();
  await expect(page).toHaveURL(new RegExp(`state=${bigState}$`));
  const big = await countRowsAcrossPages(page);
  expect(big).toEqual({ rows: bigCount, pages: Math.ceil(bigCount / 50) });
});
