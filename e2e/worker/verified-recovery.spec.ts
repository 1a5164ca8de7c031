import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";
import { LIVE_PREFIX, startLiveWorker, startReceiver, type LiveWorker } from "../live-worker";
import { webhookWorkflow } from "../../test/worker/worker-fixtures";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { OPERATOR } from "../../test/helpers/fixtures";

/*
 * Verified recovery with a worker really running: an extraction service is down, documents
 * land in "extraction failed"; an operator retries one from its page and sees it fail again,
 * then the service comes back and the error group's "Retry all" ends in "recovered", on the
 * bulk operation's page, on the error group's card and on the document itself.
 */
let live: LiveWorker;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const workflow = `${LIVE_PREFIX}recovery-${Date.now().toString(36)}`;
const pausing = `${LIVE_PREFIX}pausing-${Date.now().toString(36)}`;
const ONE_ATTEMPT = { maxAttempts: 1, strategy: "fixed", initialDelayMs: 1000, backoffRate: 1, jitter: "none" };

test.beforeAll(async () => {
  receiver = await startReceiver();
  live = await startLiveWorker();
  await live.publish(workflow, webhookWorkflow(receiver.url, ONE_ATTEMPT));
  await live.publish(pausing, webhookWorkflow(`${receiver.url}?always=down`, ONE_ATTEMPT));
});
test.afterAll(async () => {
  await live?.stop();
  await receiver?.close();
});

test("a retry fails again while the service is down, then an error group's Retry all recovers every document", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const ids: string[] = [];
  await test.step("three documents' extraction fails while the service is down", async () => {
    for (let i = 1; i <= 3; i += 1) {
      const { document } = await createDocument(live.db, OPERATOR, { workflow, title: `Recovery invoice ${i}` });
      await fireTransition(live.db, OPERATOR, { documentId: document.id, transition: "submit" });
      ids.push(document.id);
    }
    await expect
      .poll(
        async () =>
          (
            await db.query(
              `SELECT count(*)::int AS n FROM "Document" WHERE id = ANY($1) AND state = 'extraction_failed'`,
              [ids],
            )
          ).rows[0].n,
        { timeout: 20_000 },
      )
      .toBe(3);
  });

  const operator = await createUser("operator");
  await signIn(page, operator);

  await test.step("Retry now on one document: the page reports it failed again, with the new error", async () => {
    await page.goto(`/documents/${ids[0]}`);
    await page.getByRole("region", { name: "Automated action" }).getByRole("button", { name: "Retry now" }).click();
    const lastRetry = page.getByTestId("last-retry");
    await expect(lastRetry).toHaveAttribute("data-outcome", "failed_again", { timeout: 20_000 });
    await expect(page.getByRole("region", { name: "Last retry" })).toContainText(
      "New error: HTTP 503: extraction service down",
    );
    await page.screenshot({ path: "/tmp/recovery-document-failed-again.png", fullPage: true });
  });

  await test.step("the service is back: Retry all from the error group, and watch the retries recover", async () => {
    receiver.setStatus(200);
    await page.goto("/attention");
    const group = page.locator(`[data-testid="error-group"]`).filter({ hasText: workflow });
    await expect(group).toContainText("3");
    await group.getByRole("link", { name: "Retry all…" }).click();
    const dialog = page.getByRole("dialog", { name: "Bulk action" });
    await expect(dialog.getByRole("checkbox", { name: /pause if more than 50% of them fail again/ })).toBeChecked();
    await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
    await dialog.getByRole("button", { name: /^Run/ }).click();
    await expect(page).toHaveURL(/\/documents\/bulk\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("bulk-recovery")).toContainText("Recovered 3", { timeout: 20_000 });
    await expect(page.getByTestId("bulk-recovery")).toContainText("Still running 0");
    await expect(page.getByTestId("bulk-recovery")).toContainText("Failed again 0");
    await page.getByRole("tab", { name: /All/ }).click();
    await expect(page.getByTestId("item-recovery")).toHaveText(["recovered", "recovered", "recovered"]);
    await expectAccessible(page);
    await page.screenshot({ path: "/tmp/recovery-bulk-recovered.png", fullPage: true });
  });

  await test.step("the group no longer fails: it stays under Recently retried with its outcome", async () => {
    await page.goto("/attention");
    const recent = page.getByTestId("recently-retried").locator("li").filter({ hasText: workflow });
    await expect(recent.getByTestId("group-retry")).toContainText("3 recovered · 0 failed again · 0 still running");
    await page.screenshot({ path: "/tmp/recovery-attention.png", fullPage: true });
  });

  await test.step("the document itself shows recovered, and is in review", async () => {
    await page.goto(`/documents/${ids[0]}`);
    await expect(page.getByTestId("last-retry")).toHaveAttribute("data-outcome", "recovered");
    const { rows } = await db.query(
      `SELECT d.state, r.status::text AS status FROM "Document" d JOIN "RetryRecovery" r ON r."documentId" = d.id
        WHERE d.id = ANY($1) AND r."bulkOperationId" IS NOT NULL ORDER BY d.title`,
      [ids],
    );
    expect(rows).toEqual(ids.map(() => ({ state: "review", status: "RECOVERED" })));
  });
});

test("an error group's retry whose first chunk fails again pauses itself, says why, and can be cancelled", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  // One more than the first chunk (25), so there is a rest to hold back.
  const ids: string[] = [];
  for (let i = 1; i <= 27; i += 1) {
    const { document } = await createDocument(live.db, OPERATOR, { workflow: pausing, title: `Pausing invoice ${i}` });
    await fireTransition(live.db, OPERATOR, { documentId: document.id, transition: "submit" });
    ids.push(document.id);
  }
  await expect
    .poll(
      async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM "Document" WHERE id = ANY($1) AND state = 'extraction_failed'`,
            [ids],
          )
        ).rows[0].n,
      { timeout: 30_000 },
    )
    .toBe(27);

  const operator = await createUser("operator");
  await signIn(page, operator);
  await page.goto("/attention");
  const group = page.locator(`[data-testid="error-group"]`).filter({ hasText: pausing });
  await group.getByRole("link", { name: "Retry all…" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk action" });
  await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
  await dialog.getByRole("button", { name: /^Run/ }).click();
  await expect(page).toHaveURL(/\/documents\/bulk\/[0-9a-f-]{36}$/);

  await expect(page.getByTestId("bulk-status")).toHaveText("paused", { timeout: 30_000 });
  // It pauses as soon as more than half failed again, even before the last of the 25 settle.
  await expect(page.getByTestId("bulk-paused")).toContainText(
    /Paused\d+ of the first 25 retries failed again \(more than 50%\): the cause is probably not fixed yet/,
  );
  await expect(page.getByTestId("bulk-recovery")).toContainText("Failed again 25");
  await expect(page.getByTestId("bulk-counts")).toContainText("Processed 25 / 27");
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  await page.screenshot({ path: "/tmp/recovery-bulk-paused.png", fullPage: true });

  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("bulk-status")).toHaveText("cancelled");
  await expect(page.getByTestId("bulk-counts")).toContainText("Skipped 2");
  // The two held back were never retried.
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "RetryRecovery" WHERE "documentId" = ANY($1)`, [ids]);
  expect(rows[0].n).toBe(25);

  await page.goto("/attention");
  await expect(group.getByTestId("group-retry")).toHaveAttribute("data-status", "cancelled");
  await expect(group.getByTestId("group-retry")).toContainText("0 recovered · 25 failed again · 0 still running");
});
