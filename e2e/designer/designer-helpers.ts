import { randomBytes } from "node:crypto";
import { expect, type Locator, type Page, type Route } from "@playwright/test";
import type pg from "pg";

/** A workflow key unique to this run, so parallel specs never share a workflow. */
export function uniqueWorkflowName(prefix: string): { name: string; key: string } {
  const suffix = randomBytes(3).toString("hex");
  return { name: `${prefix} ${suffix}`, key: `${prefix.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix}` };
}

/** Creates a workflow through the Workflows page's "New workflow" dialog and waits for the designer. */
export async function createWorkflowInUi(page: Page, name: string, template: "Blank" | "Invoice processing" = "Blank") {
  await page.goto("/workflows");
  await page.getByRole("button", { name: "New workflow" }).click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("radio", { name: new RegExp(`^${template}`) }).check();
  await dialog.getByRole("button", { name: "Create and open designer" }).click();
  await expect(page).toHaveURL(/\/workflows\/[a-z0-9-]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("designer-canvas")).toBeVisible({ timeout: 30_000 });
}

export function stateNode(page: Page, key: string): Locator {
  return page.getByTestId(`state-node-${key}`);
}

/** Connects two states the way a person does: drag from the source's right handle onto the target's left handle. */
export async function connect(page: Page, from: string, to: string) {
  // The canvas may still be panning (revealing a selection): measure once it holds still.
  const boxes = async () =>
    [
      await stateNode(page, from).locator(".react-flow__handle.source").boundingBox(),
      await stateNode(page, to).locator(".react-flow__handle.target").boundingBox(),
    ] as const;
  let [source, target] = await boxes();
  for (let i = 0; i < 30; i += 1) {
    await page.waitForTimeout(100);
    const [s, t] = await boxes();
    const isStill = JSON.stringify([s, t]) === JSON.stringify([source, target]);
    [source, target] = [s, t];
    if (isStill) break;
  }
  if (!source || !target) throw new Error(`handles of ${from} or ${to} are not on screen`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2 + 4, target.y + target.height / 2, { steps: 12 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 2 });
  await page.mouse.up();
}

/** Waits for autosave to settle on "All changes saved". */
export async function expectSaved(page: Page, timeout = 10_000) {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout });
}

export async function draftDefinition(
  db: pg.Pool,
  key: string,
): Promise<
  {
    status: string;
    definition: { states: { key: string; kind: string }[]; transitions: { key: string; from: string[]; to: string }[] };
  }[]
> {
  const result = await db.query(
    `SELECT v.status, v.definition FROM "WorkflowVersion" v JOIN "Workflow" w ON w.id = v."workflowId" WHERE w.key = $1 ORDER BY v.version`,
    [key],
  );
  return result.rows;
}

/** Routes the page's save requests through `handle`; other requests go on untouched. */
export async function routeSaves(page: Page, handle: (route: Route) => Promise<void>) {
  await page.route(page.url(), async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    await handle(route);
  });
}

/** Adds a state with the toolbar and types its key. */
export async function addState(page: Page, key: string) {
  await page.getByRole("button", { name: "Add state" }).click();
  await page.getByLabel("Key").fill(key);
}
