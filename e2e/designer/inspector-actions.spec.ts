import { expect, test } from "../fixtures";
import { createWorkflowInUi, draftDefinition, expectSaved, stateNode, uniqueWorkflowName } from "./designer-helpers";

test("an admin changes where a transition leaves from, makes it global, and duplicates and deletes with the inspector's buttons", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  await signIn(page, await createUser("admin"));
  const { name, key } = uniqueWorkflowName("Sources");
  await createWorkflowInUi(page, name, "Invoice processing");
  const inspector = page.getByLabel("Transition inspector");
  const sources = inspector.getByRole("list", { name: "Source states" });

  // "Reject" leaves review and extraction_failed; approved becomes a third source.
  await page.getByTestId("edge-label-reject").first().click();
  await expect(sources.getByRole("checkbox", { name: /^review/ })).toBeChecked();
  await expect(sources.getByRole("checkbox", { name: /^paid/ })).toBeDisabled();
  await sources.getByRole("checkbox", { name: /^approved/ }).check();
  await expect(page.getByTestId("edge-label-reject")).toHaveCount(3);

  // Then global: one edge from the any-state node, which now carries two transitions.
  await inspector.getByRole("checkbox", { name: /^Any state/ }).check();
  await expect(page.getByTestId("edge-label-reject")).toHaveCount(1);
  await expect(page.getByTestId("any-state-node")).toContainText("2");

  // A transition cannot be left without a source: refused at the list, nothing changes.
  await page.getByTestId("edge-label-mark_paid").click();
  await sources.getByRole("checkbox", { name: /^approved/ }).click();
  await expect(inspector.getByRole("alert")).toHaveText("A transition must leave at least one state.");
  await expect(sources.getByRole("checkbox", { name: /^approved/ })).toBeChecked();
  await expect(page.getByTestId("edge-label-mark_paid")).toHaveCount(1);

  // Delete it with the button: "paid" can no longer be reached; undo brings it back.
  await page.getByRole("button", { name: "Delete transition" }).click();
  await expect(page.getByTestId("edge-label-mark_paid")).toHaveCount(0);
  await page.getByRole("tab", { name: /Problems/ }).click();
  await expect(page.getByRole("list", { name: "Problems" })).toContainText('"paid"');
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.getByTestId("edge-label-mark_paid")).toHaveCount(1);

  // Duplicate a state, then delete the copy, with the state inspector's buttons.
  await stateNode(page, "approved").click();
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(stateNode(page, "approved_copy")).toBeVisible();
  await expect(page.getByLabel("Key")).toHaveValue("approved_copy");
  await page.getByRole("button", { name: "Delete state" }).click();
  await expect(stateNode(page, "approved_copy")).toHaveCount(0);

  await expectSaved(page);
  const [draft] = await draftDefinition(db, key);
  const transitions = new Map(draft!.definition.transitions.map((t) => [t.key, t]));
  expect(transitions.get("reject")).toMatchObject({ from: ["*"], to: "rejected" });
  expect(transitions.get("mark_paid")).toMatchObject({ from: ["approved"], to: "paid" });
  expect(transitions.get("cancel")).toMatchObject({ from: ["*"] });
  expect(draft!.definition.states.map((s) => s.key)).not.toContain("approved_copy");
});
