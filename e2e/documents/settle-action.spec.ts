import type pg from "pg";
import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

/*
 * An operator settles an extraction by hand from the document page: completes it (the
 * invoice goes on to review as if the service had answered) or fails it for good (into
 * "Extraction failed", ready for a later retry). No worker runs in the e2e server, so a
 * retried action waits exactly as the story leaves it.
 */

/** Invoices the demo seed left in "Extraction failed" with their exhausted extraction job. */
async function failedExtractions(db: pg.Pool, count: number): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT d.id FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId" JOIN "Job" j ON j."documentId" = d.id
      WHERE w.key = 'invoice-processing' AND d.state = 'extraction_failed' AND j.status = 'EXHAUSTED' AND j.state = 'extract'
      ORDER BY d."createdAt" ASC LIMIT $1`,
    [count],
  );
  if (rows.length < count) throw new Error("the demo seed has too few failed extractions");
  return rows.map((row: { id: string }) => row.id);
}

async function recentEvents(db: pg.Pool, id: string) {
  const { rows } = await db.query(
    `SELECT type::text AS type, reason, "actorName" FROM "HistoryEvent" WHERE "documentId" = $1 ORDER BY seq DESC LIMIT 2`,
    [id],
  );
  return rows as { type: string; reason: string | null; actorName: string }[];
}

test("an operator completes one extraction by hand and fails another, each with a reason kept in the history", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const [completed, failed] = await failedExtractions(db, 2);
  const operator = await createUser("operator");
  await signIn(page, operator);
  const panel = page.getByRole("region", { name: "Automated action" });
  const state = page.getByTestId("document-state");

  /** Retries the failed extraction from the page: it waits in "Extracting data" for the worker. */
  async function retried(id: string) {
    await page.goto(`/documents/${id}`);
    await panel.getByRole("button", { name: "Retry now" }).click();
    await expect(state).toHaveText("Extracting data");
    await expect(panel.getByText("Waiting", { exact: true })).toBeVisible();
  }

  await test.step("complete: a reason is asked for, then the invoice goes on to review and the action is gone", async () => {
    await retried(completed!);
    await panel.getByRole("button", { name: "Complete or fail by hand…" }).click();
    await panel.getByRole("button", { name: "Complete action" }).click();
    await expect(panel.getByText("Give a reason first.")).toBeVisible();
    await expectAccessible(page);
    await panel
      .getByLabel("Why settle the action by hand? Kept in the history.")
      .fill("Vendor sent the fields by e-mail");
    await panel.getByRole("button", { name: "Complete action" }).click();
    await expect(state).toHaveText("In review");
    await expect(panel).toHaveCount(0);
    await expect(page.getByRole("list", { name: "History" }).getByRole("listitem").nth(1)).toContainText(
      "Action succeeded",
    );
    expect(await recentEvents(db, completed!)).toEqual([
      { type: "TRANSITION", reason: "Vendor sent the fields by e-mail", actorName: operator.email },
      { type: "ACTION_SUCCEEDED", reason: "Vendor sent the fields by e-mail", actorName: operator.email },
    ]);
  });

  await test.step("fail now: the invoice lands in Extraction failed, the action kept for a later retry", async () => {
    await retried(failed!);
    await panel.getByRole("button", { name: "Complete or fail by hand…" }).click();
    await panel.getByLabel("Why settle the action by hand? Kept in the history.").fill("Scan is unreadable");
    await panel.getByRole("button", { name: "Fail action now" }).click();
    await expect(state).toHaveText("Extraction failed");
    await expect(panel.getByText("Retries exhausted", { exact: true })).toBeVisible();
    await expect(panel).toContainText("Failed by hand: Scan is unreadable");
    await expect(panel.getByRole("button", { name: "Retry now" })).toBeEnabled();
    // The action already ended here: settling it again is not offered.
    await expect(panel.getByRole("button", { name: "Complete or fail by hand…" })).toHaveCount(0);
  });
});
