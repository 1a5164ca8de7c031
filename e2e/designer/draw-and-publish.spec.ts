import { expect, test } from "../fixtures";
import {
  connect,
  createWorkflowInUi,
  draftDefinition,
  expectSaved,
  stateNode,
  uniqueWorkflowName,
} from "./designer-helpers";

test("an admin draws a workflow, sees a problem, fixes it, publishes, and finds it intact after a reload", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const admin = await createUser("admin");
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
  // The dialog replays the draft over recent history first: a new workflow has none.
  const dialog = page.getByRole("dialog", { name: "Publish version 1" });
  await expect(dialog.getByTestId("replay-summary")).toContainText("no recent history to replay");
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("designer-notice")).toContainText("Published version 1");

  await page.reload();
  for (const state of ["start", "review", "done", "rejected"]) await expect(stateNode(page, state)).toBeVisible();
  await expect(page.getByTestId("edge-label-to_review")).toBeVisible();

  const versions = await draftDefinition(db, key);
  expect(versions).toHaveLength(1);
  expect(versions[0]!.status).toBe("PUBLISHED");
  expect(versions[0]!.definition.states.map((s) => s.key).sort()).toEqual(["done", "rejected", "review", "start"]);
  expect(versions[0]!.definition.transitions).toContainEqual(
    expect.objectContaining({ key: "to_review", from: ["start"], to: "review" }),
  );

  // Edit the published graph: a new draft. Version 1 opens read-only with the draft's changes drawn on it.
  await stateNode(page, "review").click();
  await page.getByLabel("Label").fill("Second look");
  await page.getByRole("button", { name: "Add state" }).click();
  await page.getByLabel("Key").fill("archive");
  await page.getByLabel("Kind").selectOption("terminal");
  await connect(page, "review", "archive");
  await stateNode(page, "rejected").click();
  await page.keyboard.press("Delete");
  await expect(stateNode(page, "rejected")).toHaveCount(0);
  await expectSaved(page);
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByRole("link", { name: "View & diff" }).click();
  const banner = page.getByTestId("viewing-banner");
  await expect(banner).toContainText("Viewing version 1 (published) read-only");
  // The draft added archive and its transition, removed rejected and its transition, changed review.
  await expect(banner).toContainText("2 added");
  await expect(banner).toContainText("2 removed");
  await expect(banner).toContainText("1 changed");
  await expect(stateNode(page, "archive")).toHaveAttribute("data-diff", "added");
  await expect(stateNode(page, "rejected")).toHaveAttribute("data-diff", "removed");
  await expect(stateNode(page, "review")).toHaveAttribute("data-diff", "changed");
  await expect(stateNode(page, "start")).not.toHaveAttribute("data-diff");
  await expect(page.getByRole("button", { name: "Add state" })).toHaveCount(0);
  // Nothing is written while viewing; back to the draft, it is as it was.
  await banner.getByRole("link", { name: "Back to the draft" }).click();
  await expect(stateNode(page, "archive")).toBeVisible();
  await expect(stateNode(page, "rejected")).toHaveCount(0);
  const after = await draftDefinition(db, key);
  expect(after.map((v) => v.status)).toEqual(["PUBLISHED", "DRAFT"]);
  expect(after[0]!.definition.states.map((s) => s.key).sort()).toEqual(["done", "rejected", "review", "start"]);
});
