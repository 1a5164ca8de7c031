import { expect, test } from "../fixtures";
import { draftDefinition, expectSaved, stateNode } from "../designer/designer-helpers";

/*
 * An admin removes a state from the seeded invoice workflow and opens Publish: before
 * anything is published, the dialog replays the draft over the last week of real history
 * and says which recent work it would have refused. Nothing is published; the draft is
 * removed afterwards so the shared demo workflow stays as seeded for the other specs.
 */
test("an admin removes a state, opens Publish and sees what the draft would have done to recent work", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const { rows } = await db.query(
    `SELECT count(DISTINCT e."documentId")::int AS n FROM "HistoryEvent" e
       JOIN "Document" d ON d.id = e."documentId" JOIN "Workflow" w ON w.id = d."workflowId"
      WHERE w.key = 'invoice-processing' AND e."transitionKey" = 'reject' AND e.at > now() - interval '7 days'`,
  );
  const rejectedRecently = rows[0].n as number;
  expect(rejectedRecently).toBeGreaterThan(0);

  try {
    await signIn(page, await createUser("admin"));
    await page.goto("/workflows/invoice-processing");
    await stateNode(page, "rejected").click();
    await page.getByRole("button", { name: "Delete state" }).click();
    await expect(stateNode(page, "rejected")).toHaveCount(0);
    await expectSaved(page);
    const draft = (await draftDefinition(db, "invoice-processing")).find((v) => v.status === "DRAFT");
    expect(draft!.definition.states.map((s) => s.key)).not.toContain("rejected");

    await page.getByRole("tab", { name: /Problems/ }).click();
    await expect(page.getByTestId("no-problems")).toBeVisible();
    await page.getByRole("button", { name: "Publish" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish version 2" });
    await expect(dialog.getByRole("region", { name: "Replay of recent history" })).toBeVisible();
    const warnings = dialog.getByRole("list", { name: "Replay warnings" });
    await expect(warnings).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByTestId("replay-summary")).toContainText(/Replayed [\d,]+ recently active documents/);

    // The state the draft drops, and the reject transitions people really took into it.
    const unmapped = warnings.getByRole("listitem").filter({ hasText: "is not in the draft" });
    await expect(unmapped).toContainText("rejected");
    const removed = warnings.getByRole("listitem").filter({ hasText: /reject\s*from\s*review was taken/ });
    await expect(removed).toBeVisible();
    // Each example opens its document.
    const example = removed.getByRole("link").first();
    await expect(example).toHaveAttribute("href", /^\/documents\/[0-9a-f-]{36}$/);

    await page.screenshot({ path: "/tmp/replay-publish-dialog.png" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    const versions = await db.query(
      `SELECT v.status FROM "WorkflowVersion" v JOIN "Workflow" w ON w.id = v."workflowId"
        WHERE w.key = 'invoice-processing' ORDER BY v.version`,
    );
    expect(versions.rows.map((r) => r.status)).toEqual(["PUBLISHED", "DRAFT"]);
  } finally {
    // No document is pinned to a draft: dropping it leaves the demo workflow as seeded.
    await db.query(
      `DELETE FROM "WorkflowVersion" v USING "Workflow" w
        WHERE w.id = v."workflowId" AND w.key = 'invoice-processing' AND v.status = 'DRAFT'`,
    );
  }
});
