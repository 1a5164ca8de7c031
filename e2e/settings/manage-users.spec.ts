import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

test("an admin adds a colleague, promotes them, and disables them, which ends their session", async ({
  page,
  browser,
  createUser,
  signIn,
  db,
}) => {
  const admin = await createUser("admin", { name: "Ada Admin" });
  const existing = await createUser("viewer");
  await signIn(page, admin);
  await page.goto("/settings");
  const users = page.getByRole("region", { name: "Users" });

  // The admin's own row is read-only.
  const ownRow = users.getByRole("row").filter({ hasText: admin.email });
  await expect(ownRow).toContainText("You");
  await expect(ownRow.getByRole("combobox")).toHaveCount(0);
  await expect(ownRow.getByRole("button")).toHaveCount(0);

  // Field errors come back from the server action.
  await users.getByRole("button", { name: "Add user" }).click();
  const form = users.getByRole("form", { name: "Add user" });
  const email = `grace-${Date.now()}@e2e.test`;
  await form.getByLabel("E-mail").fill(existing.email);
  await form.getByLabel("Name").fill("Grace Hopper");
  await form.getByLabel("Role").selectOption({ label: "Viewer" });
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(form.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, { name: "settings (admin, a form with field errors)" });

  await form.getByLabel("Initial password").fill("a-long-enough-password");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("This e-mail is already in use.")).toBeVisible();

  await form.getByLabel("E-mail").fill(email);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(users.getByRole("status")).toHaveText(
    `Created ${email}. They choose their own password at first sign-in.`,
  );
  const row = users.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Grace Hopper");
  const created = (await db.query(`SELECT id, role, "disabledAt" FROM "User" WHERE email = $1`, [email])).rows[0];
  // The database keeps the role enum's upper-case labels (schema.prisma maps them).
  expect(created).toMatchObject({ role: "VIEWER", disabledAt: null });

  // Grace signs in from her own browser.
  const graceContext = await browser.newContext();
  const gracePage = await graceContext.newPage();
  await signIn(gracePage, {
    id: created.id,
    email,
    name: "Grace Hopper",
    role: "viewer",
    password: "a-long-enough-password",
  });
  // The admin knows her initial password, so she must choose her own first.
  await expect(gracePage).toHaveURL(/\/account\/password$/);
  await gracePage.getByLabel("Current password").fill("a-long-enough-password");
  await gracePage.getByLabel("New password", { exact: true }).fill("graces-own-Compiler-1952");
  await gracePage.getByLabel("Repeat new password").fill("graces-own-Compiler-1952");
  await gracePage.getByRole("button", { name: "Change password" }).click();
  await expect(gracePage.getByTestId("current-user")).toContainText("Grace Hopper");

  // Promote her to operator.
  await row.getByRole("combobox", { name: `Role of ${email}` }).selectOption({ label: "Operator" });
  await expect
    .poll(async () => (await db.query(`SELECT role FROM "User" WHERE id = $1`, [created.id])).rows[0].role)
    .toBe("OPERATOR");
  await page.reload();
  await expect(users.getByRole("combobox", { name: `Role of ${email}` })).toHaveValue("operator");

  // Disable her; her open session stops working on its next request.
  await users.getByRole("button", { name: `Disable ${email}` }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${email}?` });
  await dialog.getByRole("button", { name: "Disable user" }).click();
  await expect(dialog).toBeHidden();
  await expect(users.getByRole("row").filter({ hasText: email })).toContainText("Disabled");
  expect(
    (await db.query(`SELECT "disabledAt" FROM "User" WHERE id = $1`, [created.id])).rows[0].disabledAt,
  ).toBeInstanceOf(Date);
  await gracePage.goto("/documents");
  await expect(gracePage).toHaveURL(/\/login/);

  // Enable again.
  await users.getByRole("button", { name: `Enable ${email}` }).click();
  await expect(users.getByRole("row").filter({ hasText: email })).toContainText("Active");
  expect((await db.query(`SELECT "disabledAt" FROM "User" WHERE id = $1`, [created.id])).rows[0].disabledAt).toBeNull();

  const audit = await db.query(
    `SELECT action FROM "AuditLog" WHERE "entityType" = 'user' AND "entityId" = $1 AND action LIKE 'user.%' ORDER BY id`,
    [created.id],
  );
  expect(audit.rows.map((r) => r.action)).toEqual([
    "user.create",
    "user.password_change",
    "user.role_change",
    "user.disable",
    "user.enable",
  ]);
  await graceContext.close();
});
