import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

test("an admin generates a workflow's webhook signing secret, sees it once, and rotates it with a grace period", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  await page.goto("/settings#webhook-signing");
  const form = page.getByRole("form", { name: "Generate webhook signing secret" });
  await expect(form).toBeVisible();
  const workflowKey = await form.getByLabel("Workflow").inputValue();

  await form.getByLabel("Previous secret keeps signing for").selectOption({ label: "1 hour" });
  await form.getByRole("button", { name: "Generate secret" }).click();
  const reveal = page.getByRole("status", { name: "New signing secret" });
  await expect(reveal).toBeVisible();
  const first = await reveal.getByTestId("new-signing-secret").innerText();
  expect(first).toMatch(/^whsec_/);
  await expectAccessible(page, { name: "settings (signing secret shown)" });
  await page.screenshot({ path: "test-results/signing-secret.png", fullPage: true });

  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await form.getByRole("button", { name: "Generate secret" }).click();
  await expect(page.getByRole("status", { name: "New signing secret" })).toContainText("previous secret keeps signing");
  const second = await page.getByTestId("new-signing-secret").innerText();
  expect(second).not.toBe(first);

  // Both are stored for the workflow; the first now ends within the hour.
  const { rows } = await db.query<{ secret: string; expiresAt: Date | null }>(
    `SELECT "secret", "expiresAt" FROM "WebhookSigningSecret" WHERE "scope" = $1 ORDER BY "createdAt"`,
    [`workflow:${workflowKey}`],
  );
  expect(rows.map((r) => r.secret).slice(-2)).toEqual([first, second]);
  expect(rows.at(-2)!.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
  expect(rows.at(-1)!.expiresAt).toBeNull();
});
