import { readFile } from "node:fs/promises";
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
 * Editing stories a person relies on without thinking: shortcuts that work wherever focus
 * ended up, connections that stay separate transitions, outcomes that follow a moved
 * transition, numbers typed digit by digit, and a Mermaid export of a freshly drawn graph.
 */

type Draft = {
  states: { key: string; kind: string; onSuccess?: string; action?: { timeoutMs?: number } }[];
  transitions: { key: string; from: string[]; to: string }[];
  layout: Record<string, { x: number; y: number }>;
};
async function draftOf(db: Parameters<typeof draftDefinition>[0], key: string): Promise<Draft> {
  return (await draftDefinition(db, key)).find((v) => v.status === "DRAFT")!.definition as unknown as Draft;
}
const emptyCanvas = (page: Page) => page.locator(".react-flow__pane").click({ position: { x: 30, y: 30 } });

test("shortcuts work after a click on the empty canvas: select all, add, delete, undo, redo, copy, paste, arrow keys", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  await signIn(page, await createUser("admin"));
  const { name, key } = uniqueWorkflowName("Keys");
  await createWorkflowInUi(page, name);
  await expect(stateNode(page, "start")).toBeVisible();

  await emptyCanvas(page);
  await page.keyboard.press("Control+a");
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(2);
  await emptyCanvas(page);
  await page.keyboard.press("n");
  await expect(stateNode(page, "state")).toBeVisible();

  await stateNode(page, "state").click();
  await page.keyboard.press("Delete");
  await expect(stateNode(page, "state")).toHaveCount(0);
  await emptyCanvas(page); // focus is on the page body now
  await page.keyboard.press("Control+z");
  await expect(stateNode(page, "state")).toBeVisible();
  await page.keyboard.press("Control+Shift+z");
  await expect(stateNode(page, "state")).toHaveCount(0);

  await stateNode(page, "done").click();
  await page.keyboard.press("Control+c");
  await emptyCanvas(page);
  await page.keyboard.press("Control+v");
  await expect(stateNode(page, "done_copy")).toBeVisible();
  await expectSaved(page);
  const before = (await draftOf(db, key)).layout.done!;

  // Arrow keys move the focused card (React Flow); letting go saves where it went.
  await stateNode(page, "done").click();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expectSaved(page);
  const draft = await draftOf(db, key);
  expect(draft.states.map((s) => s.key)).toEqual(["start", "done", "done_copy"]);
  expect(draft.layout.done!.x).toBeGreaterThan(before.x);
});

test("connections into one state stay separate transitions, a moved transition leaves no stale outcome, and numbers type naturally", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  await signIn(page, await createUser("admin"));
  const { name, key } = uniqueWorkflowName("Outcomes");
  await createWorkflowInUi(page, name);
  await page.getByRole("button", { name: "Add state" }).click();
  await page.getByLabel("Key").fill("review");
  await expect(stateNode(page, "review")).toBeVisible();

  // Two connections into "done", from review and from start: two transitions, not one with two sources.
  await connect(page, "review", "done");
  await expect(page.getByTestId("edge-label-to_done")).toBeVisible();
  await connect(page, "start", "done");
  await expect(page.getByTestId("edge-label-to_done_2")).toBeVisible();

  // A webhook on start whose success fires to_done_2; its timeout typed digit by digit.
  await stateNode(page, "start").click();
  await page.getByLabel("Action").selectOption("webhook");
  const timeout = page.getByLabel("Timeout (ms)");
  await timeout.fill("");
  await timeout.pressSequentially("5000");
  await expect(timeout).toHaveValue("5000");
  await page.getByLabel("On success fire").selectOption("to_done_2");
  await timeout.fill("50");
  await expect(page.getByText("Between 100 and 300,000 ms.")).toBeVisible();
  await timeout.fill("5000");
  await expectSaved(page);
  let draft = await draftOf(db, key);
  expect(draft.transitions.filter((t) => t.to === "done").map((t) => [t.key, t.from])).toEqual([
    ["finish", ["start"]],
    ["to_done", ["review"]],
    ["to_done_2", ["start"]],
  ]);
  expect(draft.states.find((s) => s.key === "start")).toMatchObject({
    onSuccess: "to_done_2",
    action: { timeoutMs: 5000 },
  });

  // Move to_done_2's start from start to review: start's onSuccess must not name it any more.
  const anchor = page.locator('[data-testid^="rf__edge-t:to_done_2:"] .react-flow__edgeupdater-source').first();
  const from = (await anchor.boundingBox())!;
  const to = (await stateNode(page, "review").locator(".react-flow__handle.source").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2 + 6, to.y + to.height / 2 + 4, { steps: 12 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 2 });
  await page.mouse.up();
  await expectSaved(page);
  draft = await draftOf(db, key);
  expect(draft.transitions).toContainEqual(expect.objectContaining({ key: "to_done_2", from: ["review"] }));
  expect(draft.states.find((s) => s.key === "start")?.onSuccess).toBeUndefined();
});

