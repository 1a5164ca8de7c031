import type pg from "pg";
import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

/*
 * The automated-action panel as an operator uses it to recover documents. The buttons follow
 * the same checks the server applies (lib/engine/operations): a running action cannot be
 * retried or cancelled and the page says why; a waiting one can be cancelled; a failed
 * extraction can be retried back into its state. No worker runs in the e2e server, so jobs
 * stay exactly as the story sets them.
 */

/** Invoices the demo seed left in "Extraction failed" with their exhausted extraction job. */
async function failedExtractions(db: pg.Pool, count: number): Promise<{ id: string; title: string }[]> {
  const { rows } = await db.query(
    `SELECT d.id, d.title FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId"
       JOIN "Job" j ON j."documentId" = d.id
      WHERE w.key = 'invoice-processing' AND d.state = 'extraction_failed' AND j.status = 'EXHAUSTED' AND j.state = 'extract'
      ORDER BY d."createdAt" DESC LIMIT $1`,
    [count],
  );
  if (rows.length < count) throw new Error("the demo seed has too few failed extractions");
  return rows;
}

async function job(db: pg.Pool, id: string) {
  const { rows } = await db.query(`SELECT status::text AS status, state, attempt FROM "Job" WHERE "documentId" = $1`, [
    id,
  ]);
  return rows[0] as { status: string; state: string; attempt: number } | undefined;
}

async function lastEvent(db: pg.Pool, id: string) {
  const { rows } = await db.query(
    `SELECT type::text AS type, "actorName" FROM "HistoryEvent" WHERE "documentId" = $1 ORDER BY seq DESC LIMIT 1`,
    [id],
  );
  return rows[0] as { type: string; actorName: string };
}

test("an operator is told why a running action cannot be touched, cancels it once it waits, and retries a failed extraction", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const [busy, failed] = await failedExtractions(db, 2);
  const operator = await createUser("operator");
  await signIn(page, operator);
  const panel = page.getByRole("region", { name: "Automated action" });
  const retry = panel.getByRole("button", { name: "Retry now" });
  const cancel = panel.getByRole("button", { name: "Cancel action" });

  await test.step("a worker holds the action: both buttons are disabled, and the page says why", async () => {
    await db.query(
      `UPDATE "Job" SET status = 'RUNNING', "leaseOwner" = 'e2e-worker', "runAt" = now() + interval '1 hour'
        WHERE "documentId" = $1`,
      [busy!.id],
    );
    await page.goto(`/documents/${busy!.id}`);
    await expect(panel.getByText("Running", { exact: true })).toBeVisible();
    await expect(retry).toBeDisabled();
    await expect(cancel).toBeDisabled();
    await expect(panel).toContainText("The action is running right now; wait for its outcome.");
    await expectAccessible(page);
  });

  await test.step("the worker gave up and the action waits for a retry: cancelling it sticks", async () => {
    await db.query(`UPDATE "Job" SET status = 'EXHAUSTED', "leaseOwner" = NULL WHERE "documentId" = $1`, [busy!.id]);
    await page.reload();
    await expect(panel.getByText("Retries exhausted", { exact: true })).toBeVisible();
    await expect(panel).not.toContainText("running right now");
    await cancel.click();
    await expect(panel.getByText("Cancelled", { exact: true })).toBeVisible();
    // Nothing left to retry or cancel: the buttons go rather than sit disabled.
    await expect(retry).toHaveCount(0);
    await expect(cancel).toHaveCount(0);
    expect(await job(db, busy!.id)).toMatchObject({ status: "CANCELLED", state: "extract" });
    expect(await lastEvent(db, busy!.id)).toEqual({ type: "JOB_CANCELLED", actorName: operator.email });
  });

  await test.step("a failed extraction is retried: the invoice goes back to extraction with the whole policy", async () => {
    await page.goto(`/documents/${failed!.id}`);
    await expect(page.getByTestId("document-state")).toHaveText("Extraction failed");
    await retry.click();
    await expect(page.getByTestId("document-state")).toHaveText("Extracting data");
    await expect(page.getByRole("list", { name: "History" }).getByRole("listitem").first()).toContainText(
      "Extraction failed → Extracting data",
    );
    expect(await job(db, failed!.id)).toMatchObject({ status: "PENDING", state: "extract", attempt: 0 });
    expect(await lastEvent(db, failed!.id)).toEqual({ type: "MANUAL_RETRY", actorName: operator.email });
  });
});
