import { mkdirSync } from "node:fs";
import { test } from "../fixtures";
import { seedOpenAlert } from "./alert-helpers";

// Not a check: renders the alert screens for a person to look at (SHOTS=1 to run).
test.skip(!process.env.SHOTS, "screenshots only with SHOTS=1");

test("alert screens in light and dark", async ({ page, createUser, signIn, db }) => {
  mkdirSync("/tmp/shots-alerts", { recursive: true });
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
  await signIn(page, await createUser("ADMIN", { name: "Dana Admin" }));
  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => localStorage.setItem("docstate-theme", t), theme);
    await page.goto("/settings#alert-rules");
    await page.evaluate((t) => document.documentElement.classList.toggle("dark", t === "dark"), theme);
    await page
      .getByRole("region", { name: "Alert rules" })
      .screenshot({ path: `/tmp/shots-alerts/settings-${theme}.png` });
    await page.goto("/alerts");
    await page.evaluate((t) => document.documentElement.classList.toggle("dark", t === "dark"), theme);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `/tmp/shots-alerts/alerts-${theme}.png`, fullPage: true });
  }
});
