import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

test("an operator mistypes the password, is told so, then signs in and lands on the dashboard", async ({
  page,
  createUser,
}) => {
  const operator = await createUser("operator", { name: "Olivia Operator" });

  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to DocState" })).toBeVisible();
  await page.getByLabel("E-mail").fill(operator.email);
  await page.getByLabel("Password").fill("not-my-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await expectAccessible(page, { name: "login (after a wrong password)" });

  await page.getByLabel("Password").fill(operator.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const account = page.getByTestId("current-user");
  await expect(account).toContainText("Olivia Operator");
  await expect(account).toContainText(operator.email);
  await expect(page.getByText("Operator", { exact: true })).toBeVisible();

  // Signing out returns to the login page, and the app is closed again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a disabled user cannot sign in even with the right password", async ({ page, createUser, db }) => {
  const user = await createUser("viewer");
  await db.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);

  await page.goto("/login");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
});
