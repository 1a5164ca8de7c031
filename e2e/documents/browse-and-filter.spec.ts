import { expectAccessible } from "../accessibility";
import { countsBy, expect, test } from "../fixtures";

test("a viewer browses documents newest first, filters by workflow and state, and pages through", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const viewer = await createUser("viewer");
  const total = Number((await db.query(`SELECT count(*) AS n FROM "Document"`)).rows[0].n);
  const newest = (await db.query(`SELECT title FROM "Document" ORDER BY "updatedAt" DESC, id DESC LIMIT 1`)).rows[0]
    .title as string;
  const expenseByState = await countsBy(
    db,
    `SELECT d.state AS key, count(*) AS count FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId" WHERE w.key = 'expense-claims' GROUP BY d.state`,
  );

  await signIn(page, viewer);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Documents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await expect(page.getByTestId("documents-total")).toContainText(`${total.toLocaleString("en-US")} documents`);
  const rowHeaders = page.getByRole("table").getByRole("rowheader");
  await expect(rowHeaders).toHaveCount(50);
  await expect(rowHeaders.first()).toHaveText(newest);
  for (const column of ["Title", "Workflow", "State", "Time in state", "Updated"]) {
    await expect(page.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  await expectAccessible(page, { name: "documents list" });

  // Page 2 starts where page 1 ended; "First page" goes back.
  const rowIds = () =>
    page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.documentId));
  const firstPageIds = await rowIds();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rowHeaders).toHaveCount(50);
  const secondPageIds = await rowIds();
  expect(secondPageIds.filter((id) => firstPageIds.includes(id))).toEqual([]);
  await page.getByRole("link", { name: "First page" }).click();
  await expect(page).not.toHaveURL(/cursor=/);

  // Filter to one workflow, then one of its states, with the pickers.
  await page.getByLabel("Workflow").selectOption({ label: "Expense claims" });
  await expect(page).toHaveURL(/\/documents\?workflow=expense-claims$/);
  const expenseTotal = [...expenseByState.values()].reduce((a, b) => a + b, 0);
  await expect(page.getByTestId("documents-total")).toContainText(`${expenseTotal} documents in Expense claims`);
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "Invoice processing" })).toHaveCount(0);

  const [state, count] = [...expenseByState.entries()].filter(([, n]) => n <= 50).sort((a, b) => b[1] - a[1])[0]!;
  await page.getByLabel("State").selectOption(state);
  await expect(page).toHaveURL(new RegExp(`workflow=expense-claims&state=${state}$`));
  await expect(rowHeaders).toHaveCount(count);
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
});

test("a mangled link explains itself instead of showing an empty list", async ({ page, createUser, signIn }) => {
  await signIn(page, await createUser("viewer"));
  await page.goto("/documents?cursor=not-a-real-cursor");
  await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
  await page.goto("/documents?workflow=no-such-workflow");
  await expect(page.getByRole("heading", { name: "No such workflow" })).toBeVisible();
  await page.getByRole("link", { name: "Show all documents" }).click();
  await expect(page.getByRole("table").getByRole("rowheader")).toHaveCount(50);
});