test("a freshly drawn graph exports as Mermaid that the designer's mermaid parser accepts", async ({
  page,
  createUser,
  signIn,
}) => {
  await signIn(page, await createUser("admin"));
  await createWorkflowInUi(page, uniqueWorkflowName("Mermaid").name);
  await page.getByRole("button", { name: "Add state" }).click(); // keyed "state", a Mermaid keyword
  await expect(stateNode(page, "state")).toBeVisible();
  await page.getByText("Export ▾").click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Mermaid diagram" }).click();
  const text = await readFile((await (await download).path())!, "utf8");
  expect(text.startsWith("stateDiagram-v2\n")).toBe(true);
  expect(text).toContain('state "Start" as s_start');
  expect(text).toContain("as s_state");
  expect(text).toContain("s_start --> s_done : Finish");
  await expect(page.getByTestId("designer-notice")).toHaveCount(0);
});

test("transitions naming unknown states can be removed from the problems list, and an unreadable draft is never overwritten", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  await signIn(page, await createUser("admin"));
  const { name, key } = uniqueWorkflowName("Dangling");
  await createWorkflowInUi(page, name);
  const def = {
    states: [
      { key: "a", kind: "initial" },
      { key: "b", kind: "terminal" },
    ],
    transitions: [
      { key: "go", from: ["a"], to: "b" },
      { key: "lost", from: ["a"], to: "nowhere" },
    ],
  };
  await page
    .getByTestId("import-file")
    .setInputFiles({ name: "dangling.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(def)) });
  await page.getByRole("tab", { name: /Problems/ }).click();
  const block = page.getByTestId("off-canvas-transitions");
  await expect(block).toContainText("lost");
  await block.getByRole("button", { name: "Remove it" }).click();
  await expect(block).toHaveCount(0);
  await expectSaved(page);
  expect((await draftOf(db, key)).transitions.map((t) => t.key)).toEqual(["go"]);

  // A stored draft that no longer passes the schema: shown read-only with the reason, never saved over.
  await db.query(
    `UPDATE "WorkflowVersion" v SET definition = '{"states": "broken"}'::jsonb FROM "Workflow" w WHERE w.id = v."workflowId" AND w.key = $1 AND v.status = 'DRAFT'`,
    [key],
  );
  await page.reload();
  await expect(page.getByTestId("unreadable-banner")).toContainText("could not be read");
  await expect(page.getByTestId("unreadable-banner")).toContainText("states");
  await expect(page.getByRole("button", { name: "Add state" })).toHaveCount(0);
  const [row] = (
    await db.query(
      `SELECT v.definition FROM "WorkflowVersion" v JOIN "Workflow" w ON w.id = v."workflowId" WHERE w.key = $1 AND v.status = 'DRAFT'`,
      [key],
    )
  ).rows;
  expect(row.definition).toEqual({ states: "broken" });
});
