import { expect, test } from "../fixtures";
import { connect, createWorkflowInUi, draftDefinition, expectSaved, stateNode, uniqueWorkflowName } from "./designer-helpers";

test("an admin draws a workflow, sees a problem, fixes it, publishes, and finds it intact after a reload", async ({ page, createUser, signIn, db }) => {
  const admin = await createUser("ADMIN");
  await signIn(page, admin);
  const { name, key } = uniqueWorkflowName("Vendor onboarding");
  await createWorkflowInUi(page, name);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(stateNode(page, "start")).toBeVisible();
  await expect(stateNode(page, "done")).toBeVisible();

  // Add a state and name it in the inspector.
  await page.getByRole("button", { name: "Add state" }).click();
  const keyInput = page.getByLabel("Key");
  await keyInput.fill("Review!");
  await expect(page.getByText("Start with a lowercase letter")).toBeVisible();
  await keyInput.fill("done");
  await expect(page.getByText('Another state already uses the key "done"')).toBeVisible();
  await keyInput.fill("review");
  await page.getByLabel("Label").fill("Review");
  await expect(stateNode(page, "review")).toBeVisible();

  // Unconnected, it is a live problem, and publish is blocked.
  await page.getByRole("tab", { name: /Problems/ }).click();
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText('"review"');
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();
  await problems.getByRole("button").filter({ hasText: "cannot be reached" }).first().click();
  await expect(page.getByLabel("Key")).toHaveValue("review");

  // Connect it by dragging handles: start → review → done.
  await connect(page, "start", "review");
  await expect(page.getByTestId("edge-label-to_review")).toBeVisible();
  await connect(page, "review", "done");
  await expect(page.getByTestId("edge-label-to_done")).toBeVisible();

  // Add an error state with a way out, and set kinds.
  await page.getByRole("button", { name: "Add state" }).click();
  await page.getByLabel("Key").fill("rejected");
  await page.getByLabel("Kind").selectOption("terminal");
  await expect(stateNode(page, "rejected")).toHaveAttribute("data-kind", "terminal");
  await connect(page, "review", "rejected");

  await page.getByRole("tab", { name: /Problems/ }).click();
  await expect(page.getByTestId("no-problems")).toBeVisible();
  await expectSaved(page);
  const publish = page.getByRole("button", { name: "Publish" });
  await expect(publish).toBeEnabled();
  await publish.click();
  await expect(page.getByTestId("designer-notice")).toContainText("Published version 1");

  await page.reload();
  for (const state of ["start", "review", "done", "rejected"]) await expect(stateNode(page, state)).toBeVisible();
  await expect(page.getByTestId("edge-label-to_review")).toBeVisible();

  const versions = await draftDefinition(db, key);
  expect(versions).toHaveLength(1);
  expect(versions[0]!.status).toBe("PUBLISHED");
  expect(versions[0]!.definition.states.map((s) => s.key).sort()).toEqual(["done", "rejected", "review", "start"]);
  expect(versions[0]!.definition.transitions).toContainEqual(expect.objectContaining({ key: "to_review", from: ["start"], to: "review" }));
});
