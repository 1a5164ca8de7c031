import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";
import { seedOpenAlert } from "./alert-helpers";

test("an operator sees the open-alert count in the navigation and acknowledges the alert on /alerts", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const name = `Too many invoices in review ${Date.now()}`;
  const { alertId } = await seedOpenAlert(db, name);
  const operator = await createUser("operator");
  await signIn(page, operator);

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByTestId("open-alerts-count")).toBeVisible();
  await nav.getByRole("link", { name: /Alerts/ }).click();
  await expect(page).toHaveURL(/\/alerts$/);

  const item = page.getByTestId("alert-item").filter({ hasText: name });
  await expect(item).toContainText("Open");
  await expect(item).toContainText("More than 10 documents in “review”");
  await expectAccessible(page, { name: "alerts" });
  await item.getByRole("button", { name: `Acknowledge ${name}` }).click();
  await expect(item).toContainText("Acknowledged by");
  await expect(item).toContainText(operator.email);
  await expect(item.getByRole("button", { name: /Acknowledge/ })).toHaveCount(0);

  const row = (
    await db.query(
      `SELECT status::text, "acknowledgedBy", "activeRuleId" IS NOT NULL AS "isActive" FROM "Alert" WHERE id = $1`,
      [alertId],
    )
  ).rows[0];
  expect(row).toEqual({ status: "ACKNOWLEDGED", acknowledgedBy: operator.email, isActive: true });
  const audit = (
    await db.query(`SELECT action, "actorId" FROM "AuditLog" WHERE "entityType" = 'alert' AND "entityId" = $1`, [
      alertId,
    ])
  ).rows;
  expect(audit).toEqual([{ action: "alert.acknowledge", actorId: operator.id }]);
  await db.query(`DELETE FROM "AlertRule" WHERE name = $1`, [name]);
});

test("a viewer sees alerts but cannot acknowledge them", async ({ page, createUser, signIn, db }) => {
  const name = `Viewer sees this ${Date.now()}`;
  await seedOpenAlert(db, name);
  await signIn(page, await createUser("viewer"));
  await page.goto("/alerts");
  const item = page.getByTestId("alert-item").filter({ hasText: name });
  await expect(item).toBeVisible();
  await expect(item.getByRole("button", { name: /Acknowledge/ })).toHaveCount(0);
  await db.query(`DELETE FROM "AlertRule" WHERE name = $1`, [name]);
});
