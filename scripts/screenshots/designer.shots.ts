import { expect, test } from "../../e2e/fixtures";
import {
  addState,
  createWorkflowInUi,
  expectSaved,
  routeSaves,
  stateNode,
  uniqueWorkflowName,
} from "../../e2e/designer/designer-helpers";
import { openLargeWorkflow } from "../../e2e/designer/drag-frames";
import { open, settle, shotsDir, THEMES, chooseTheme } from "./shots";

test("designer and monitor at common sizes", async ({ page, createUser, signIn }) => {
  const dir = shotsDir("designer");
  await signIn(page, await createUser("admin"));
  await openLargeWorkflow(page, 500);
  const large = page.url();
  for (const theme of THEMES) {
    await chooseTheme(page, theme);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(large);
    await page.waitForFunction(() => performance.getEntriesByName("designer-fit").length > 0);
    await settle(page);
    await page.screenshot({ path: `${dir}/large-${theme}-far.png` });
    await open(page, "/workflows/invoice-processing?version=1");
    await expect(page.getByTestId("viewing-banner")).toBeVisible();
    await page.screenshot({ path: `${dir}/version-${theme}.png` });
    for (const [w, h] of [
      [1440, 900],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await open(page, "/workflows/invoice-processing");
      await expect(stateNode(page, "extract")).toBeVisible();
      await page.screenshot({ path: `${dir}/designer-${theme}-${w}.png` });
      await stateNode(page, "extract").click();
      await settle(page);
      await page.screenshot({ path: `${dir}/designer-${theme}-${w}-state.png` });
      await page.getByTestId("edge-label-approve").click();
      await page.screenshot({ path: `${dir}/designer-${theme}-${w}-transition.png` });
      await stateNode(page, "paid").click();
      await settle(page);
      await page.screenshot({ path: `${dir}/designer-${theme}-${w}-path.png` });
      await open(page, "/workflows/invoice-processing?mode=monitor");
      await expect(page.getByTestId("monitor-node-review")).toHaveAttribute("data-count", /\d+/);
      await settle(page);
      await page.screenshot({ path: `${dir}/monitor-${theme}-${w}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, "/workflows");
    await page.getByRole("button", { name: "New workflow" }).click();
    await settle(page);
    await page.screenshot({ path: `${dir}/new-workflow-${theme}.png` });
  }
});

test("the toolbar while saves fail, and signed out", async ({ page, createUser, signIn }) => {
  const dir = shotsDir("designer");
  await signIn(page, await createUser("admin"));
  await createWorkflowInUi(page, uniqueWorkflowName("Shots").name);
  const url = page.url();
  for (const theme of THEMES) {
    for (const width of [1440, 1024]) {
      await chooseTheme(page, theme);
      await page.setViewportSize({ width, height: 600 });
      await page.goto(url);
      await routeSaves(page, (route) => route.abort("connectionrefused"));
      await addState(page, `shot_${theme}_${width}`);
      await expect(page.getByTestId("save-status")).toHaveAttribute("data-retry-in", /^\d+$/);
      await page.screenshot({
        path: `${dir}/save-failed-${theme}-${width}.png`,
        clip: { x: 0, y: 0, width, height: 160 },
      });
      await page.unrouteAll({ behavior: "ignoreErrors" });
      await expectSaved(page);
    }
  }
  // Signed out, at the narrower width (the banner's text wraps first there).
  await page.context().clearCookies();
  await addState(page, "shot_signed_out");
  await expect(page.getByTestId("save-auth-banner")).toBeVisible();
  await page.screenshot({
    path: `${dir}/save-signed-out-dark-1024.png`,
    clip: { x: 0, y: 0, width: 1024, height: 200 },
  });
});
