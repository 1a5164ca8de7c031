import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import {
  connect,
  createWorkflowInUi,
  draftDefinition,
  expectSaved,
  stateNode,
  uniqueWorkflowName,
} from "./designer-helpers";

/*
 * Editing stories on the canvas: the shortest path to a state is drawn on the graph, an
 * existing transition is moved by dragging its end, and undo/redo show in the inspector.
 */

/** Drags one end of a transition's edge (its reconnect anchor) onto a state's target handle, like a person. */
async function dragEdgeEnd(
  page: Page,
  transitionKey: string,
  end: "source" | "target",
  toState: string,
  handle: "source" | "target",
) {
  const anchor = page.locator(`[data-testid^="rf__edge-t:${transitionKey}:"] .react-flow__edgeupdater-${end}`).first();
  const from = await anchor.boundingBox();
  const to = await stateNode(page, toState).locator(`.react-flow__handle.${handle}`).boundingBox();
  if (!from || !to) throw new Error(`edge ${transitionKey} or state ${toState} is not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2 + 6, to.y + to.height / 2 + 4, { steps: 12 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 2 });
  await page.mouse.up();
}

test("selecting a state draws the shortest path to it on the canvas", async ({ page, createUser, signIn }) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  await createWorkflowInUi(page, uniqueWorkflowName("Paths").name, "Invoice processing");

  await stateNode(page, "paid").click();
  await expect(page.getByTestId("shortest-path")).toContainText("draft");
  const onPath = ["draft", "extract", "review", "approved", "paid"];
  for (const key of onPath) await expect(stateNode(page, key)).toHaveAttribute("data-on-path", "true");
  for (const key of ["rejected", "extraction_failed", "cancelled"])
    await expect(stateNode(page, key)).not.toHaveAttribute("data-on-path");
  for (const key of ["submit", "extracted", "approve", "mark_paid"])
    await expect(page.getByTestId(`edge-label-${key}`).first()).toHaveAttribute("data-on-path", "true");
  await expect(page.getByTestId("edge-label-fail_extract")).not.toHaveAttribute("data-on-path");
  await expect(page.getByText("Highlighted on the canvas (4 steps).")).toBeVisible();

  // Another state: the path follows; what left it is no longer marked.
  await stateNode(page, "rejected").click();
  for (const key of ["draft", "extract", "review", "rejected"])
    await expect(stateNode(page, key)).toHaveAttribute("data-on-path", "true");
  await expect(stateNode(page, "approved")).not.toHaveAttribute("data-on-path");
  await expect(page.getByTestId("edge-label-mark_paid")).not.toHaveAttribute("data-on-path");

  // A global transition's path starts at the "any state" node.
  await stateNode(page, "cancelled").click();
  await expect(stateNode(page, "draft")).toHaveAttribute("data-on-path", "true");
  await expect(page.getByTestId("edge-label-cancel")).toHaveAttribute("data-on-path", "true");

  // Nothing selected, nothing drawn.
  await page.keyboard.press("Escape");
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await expect(page.locator("[data-on-path]")).toHaveCount(0);
});

test("dragging a transition's end onto another state re-targets it, and its start re-sources it", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  const { name, key } = uniqueWorkflowName("Reconnect");
  await createWorkflowInUi(page, name);

  // start --finish--> done; add "review" and move the end of "finish" from done onto it.
  await page.getByRole("button", { name: "Add state" }).click();
  await page.getByLabel("Key").fill("review");
  await expect(stateNode(page, "review")).toBeVisible();
  await dragEdgeEnd(page, "finish", "target", "review", "target");
  await expect(page.getByLabel("To", { exact: true })).toHaveValue("review");
  await expectSaved(page);
  let draft = (await draftDefinition(db, key)).find((v) => v.status === "DRAFT")!.definition;
  expect(draft.transitions).toContainEqual(expect.objectContaining({ key: "finish", from: ["start"], to: "review" }));
  expect(draft.transitions.filter((t) => t.key === "finish")).toHaveLength(1);

  // Connect review to done, then move that transition's start from review to start.
  await connect(page, "review", "done");
  await expect(page.getByTestId("edge-label-to_done")).toBeVisible();
  await dragEdgeEnd(page, "to_done", "source", "start", "source");
  await expectSaved(page);
  draft = (await draftDefinition(db, key)).find((v) => v.status === "DRAFT")!.definition;
  expect(draft.transitions).toContainEqual(expect.objectContaining({ key: "to_done", from: ["start"], to: "done" }));
  expect(draft.transitions).not.toContainEqual(expect.objectContaining({ from: ["review"] }));

  // Undo puts the edge back where it was.
  await page.getByRole("button", { name: "Undo" }).click();
  await expectSaved(page);
  draft = (await draftDefinition(db, key)).find((v) => v.status === "DRAFT")!.definition;
  expect(draft.transitions).toContainEqual(expect.objectContaining({ key: "to_done", from: ["review"], to: "done" }));
});

test("undo and redo show the restored values in the inspector", async ({ page, createUser, signIn, db }) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  const { name, key } = uniqueWorkflowName("Undo");
  await createWorkflowInUi(page, name);

  await stateNode(page, "start").click();
  const label = page.getByLabel("Label");
  await expect(label).toHaveValue("Start");
  await label.fill("Begin here");
  await page.getByLabel("SLA (seconds in this state)").fill("90");
  await expect(stateNode(page, "start")).toContainText("Begin here");
  await expect(stateNode(page, "start")).toContainText("SLA 90s");

  // Undo twice with the toolbar: the SLA, then the label, go back — in the card and the inspector.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByLabel("SLA (seconds in this state)")).toHaveValue("");
  await expect(label).toHaveValue("Begin here");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByLabel("Label")).toHaveValue("Start");
  await expect(stateNode(page, "start")).not.toContainText("Begin here");

  // Redo from the keyboard with the card focused: the inspector follows again.
  await stateNode(page, "start").click();
  await page.keyboard.press("Control+Shift+Z");
  await expect(page.getByLabel("Label")).toHaveValue("Begin here");
  await expect(stateNode(page, "start")).toContainText("Begin here");

  // A transition's inspector too: rename its label, undo, and the field shows the old one.
  await page.getByTestId("edge-label-finish").click();
  await page.getByLabel("Label").fill("Complete");
  await expect(page.getByTestId("edge-label-finish")).toHaveText("Complete");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByLabel("Label")).toHaveValue("Finish");
  await expect(page.getByTestId("edge-label-finish")).toHaveText("Finish");

  await expectSaved(page);
  const draft = (await draftDefinition(db, key)).find((v) => v.status === "DRAFT")!.definition as unknown as {
    states: { key: string; label?: string }[];
    transitions: { key: string; label?: string }[];
  };
  expect(draft.states.find((s) => s.key === "start")?.label).toBe("Begin here");
  expect(draft.transitions.find((t) => t.key === "finish")?.label).toBe("Finish");
});
