import fs from "node:fs";
import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

test("an admin finds who created a token in the audit log and exports it as CSV", async ({
  page,
  createUser,
  signIn,
  db,
}, testInfo) => {
  const admin = await createUser("admin");
  await signIn(page, admin);

  // Something worth auditing, done through the UI.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  const tokens = page.getByRole("region", { name: "API tokens" });
  const name = `Audit trail ${Date.now()}`;
  await tokens.getByLabel("Token name").fill(name);
  await tokens.getByRole("button", { name: "Create token" }).click();
  await expect(tokens.getByRole("status", { name: "New API token" })).toContainText(name);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const filter = page.getByRole("search", { name: "Filter the audit log" });
  await filter.getByLabel("Action").fill("token.create");
  await filter.getByLabel("Actor").fill(admin.email);
  await filter.getByRole("button", { name: "Apply filter" }).click();
  await expect(page).toHaveURL(/action=token.create/);

  const entries = page.getByTestId("audit-entry");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText(admin.email);
  await expect(entries.first()).toContainText("token.create");
  await expect(entries.first()).toContainText(name);
  await page.screenshot({ path: testInfo.outputPath("audit-log.png"), fullPage: true });
  await expectAccessible(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^docstate-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs
    .readFileSync((await download.path())!, "utf8")
    .trimEnd()
    .split("\r\n");
  expect(csv[0]).toBe("at,actor_type,actor,action,target_type,target,client_address,details");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(`,USER,${admin.email},token.create,api_token,`);
  expect(csv[1]).toContain(name);

  // The row the page showed is the row the database holds, with the address it came from.
  const row = await db.query(
    `SELECT "clientAddress" FROM "AuditLog" WHERE action = 'token.create' AND "actorName" = $1`,
    [admin.email],
  );
  expect(row.rows).toHaveLength(1);
  expect(row.rows[0].clientAddress).toMatch(/^(127\.0\.0\.1|::1)$/);

  // A filter that matches nothing says so; a bad one says why.
  await page.goto("/audit?action=no.such.action");
  await expect(page.getByText("No entries match this filter")).toBeVisible();
  await page.goto("/audit?from=yesterday");
  await expect(page.getByRole("alert").filter({ hasText: "That filter cannot be used" })).toContainText("Use a date");
});

test("a viewer has no audit log link and cannot open /audit or its export", async ({ page, createUser, signIn }) => {
  await signIn(page, await createUser("viewer"));
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByText("Admins only")).toBeVisible();
  await expect(page.getByTestId("audit-entry")).toHaveCount(0);
  const exported = await page.request.get("/api/v1/audit/export");
  expect(exported.status()).toBe(403);
  expect(exported.headers()["content-type"]).toBe("application/problem+json");
});
