import { openDb } from "../../lib/db/client";
import type { Actor, WorkflowDefinitionInput } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireDueTimers } from "../../lib/services/timers/fire-due-timers";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { expectAccessible } from "../accessibility";
import { expect, runDatabaseUrl, test } from "../fixtures";

/*
 * A timer whose transition is refused says so where people look: quotes wait a minute, then
 * their timer tries to expire them, but only quotes marked "expirable" may expire. The
 * refusal is on the document page (the timer panel and the history, by the timer) and the
 * timer does not try again. Set up through the services, with the timer pass run as the
 * worker runs it, its clock a minute ahead (no waiting for time).
 */
const QUOTES: WorkflowDefinitionInput = {
  states: [
    { key: "open", label: "Open", kind: "initial", timeout: { afterSeconds: 60, transition: "expire" } },
    { key: "expired", label: "Expired", kind: "terminal" },
    { key: "accepted", label: "Accepted", kind: "terminal" },
  ],
  transitions: [
    {
      key: "expire",
      label: "Expire",
      from: ["open"],
      to: "expired",
      guard: { jsonSchema: { type: "object", required: ["expirable"] } },
    },
    { key: "accept", label: "Accept", from: ["open"], to: "accepted" },
  ],
};

const SETUP: Actor = { type: "API", id: null, name: "e2e", role: "admin" };

test("a refused timer shows on the document page and in its history, and does not try again", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const key = `quotes-${Date.now().toString(36)}`;
  const workerDb = await openDb({ databaseUrl: runDatabaseUrl(), dataDir: "", poolSize: 2 });
  let documentId: string;
  try {
    await createWorkflow(workerDb, SETUP, { key, name: `Quotes ${key}`, definition: QUOTES });
    await publishWorkflow(workerDb, SETUP, { key });
    documentId = (await createDocument(workerDb, SETUP, { workflow: key, title: "Quote for ACME" })).document.id;
    const pass = () =>
      fireDueTimers(workerDb, {
        owner: "e2e-timers",
        now: new Date(Date.now() + 61_000),
        leaseMs: 30_000,
        limit: 1000,
      });
    await pass();
    await pass();
  } finally {
    await workerDb.close();
  }

  await signIn(page, await createUser("operator"));
  await page.goto(`/documents/${documentId}`);
  await expect(page.getByTestId("document-state")).toHaveText("Open");
  const timer = page.getByRole("region", { name: "Timer", exact: true });
  await expect(timer).toContainText("Refused");
  await expect(timer).toContainText("“Expire” was refused when due");
  await expect(timer).toContainText("expirable");
  const latest = page.getByRole("list", { name: "History" }).getByRole("listitem").first();
  await expect(latest).toContainText("Timer refused");
  await expect(latest).toContainText("by timer");
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/timers-document-refused.png", fullPage: true });

  const { rows } = await db.query(
    `SELECT type::text AS type, "transitionKey", "actorId" FROM "HistoryEvent" WHERE "documentId" = $1 ORDER BY seq`,
    [documentId],
  );
  // Two passes, one refusal: a refused timer is parked, never retried.
  expect(rows).toEqual([
    { type: "CREATED", transitionKey: null, actorId: null },
    { type: "TIMER_REFUSED", transitionKey: "expire", actorId: "timer" },
  ]);
});
