import { expectAccessible } from "../accessibility";
import { countsBy, expect, test } from "../fixtures";

test("a viewer opens Workflows and sees the seeded workflows with their real document counts", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const viewer = await createUser("viewer");
  const counts = await countsBy(
    db,
    `SELECT w.name AS key, count(d.id) AS count FROM "Workflow" w LEFT JOIN "Document" d ON d."workflowId" = w.id GROUP BY w.name`,
  );
  expect(counts.get("Invoice processing")).toBeGreaterThan(0);
  expect(counts.get("Expense claims")).toBeGreaterThan(0);

  await signIn(page, viewer);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workflows" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Workflows" })).toBeVisible();

  for (const [name, key] of [
    ["Invoice processing", "invoice-processing"],
    ["Expense claims", "expense-claims"],
  ] as const) {
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell").nth(0)).toHaveText(key);
    await expect(row).toContainText("v1 published");
    const documents = row.getByRole("link", {
      name: `${counts.get(name)!.toLocaleString("en-US")} documents in ${name}`,
    });
    await expect(documents).toBeVisible();
  }
  await expectAccessible(page, { name: "workflows list" });

  // The count leads to that workflow's documents.
  await page.getByRole("link", { name: /documents in Expense claims$/ }).click();
  await expect(page).toHaveURL(/\/documents\?workflow=expense-claims$/);
  await expect(page.getByTestId("documents-total")).toContainText(
    `${counts.get("Expense claims")} documents in Expense claims`,
  );
});
