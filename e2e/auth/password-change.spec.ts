import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

test("the generated first admin must choose a password at first sign-in, then the app works", async ({
  page,
  createUser,
  signIn,
  db,
}, testInfo) => {
  // As the start-up creates it: an admin whose generated password must be replaced.
  const admin = await createUser("admin", { name: "Admin", mustChangePassword: true });
  await signIn(page, admin);

  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole("heading", { name: "Choose your own password" })).toBeVisible();
  await expectAccessible(page, { name: "change password (forced)" });
  await page.screenshot({ path: testInfo.outputPath("forced-change.png"), fullPage: true });

  // Every other page leads back here, and the API refuses the session with a typed answer.
  await page.goto("/documents");
  await expect(page).toHaveURL(/\/account\/password$/);
  const api = await page.request.get("/api/v1/documents");
  expect(api.status()).toBe(403);
  expect(await api.json()).toMatchObject({ code: "PASSWORD_CHANGE_REQUIRED" });

  // Readable refusals: a wrong current password, a common one, two that differ.
  const current = page.getByLabel("Current password");
  const next = page.getByLabel("New password", { exact: true });
  const repeat = page.getByLabel("Repeat new password");
  const submit = page.getByRole("button", { name: "Change password" });
  await current.fill("not-the-password");
  await next.fill("my-own-Secret-Phrase-9");
  await repeat.fill("my-own-Secret-Phrase-9");
  await submit.click();
  await expect(page.getByText("That is not your current password.").first()).toBeVisible();
  await expect(current).toHaveAttribute("aria-invalid", "true");

  await current.fill(admin.password);
  await next.fill("qwerty123456");
  await repeat.fill("qwerty123456");
  await submit.click();
  await expect(page.getByText("This is one of the most used passwords. Choose another.").first()).toBeVisible();

  await next.fill("my-own-Secret-Phrase-9");
  await repeat.fill("my-own-Secret-Phrase-8");
  await submit.click();
  await expect(page.getByText("The two new passwords differ.")).toBeVisible();
  await expectAccessible(page, { name: "change password (with field errors)" });
  await page.screenshot({ path: testInfo.outputPath("forced-change-errors.png"), fullPage: true });

  await repeat.fill("my-own-Secret-Phrase-9");
  await submit.click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.goto("/documents");
  await expect(page).toHaveURL(/\/documents/);
  const row = (await db.query(`SELECT "mustChangePassword", "sessionVersion" FROM "User" WHERE id = $1`, [admin.id]))
    .rows[0];
  expect(row).toEqual({ mustChangePassword: false, sessionVersion: 1 });
});

test("a user changes their password from the account menu, and their other sessions end", async ({
  page,
  browser,
  createUser,
  signIn,
}, testInfo) => {
  const user = await createUser("operator", { name: "Otto Operator" });
  await signIn(page, user);
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, user);

  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to DocState" })).toBeVisible();
  await expectAccessible(page, { name: "change password" });
  await page.screenshot({ path: testInfo.outputPath("change.png"), fullPage: true });
  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("ottos-new-Lighthouse-7");
  await page.getByLabel("Repeat new password").fill("ottos-new-Lighthouse-7");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("Otto Operator");

  // The session in the other browser was issued before the change: it has ended.
  await otherPage.goto("/documents");
  await expect(otherPage).toHaveURL(/\/login/);
  await signIn(otherPage, { ...user, password: "ottos-new-Lighthouse-7" });
  await expect(otherPage.getByTestId("current-user")).toContainText("Otto Operator");
  await elsewhere.close();
});

test("an admin resets a user's password, and that user must change it at sign-in", async ({
  page,
  browser,
  createUser,
  signIn,
  db,
}, testInfo) => {
  const admin = await createUser("admin", { name: "Ada Admin" });
  const viewer = await createUser("viewer", { name: "Vera Viewer" });
  await signIn(page, admin);
  await page.goto("/settings");

  const users = page.getByRole("table", { name: "Users" });
  await users.getByRole("button", { name: `Reset password of ${viewer.email}` }).click();
  const ask = page.getByRole("dialog", { name: `Reset the password of ${viewer.email}?` });
  // A typed password must follow the rules too.
  await ask.getByLabel("Temporary password (optional)").fill("password1234");
  await ask.getByRole("button", { name: "Reset password" }).click();
  await expect(ask.getByRole("alert")).toHaveText("This is one of the most used passwords. Choose another.");
  await ask.getByLabel("Temporary password (optional)").fill("");
  await ask.getByRole("button", { name: "Reset password" }).click();

  const shown = page.getByRole("dialog", { name: `New password for ${viewer.email}` });
  const temporary = (await shown.getByLabel("Temporary password").textContent())?.trim() ?? "";
  expect(temporary).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
  await expectAccessible(page, { name: "settings (temporary password shown)" });
  await page.screenshot({ path: testInfo.outputPath("reset-shown.png") });
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();
  const audit = await db.query(
    `SELECT details FROM "AuditLog" WHERE action = 'user.password_reset' AND "entityId" = $1`,
    [viewer.id],
  );
  expect(audit.rows).toHaveLength(1);
  expect(JSON.stringify(audit.rows[0].details)).not.toContain(temporary);

  // The old password no longer works; the temporary one leads to the forced change.
  const context = await browser.newContext();
  const vera = await context.newPage();
  await vera.goto("/login");
  await vera.getByLabel("E-mail").fill(viewer.email);
  await vera.getByLabel("Password").fill(viewer.password);
  await vera.getByRole("button", { name: "Sign in" }).click();
  await expect(vera.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
  await signIn(vera, { ...viewer, password: temporary });
  await expect(vera).toHaveURL(/\/account\/password$/);
  await vera.getByLabel("Current password").fill(temporary);
  await vera.getByLabel("New password", { exact: true }).fill("veras-own-Orchard-2026");
  await vera.getByLabel("Repeat new password").fill("veras-own-Orchard-2026");
  await vera.getByRole("button", { name: "Change password" }).click();
  await expect(vera.getByTestId("current-user")).toContainText("Vera Viewer");
  await context.close();
});

test("sign-ins are audited with the real client address, whatever X-Forwarded-For claims", async ({
  page,
  createUser,
  db,
}) => {
  const user = await createUser("viewer");
  // The form's own request, with a forged header: the audit must name the socket's peer.
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const response = await page.request.post("/api/auth/callback/credentials", {
    headers: { "x-forwarded-for": "203.0.113.99" },
    form: { csrfToken, email: user.email, password: "a-wrong-password", json: "true" },
  });
  expect(response.status()).toBeLessThan(500);
  const rows = await db.query(
    `SELECT details FROM "AuditLog" WHERE action = 'auth.sign_in_failed' AND "entityId" = $1`,
    [user.id],
  );
  expect(rows.rows).toHaveLength(1);
  expect(rows.rows[0].details.address).toMatch(/^(127\.0\.0\.1|::1)$/);
});
