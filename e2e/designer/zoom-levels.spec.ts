import { expect, test } from "../fixtures";
import { draftDefinition, expectSaved, stateNode } from "./designer-helpers";
import { openLargeWorkflow } from "./drag-frames";

/*
 * A 200-state graph opens zoomed out: cards show only their names and the edges are drawn
 * by the far-zoom layer, because React Flow holds none of them there. Zooming in hands them
 * back (labels, arrows, handles); an edit made while zoomed out (deleting a state) takes its
 * transitions with it in both views and in the saved draft.
 */
test("zooming a large graph in and out switches level of detail, and edits made zoomed out keep edges consistent", async ({
  page,
  db,
  createUser,
  signIn,
}) => {
  test.setTimeout(120_000);
  await signIn(page, await createUser("admin"));
  const def = await openLargeWorkflow(page, 200);
  const key = new URL(page.url()).pathname.split("/").pop()!;
  await page.reload();
  const detail = page.getByTestId("designer-canvas").locator("[data-zoom-detail]");
  await expect(detail).toHaveAttribute("data-zoom-detail", "far");
  await expect(page.getByTestId("far-edges")).toHaveAttribute("data-edge-count", String(def.transitions.length));
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);
  await expect(stateNode(page, "s1").locator(".react-flow__handle")).toHaveCount(0);

  // Delete s1 while zoomed out: its four transitions (next_0, next_1, back_1, back_2) go too.
  // Zoomed out a card takes the pointer as a whole (its contents let it through), so click the card.
  await page.locator(".react-flow__node", { has: stateNode(page, "s1") }).click();
  await page.keyboard.press("Delete");
  await expect(stateNode(page, "s1")).toHaveCount(0);
  await expect(page.getByTestId("far-edges")).toHaveAttribute("data-edge-count", String(def.transitions.length - 4));
  await expectSaved(page);
  const [draft] = await draftDefinition(db, key);
  const keys = new Set(draft!.definition.transitions.map((t) => t.key));
  for (const gone of ["next_0", "next_1", "back_1", "back_2"]) expect(keys.has(gone)).toBe(false);
  expect(keys.has("next_2")).toBe(true);

  // Scroll to zoom in on s2: React Flow gets the edges back, with labels and handles.
  const box = (await stateNode(page, "s2").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 20 && (await detail.getAttribute("data-zoom-detail")) === "far"; i++) {
    await page.mouse.wheel(0, -250);
    await page.waitForTimeout(150);
  }
  await expect(detail).toHaveAttribute("data-zoom-detail", "near");
  await expect(page.getByTestId("edge-label-next_2").first()).toBeVisible();
  await expect(page.getByTestId("edge-label-next_0")).toHaveCount(0);
  await expect(stateNode(page, "s2").locator(".react-flow__handle")).toHaveCount(2);
  await expect(page.getByTestId("far-edges")).toHaveCount(0);

  // Fit zooms back out: the layer takes over again with the same edges.
  await page.getByRole("button", { name: "Fit", exact: true }).click();
  await expect(detail).toHaveAttribute("data-zoom-detail", "far");
  await expect(page.getByTestId("far-edges")).toHaveAttribute("data-edge-count", String(def.transitions.length - 4));
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);
});
