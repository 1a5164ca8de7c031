import { expect, test } from "../fixtures";

test("an admin creates an alert rule in Settings, is told about a bad threshold, then edits, disables and deletes it", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  const section = page.getByRole("region", { name: "Alert rules" });
  const form = section.getByRole("form", { name: "Create alert rule" });

  const name = `Review backlog ${Date.now()}`;
  await form.getByLabel("Rule name").fill(name);
  await form.getByLabel("Workflow").selectOption({ label: "Invoice processing" });
  await form.getByLabel("Condition").selectOption({ label: "Documents in state" });
  await form.getByLabel("State").selectOption("review");
  await form.getByLabel("Alert above (documents)").fill("-5");
  await form.getByRole("button", { name: "Create rule" }).click();

  // The server refuses it, and says why next to the field; nothing is written.
  await expect(form.getByText("The threshold cannot be negative.")).toBeVisible();
  await expect(form.getByLabel("Alert above (documents)")).toHaveAttribute("aria-invalid", "true");
  expect((await db.query(`SELECT count(*)::int AS n FROM "AlertRule" WHERE name = $1`, [name])).rows[0].n).toBe(0);

  await form.getByLabel("Alert above (documents)").fill("25");
  await form.getByRole("button", { name: "Create rule" }).click();
  const row = section.getByTestId(`alert-rule-${name}`);
  await expect(row).toContainText("More than 25 documents in “review”");
  await expect(row).toContainText("In-app");
  const stored = (
    await db.query(
      `SELECT r.state, r.condition::text, r.threshold, r."isEnabled", w.key FROM "AlertRule" r JOIN "Workflow" w ON w.id = r."workflowId" WHERE r.name = $1`,
      [name],
    )
  ).rows;
  expect(stored).toEqual([
    { state: "review", condition: "STATE_COUNT", threshold: 25, isEnabled: true, key: "invoice-processing" },
  ]);

  // Edit in place: the form opens in the row with the rule's values.
  await row.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = section.getByRole("form", { name: `Edit alert rule ${name}` });
  await expect(edit.getByLabel("Alert above (documents)")).toHaveValue("25");
  await edit.getByLabel("Alert above (documents)").fill("30");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(row).toContainText("More than 30 documents in “review”");

  // Disable, then delete after confirming.
  await row.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(row.getByRole("button", { name: `Enable ${name}` })).toBeVisible();
  expect((await db.query(`SELECT "isEnabled" FROM "AlertRule" WHERE name = $1`, [name])).rows[0].isEnabled).toBe(false);
  await row.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
  await expect(row).toHaveCount(0);
  expect((await db.query(`SELECT count(*)::int AS n FROM "AlertRule" WHERE name = $1`, [name])).rows[0].n).toBe(0);
  const audit = (
    await db.query(`SELECT action FROM "AuditLog" WHERE "entityType" = 'alert_rule' AND "actorId" = $1 ORDER BY id`, [
      admin.id,
    ])
  ).rows.map((r) => r.action);
  expect(audit).toEqual(["alert_rule.create", "alert_rule.update", "alert_rule.update", "alert_rule.delete"]);
});

test("a viewer sees alert rules read-only", async ({ page, createUser, signIn }) => {
  await signIn(page, await createUser("viewer"));
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Alert rules" });
  await expect(section).toBeVisible();
  await expect(section.getByRole("form", { name: "Create alert rule" })).toHaveCount(0);
  await expect(section.getByRole("button", { name: /^(Edit|Delete|Disable)/ })).toHaveCount(0);
});
