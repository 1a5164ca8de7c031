import { test } from "../../e2e/fixtures";
import { seedOpenAlert } from "../../e2e/alerts/alert-helpers";
import { open, shotsDir, THEMES, chooseTheme } from "./shots";

test("alert screens in light and dark", async ({ page, createUser, signIn, db }) => {
  const dir = shotsDir("alerts");
  await page.setViewportSize({ width: 1440, height: 1000 });
  const { ruleId } = await seedOpenAlert(db, "Invoices piling up in review", 57);
  const { alertId: acked } = await seedOpenAlert(db, "Expense approvals waiting", 14);
  await db.query(
    `UPDATE "Alert" SET status = 'ACKNOWLEDGED', "acknowledgedAt" = now(), "acknowledgedBy" = 'ops@example.com' WHERE id = $1`,
    [acked],
  );
  await db.query(`UPDATE "AlertRule" SET "webhookUrl" = 'https://hooks.example.com/docstate/alerts' WHERE id = $1`, [
    ruleId,
  ]);
  await db.query(`INSERT INTO "AlertRule" ("id", "name", "workflowId", "condition", "threshold", "windowSeconds", "updatedAt", "lastEvaluatedAt", "lastValue")
    SELECT gen_random_uuid(), 'Extraction failing', "id", 'FAILURE_RATE', 20, 900, now(), now(), 3.5 FROM "Workflow" WHERE key = 'invoice-processing'`);
  await signIn(page, await createUser("admin", { name: "Dana Admin" }));
  for (const theme of THEMES) {
    await chooseTheme(page, theme);
    await open(page, "/settings#alert-rules");
    await page.getByRole("region", { name: "Alert rules" }).screenshot({ path: `${dir}/settings-${theme}.png` });
    await open(page, "/alerts");
    await page.screenshot({ path: `${dir}/alerts-${theme}.png`, fullPage: true });
  }
});
