import { expect, test } from "../fixtures";
import { stateNode } from "./designer-helpers";
import { openLargeWorkflow } from "./drag-frames";

/*
 * Not a check: captures the designer at common sizes in light and dark for a person to
 * look at. Run with DESIGNER_SHOTS=1 (files go to DESIGNER_SHOTS_DIR, default /tmp/shots-designer).
 */
test.skip(process.env.DESIGNER_SHOTS !== "1", "screenshots only on request");

test("designer screenshots", async ({ page, createUser, signIn }) => {
  test.setTimeout(120_000);
  const dir = process.env.DESIGNER_SHOTS_DIR ?? "/tmp/shots-designer";
  const admin = await createUser("ADMIN");
  await signIn(page, admin);
  await openLargeWorkflow(page, 500);
  const large = page.url();
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => localStorage.setItem("docstate-theme", t), theme);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(large);
    await page.waitForFunction(() => performance.getEntriesByName("designer-fit").length > 0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${dir}/large-${theme}-far.png` });
    await page.goto("/workflows/invoice-processing?version=1");
    await expect(page.getByTestId("viewing-banner")).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${dir}/version-${theme}.png` });
    for (const [w, h] of [
      [1440, 900],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto("/workflows/invoice-processing");
      await expect(stateNode(page, "extract")).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${dir}/designer-${theme}-${w}.png` });
      await stateNode(page, "extract").click();
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${dir}/designer-${theme}-${w}-state.png` });
      await page.getByTestId("edge-label-approve").click();
      await page.screenshot({ path: `${dir}/designer-${theme}-${w}-transition.png` });
      await stateNode(page, "paid").click();
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${dir}/designer-${theme}-${w}-path.png` });
      await page.goto("/workflows/invoice-processing?mode=monitor");
      await expect(page.getByTestId("monitor-node-review")).toHaveAttribute("data-count", /\d+/);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${dir}/monitor-${theme}-${w}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/workflows");
    await page.getByRole("button", { name: "New workflow" }).click();
    await page.screenshot({ path: `${dir}/new-workflow-${theme}.png` });
  }
});
