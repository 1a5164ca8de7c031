import { createHash } from "node:crypto";
import { expect, test } from "../fixtures";

test("an admin creates an API token, sees it once, uses it, and revokes it", async ({
  page,
  createUser,
  signIn,
  db,
  request,
}) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  const tokens = page.getByRole("region", { name: "API tokens" });

  // A name is required.
  await tokens.getByRole("button", { name: "Create token" }).click();
  await expect(tokens.getByText("Enter a name.")).toBeVisible();

  const name = `ERP import ${Date.now()}`;
  await tokens.getByLabel("Token name").fill(name);
  await tokens.getByLabel("Role").selectOption({ label: "Operator" });
  await tokens.getByRole("button", { name: "Create token" }).click();

  const reveal = tokens.getByRole("status", { name: "New API token" });
  await expect(reveal).toContainText(`Token “${name}” created`);
  const token = (await reveal.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^ds_[A-Za-z0-9_-]{43}$/);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await reveal.getByRole("button", { name: "Copy token" }).click();
  await expect(reveal.getByRole("button", { name: "Copy token" })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  // Only the hash is stored, with the creator and an audit entry.
  const row = (
    await db.query(`SELECT id, "tokenHash", prefix, role, "createdById", "revokedAt" FROM "ApiToken" WHERE name = $1`, [
      name,
    ])
  ).rows[0];
  expect(row).toMatchObject({
    tokenHash: createHash("sha256").update(token).digest("hex"),
    prefix: token.slice(0, 10),
    role: "OPERATOR", // the database's label of the role enum
    createdById: admin.id,
    revokedAt: null,
  });

  // The token works against the API.
  const auth = { Authorization: `Bearer ${token}` };
  const ok = await request.get("/api/v1/workflows", { headers: auth });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).items.map((w: { key: string }) => w.key)).toEqual(
    expect.arrayContaining(["invoice-processing", "expense-claims"]),
  );

  // After "Done" or a reload, the plaintext is gone for good; the list shows only the prefix.
  await reveal.getByRole("button", { name: "Done" }).click();
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  const listed = page.getByRole("table", { name: "API tokens" }).getByRole("row").filter({ hasText: name });
  await expect(listed).toContainText(`${token.slice(0, 10)}…`);
  await expect(listed).toContainText("Active");

  // Revoke, after a confirmation that can be cancelled.
  await listed.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await db.query(`SELECT "revokedAt" FROM "ApiToken" WHERE id = $1`, [row.id])).rows[0].revokedAt).toBeNull();

  await listed.getByRole("button", { name: `Revoke ${name}` }).click();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(dialog).toBeHidden();
  await expect(listed).toContainText("Revoked");
  await expect(listed.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  expect(
    (await db.query(`SELECT "revokedAt" FROM "ApiToken" WHERE id = $1`, [row.id])).rows[0].revokedAt,
  ).toBeInstanceOf(Date);
  const audit = await db.query(
    `SELECT action, "actorId" FROM "AuditLog" WHERE "entityType" = 'api_token' AND "entityId" = $1 ORDER BY id`,
    [row.id],
  );
  expect(audit.rows).toEqual([
    { action: "token.create", actorId: admin.id },
    { action: "token.revoke", actorId: admin.id },
  ]);

  // A revoked token is refused at once.
  const refused = await request.get("/api/v1/workflows", { headers: auth });
  expect(refused.status()).toBe(401);
});
