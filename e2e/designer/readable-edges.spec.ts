import type { Page } from "@playwright/test";
import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";
import { createWorkflowInUi, stateNode, uniqueWorkflowName } from "./designer-helpers";

/** Every transition label's box, and whether the label itself is what a click at its centre hits. */
async function labelLayout(page: Page) {
  return page.locator('[data-testid^="edge-label-"]').evaluateAll((labels) =>
    labels.map((label) => {
      const box = label.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        key: label.getAttribute("data-testid")!.replace("edge-label-", ""),
        box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
        isOnTop: hit !== null && label.contains(hit),
      };
    }),
  );
}

test("on a 1024 px laptop the invoice workflow opens with every transition labelled, none hidden behind a card or another label", async ({
  page,
  createUser,
  signIn,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, await createUser("admin"));
  await createWorkflowInUi(page, uniqueWorkflowName("Readable").name, "Invoice processing");
  await expect(stateNode(page, "extraction_failed")).toBeVisible();
  // A ten-state graph keeps its details at the zoom that fits it into the window.
  await expect(page.getByTestId("designer-canvas").locator("[data-zoom-detail]")).toHaveAttribute(
    "data-zoom-detail",
    "near",
  );
  await expect(page.getByTestId("edge-label-fail_extract")).toBeVisible();

  const layout = await labelLayout(page);
  // submit, extracted, fail_extract, retry_extract, approve, request_changes, reject ×2, mark_paid, cancel
  expect(layout).toHaveLength(10);
  for (const label of layout) expect(label, `label ${label.key} is covered`).toMatchObject({ isOnTop: true });
  for (const [i, a] of layout.entries()) {
    for (const b of layout.slice(i + 1)) {
      const isOverlapping =
        a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom;
      expect(isOverlapping, `labels ${a.key} and ${b.key} overlap`).toBe(false);
    }
  }

  // The stacked pair (extract above extraction_failed) is joined bottom to top, both ways.
  const extract = (await stateNode(page, "extract").boundingBox())!;
  const failed = (await stateNode(page, "extraction_failed").boundingBox())!;
  for (const key of ["fail_extract", "retry_extract"]) {
    const box = (await page.getByTestId(`edge-label-${key}`).boundingBox())!;
    expect(box.y).toBeGreaterThan(extract.y + extract.height - 4);
    expect(box.y + box.height).toBeLessThan(failed.y + 4);
  }

  // The design tab with the inspector showing a state, in both themes.
  await stateNode(page, "extract").click();
  await expect(page.getByLabel("Webhook URL")).toBeVisible();
  await expectAccessible(page, {
    name: "designer: design",
    alsoInDark: (p) => expect(stateNode(p, "extraction_failed")).toBeVisible(),
  });
});
