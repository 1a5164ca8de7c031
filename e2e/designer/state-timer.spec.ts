import { openDb, type Db } from "../../lib/db/client";
import type { WorkflowDefinitionInput } from "../../lib/engine";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { createTimerLoop } from "../../lib/worker/timer-loop";
import { expectAccessible } from "../accessibility";
import { expect, runDatabaseUrl, test } from "../fixtures";
import { draftDefinition, expectSaved, stateNode, uniqueWorkflowName } from "./designer-helpers";

/** Requests: drafts are submitted for review, then approved or rejected. No timer yet. */
const REQUESTS: WorkflowDefinitionInput = {
  states: [
    { key: "draft", label: "Draft", kind: "initial" },
    { key: "review", label: "In review", kind: "normal" },
    { key: "approved", label: "Approved", kind: "terminal" },
    { key: "rejected", label: "Rejected", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", label: "Submit", from: ["draft"], to: "review" },
    { key: "approve", label: "Approve", from: ["review"], to: "approved" },
    { key: "reject", label: "Reject", from: ["review"], to: "rejected" },
  ],
  layout: {
    draft: { x: 0, y: 0 },
    review: { x: 260, y: 0 },
    approved: { x: 520, y: -80 },
    rejected: { x: 520, y: 80 },
  },
};

/*
 * An admin makes drafts submit themselves: in the designer's state inspector they pick the
 * transition the timer fires and type how long to wait (a wait under a second is refused at the
 * field), the canvas shows a clock on the state, and after publishing, a new document's timer
 * fires by itself. The timer is fired by the worker's own timer loop, run here against the e2e
 * database (this server runs no worker); the spec waits for the page to show the change, never
 * for time.
 */
test("an admin sets a timer in the designer, sees its clock, and a document's timer fires by itself", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const { name, key } = uniqueWorkflowName("Timers");
  // The worker side of the story: the timer loop (started below) and the workflow's first draft.
  const workerDb: Db = await openDb({ databaseUrl: runDatabaseUrl(), dataDir: "", poolSize: 2 });
  try {
    await createWorkflow(
      workerDb,
      { type: "API", id: null, name: "e2e", role: "admin" },
      { key, name, definition: REQUESTS },
    );
    await signIn(page, await createUser("admin"));
    await page.goto(`/workflows/${key}`);
    await expect(page.getByTestId("designer-canvas")).toBeVisible({ timeout: 30_000 });

    await test.step("set the timer in the state inspector: pick a transition, type the wait", async () => {
      await stateNode(page, "draft").click();
      const timer = page.getByLabel("State inspector");
      await timer.getByLabel("Fire by itself").selectOption("submit");
      const wait = timer.getByLabel("After (seconds in this state)");
      await expect(wait).toHaveValue("3600");
      await expect(stateNode(page, "draft").getByTestId("timer-badge-draft")).toContainText("1h → submit");
      await wait.fill("0.5");
      await expect(timer.getByRole("alert")).toHaveText("Between 1 second and 31,622,400 seconds (a year).");
      await wait.fill("2");
      await expect(timer.getByRole("alert")).toHaveCount(0);
      await expect(stateNode(page, "draft").getByTestId("timer-badge-draft")).toContainText("2s → submit");
      await expectSaved(page);
      await expectAccessible(page);
      await page.screenshot({ path: "/tmp/timers-designer.png" });
      const [draft] = await draftDefinition(db, key);
      const draftState = draft!.definition.states.find((s) => s.key === "draft") as { timeout?: unknown };
      expect(draftState.timeout).toEqual({ afterSeconds: 2, transition: "submit" });
    });

    await test.step("publish", async () => {
      const publish = page.getByRole("button", { name: "Publish" });
      await expect(publish).toBeEnabled();
      await publish.click();
      await page
        .getByRole("dialog", { name: "Publish version 1" })
        .getByRole("button", { name: "Publish", exact: true })
        .click();
      await expect(page.getByTestId("designer-notice")).toContainText("Published version 1");
    });

    const title = `Timed invoice ${Date.now()}`;
    await test.step("a new document shows when its timer fires", async () => {
      await page.goto(`/documents?workflow=${key}`);
      await page.getByRole("button", { name: "New document" }).click();
      const dialog = page.getByRole("dialog", { name: "New document" });
      await dialog.getByLabel("Title").fill(title);
      await dialog.getByRole("button", { name: "Create document" }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByTestId("document-state")).toHaveText("Draft");
      await expect(page.getByRole("region", { name: "Timer", exact: true })).toContainText("Fires “Submit” by itself");
      await page.screenshot({ path: "/tmp/timers-document-waiting.png", fullPage: true });
    });

    await test.step("the timer fires: the page shows the new state and the timeline says by whom", async () => {
      const loop = createTimerLoop({ db: workerDb, pollIntervalMs: 200, log: () => undefined });
      loop.start();
      try {
        // The page watches its document: a change it did not make shows the reload banner.
        const banner = page.getByRole("alert").filter({ hasText: "This document changed since you loaded it" });
        await expect(banner).toBeVisible({ timeout: 30_000 });
        await banner.getByRole("button", { name: /Reload/ }).click();
        await expect(page.getByTestId("document-state")).toHaveText("In review");
        const latest = page.getByRole("list", { name: "History" }).getByRole("listitem").first();
        await expect(latest).toContainText("fired by timer");
        await expect(latest).toContainText("submit");
        await page.screenshot({ path: "/tmp/timers-document-fired.png", fullPage: true });
      } finally {
        await loop.stop();
      }
      const { rows } = await db.query(
        `SELECT h.type::text AS type, h."transitionKey", h."actorId" FROM "HistoryEvent" h JOIN "Document" d ON d.id = h."documentId"
          WHERE d.title = $1 ORDER BY h.seq`,
        [title],
      );
      expect(rows).toEqual([
        { type: "CREATED", transitionKey: null, actorId: expect.any(String) },
        { type: "TRANSITION", transitionKey: "submit", actorId: "timer" },
      ]);
    });
  } finally {
    await workerDb.close();
  }
});
