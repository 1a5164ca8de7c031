import { expect, test } from "../fixtures";
import { createWorkflowInUi, draftDefinition, expectSaved, stateNode, uniqueWorkflowName } from "./designer-helpers";

test("two tabs editing one draft: the stale tab is told to reload and overwrites nothing", async ({
  page,
  context,
  createUser,
  signIn,
  db,
}) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  const { name, key } = uniqueWorkflowName("Two tabs");
  await createWorkflowInUi(page, name);
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await expect(stateNode(other, "start")).toBeVisible();

  // Tab one saves first.
  await page.getByRole("button", { name: "Add state" }).click();
  await page.getByLabel("Key").fill("from_tab_one");
  await expectSaved(page);

  // Tab two still holds the old revision.
  await other.getByRole("button", { name: "Add state" }).click();
  await other.getByLabel("Key").fill("from_tab_two");
  await expect(other.getByRole("alert").filter({ hasText: "Changed elsewhere — reload" })).toBeVisible();
  await expect(other.getByTestId("save-status")).toHaveAttribute("data-status", "conflict");
  await expect(other.getByRole("button", { name: "Publish" })).toBeDisabled();

  const [draft] = await draftDefinition(db, key);
  const keys = draft!.definition.states.map((s) => s.key);
  expect(keys).toContain("from_tab_one");
  expect(keys).not.toContain("from_tab_two");

  // Reloading shows the saved draft.
  await other.getByRole("button", { name: "Reload" }).click();
  await expect(stateNode(other, "from_tab_one")).toBeVisible();
});
