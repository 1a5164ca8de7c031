import { randomBytes } from "node:crypto";
import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";
import { apiClient, createAdminToken, publishWorkflow } from "./dashboard-helpers";

test("an operator finds a failing action on Needs attention and opens its documents", async ({
  page,
  createUser,
  signIn,
  db,
  request,
}) => {
  const api = apiClient(request, await createAdminToken(db));
  const key = `attn-${randomBytes(3).toString("hex")}`;
  const name = `Attention ${key}`;
  await publishWorkflow(api, key, name);
  const failing = await api.post<{ id: string }>("/api/v1/documents", {
    workflow: key,
    title: "Invoice with a flaky webhook",
  });
  await api.post(`/api/v1/documents/${failing.id}/transitions`, { transition: "start" });
  // No worker runs in the e2e server: make the action look like it failed twice (its next
  // attempt overdue, so it sorts first among the seed's retries) and has
  // waited two hours in a state with a one-minute SLA.
  const signature = `webhook: http <n> from ${key}`;
  await db.query(
    `UPDATE "Job" SET "attempt" = 2, "lastError" = $2, "errorSignature" = $3, "runAt" = now() - interval '1 day' WHERE "documentId" = $1`,
    [failing.id, `HTTP 503 from ${key}`, signature],
  );
  await db.query(`UPDATE "Document" SET "stateEnteredAt" = now() - interval '2 hours' WHERE "id" = $1`, [failing.id]);

  await signIn(page, await createUser("operator"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Needs attention" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Needs attention" })).toBeVisible();

  // The error group: action, normalised message, count, and links with a bulk action preset.
  const group = page.locator(`[data-testid="error-group"][data-signature="${signature}"]`);
  await expect(group).toBeVisible();
  await expect(group).toContainText(`http <n> from ${key}`);
  await expect(group).toContainText("1 still retrying");
  const encoded = new URLSearchParams({ workflow: key, signature }).toString();
  await expect(group.getByRole("link", { name: "Retry all…" })).toHaveAttribute(
    "href",
    `/documents?${encoded}&bulk=retry`,
  );

  // Over SLA by state with the wait, and the retry with attempt n of m and the last error.
  const overSla = page.getByRole("article", { name: `${name} · Working: 1 over SLA` });
  await expect(overSla).toContainText("Invoice with a flaky webhook");
  await expect(overSla).toContainText(/waited 2h/);
  await expect(overSla.getByRole("link", { name: "Move…" })).toHaveAttribute(
    "href",
    `/documents?workflow=${key}&state=work&sla=over&bulk=move`,
  );
  const retryRow = page
    .getByRole("region", { name: "Retrying" })
    .getByRole("row")
    .filter({ hasText: "Invoice with a flaky webhook" });
  await expect(retryRow).toContainText("3 of 4");
  await expect(retryRow).toContainText(`HTTP 503 from ${key}`);
  await expectAccessible(page, { name: "needs attention" });

  // The group's count opens the documents list filtered to it.
  await group.getByRole("link", { name: `Open 1 document failing with ${signature}` }).click();
  await expect(page).toHaveURL(`/documents?${encoded}`);
  await expect(page.getByTestId("documents-total")).toBeVisible();
  await expect(
    page.getByRole("table").getByRole("rowheader").filter({ hasText: "Invoice with a flaky webhook" }),
  ).toHaveCount(1);
});
