import { expect, test } from "../fixtures";
import { stateNode } from "./designer-helpers";

test("a viewer sees the designer read-only and cannot change the workflow", async ({ page, createUser, signIn, db }) => {
  const viewer = await createUser("VIEWER");
  await signIn(page, viewer);
  await page.goto("/workflows");
  await expect(page.getByRole("button", { name: "New workflow" })).toHaveCount(0);

  await page.goto("/workflows/invoice-processing");
  await expect(page.getByTestId("read-only-badge")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add state" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);

  const review = stateNode(page, "review");
  await review.click();
  await expect(page.getByLabel("Key")).toBeDisabled();
  await expect(page.getByLabel("Kind")).toBeDisabled();

  // Dragging does not move it relative to its neighbours (at most the canvas pans), and Delete does not remove it.
  const offset = async () => {
    const [a, b] = [await review.boundingBox(), await stateNode(page, "approved").boundingBox()];
    return { dx: Math.round(a!.x - b!.x), dy: Math.round(a!.y - b!.y) };
  };
  const before = await offset();
  const box = (await review.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 230, box.y + 120, { steps: 8 });
  await page.mouse.up();
  expect(await offset()).toEqual(before);
  await page.keyboard.press("Delete");
  await expect(review).toBeVisible();

  const drafts = await db.query(`SELECT count(*)::int AS n FROM "WorkflowVersion" v JOIN "Workflow" w ON w.id = v."workflowId" WHERE w.key = 'invoice-processing' AND v.status = 'DRAFT'`);
  expect(drafts.rows[0].n).toBe(0);
});
