import { expect, test } from "../fixtures";

test("an anonymous visit to Workflows goes to sign-in first and then back to Workflows", async ({
  page,
  createUser,
}) => {
  const viewer = await createUser("viewer");

  await page.goto("/workflows");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fworkflows$/);

  await page.getByLabel("E-mail").fill(viewer.email);
  await page.getByLabel("Password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/workflows$/);
  await expect(page.getByRole("heading", { level: 1, name: "Workflows" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workflows" })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("a filtered documents link survives the detour through sign-in", async ({ page, createUser }) => {
  const viewer = await createUser("viewer");
  await page.goto("/documents?workflow=expense-claims&state=draft");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("E-mail").fill(viewer.email);
  await page.getByLabel("Password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/documents\?workflow=expense-claims&state=draft$/);
  await expect(page.getByLabel("Workflow")).toHaveValue("expense-claims");
  await expect(page.getByLabel("State")).toHaveValue("draft");
});
