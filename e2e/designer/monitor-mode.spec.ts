import type { APIRequestContext } from "@playwright/test";
import { expectAccessible } from "../accessibility";
import { countsBy, expect, test } from "../fixtures";
import { uniqueWorkflowName } from "./designer-helpers";

/*
 * An operator watches a workflow in the designer's monitor mode: every state shows how many
 * documents wait there (the database's count), an overdue state and an error state carry
 * badges, counts move without a reload when documents move through the API, and clicking a
 * state lists exactly its documents.
 */

const definition = {
  states: [
    { key: "intake", label: "Intake", kind: "initial" },
    { key: "review", label: "Review", kind: "normal", sla: { maxSeconds: 1 } },
    { key: "rejected", label: "Rejected", kind: "error" },
    { key: "done", label: "Done", kind: "terminal" },
  ],
  transitions: [
    { key: "send", from: ["intake"], to: "review" },
    { key: "approve", from: ["review"], to: "done" },
    { key: "reject", from: ["review"], to: "rejected" },
    { key: "reopen", from: ["rejected"], to: "review" },
  ],
  layout: { intake: { x: 0, y: 0 }, review: { x: 280, y: 0 }, rejected: { x: 280, y: 200 }, done: { x: 560, y: 0 } },
};

/** The page's own session calls the API; a cookie-authenticated POST must name our origin. */
function api(request: APIRequestContext, baseURL: string) {
  const headers = { origin: baseURL };
  return {
    async post<T>(path: string, data: unknown): Promise<T> {
      const response = await request.post(path, { headers, data });
      expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
      return (await response.json()) as T;
    },
  };
}

test("clicking a node in monitor mode lists exactly its documents, and counts stay live", async ({
  page,
  createUser,
  signIn,
  db,
  baseURL,
}) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  const { name, key } = uniqueWorkflowName("Monitor");
  const client = api(page.request, baseURL!);
  await client.post("/api/v1/workflows", { key, name, definition });
  await client.post(`/api/v1/workflows/${key}/publish`, {});

  // 7 documents: 3 stay in intake, 4 are sent to review; of those one is approved, one rejected.
  const ids: string[] = [];
  for (let i = 1; i <= 7; i++)
    ids.push((await client.post<{ id: string }>("/api/v1/documents", { workflow: key, title: `${name} doc ${i}` })).id);
  for (const id of ids.slice(3)) await client.post(`/api/v1/documents/${id}/transitions`, { transition: "send" });
  await client.post(`/api/v1/documents/${ids[3]}/transitions`, { transition: "approve" });
  await client.post(`/api/v1/documents/${ids[4]}/transitions`, { transition: "reject" });

  const countsInDb = () =>
    countsBy(
      db,
      `SELECT d.state AS key, count(*) AS count FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId" WHERE w.key = $1 GROUP BY d.state`,
      [key],
    );
  const expected = await countsInDb();
  expect(Object.fromEntries(expected)).toEqual({ intake: 3, review: 2, rejected: 1, done: 1 });

  // From the designer, switch to monitor mode like a person.
  await page.goto(`/workflows/${key}`);
  await page.getByRole("tab", { name: "Monitor" }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${key}\\?mode=monitor$`));
  for (const state of ["intake", "review", "rejected", "done"]) {
    await expect(page.getByTestId(`monitor-node-${state}`)).toHaveAttribute(
      "data-count",
      String(expected.get(state) ?? 0),
    );
  }
  await expect(page.getByTestId("monitor-node-intake").getByTestId("monitor-count")).toHaveText("3");
  await expect(page.getByTestId("monitor-node-rejected").getByTestId("badge-error")).toHaveText("1 in error");
  // Review's SLA is one second: its two documents soon show as over SLA (next poll).
  await expect(page.getByTestId("monitor-node-review").getByTestId("badge-over-sla")).toHaveText("2 over SLA", {
    timeout: 15_000,
  });
  await expect(page.getByTestId("monitor-node-review")).not.toHaveAttribute("data-heat", "0");
  await expect(page.getByTestId("monitor-total")).toContainText("7");
  await expectAccessible(page, { name: "designer: monitor" });

  // Documents move through the API; the open page follows without a reload.
  const marker = await page.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = Date.now()));
  await client.post(`/api/v1/documents/${ids[0]}/transitions`, { transition: "send" });
  await expect(page.getByTestId("monitor-node-intake")).toHaveAttribute("data-count", "2", { timeout: 15_000 });
  await expect(page.getByTestId("monitor-node-review")).toHaveAttribute("data-count", "3");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(marker);

  // Clicking Review lists exactly the documents the database has in review.
  const inReview = (
    await db.query<{ title: string }>(
      `SELECT d.title FROM "Document" d JOIN "Workflow" w ON w.id = d."workflowId" WHERE w.key = $1 AND d.state = 'review' ORDER BY d.title`,
      [key],
    )
  ).rows.map((r) => r.title);
  expect(inReview).toHaveLength(3);
  await page.getByTestId("monitor-node-review").click();
  await expect(page).toHaveURL(new RegExp(`/documents\\?workflow=${key}&state=review$`));
  await expect(page.getByRole("status", { name: "Loading" })).toHaveCount(0);
  await expect(page.getByTestId("documents-total")).toContainText("3 document");
  const rows = page.getByRole("table").getByRole("rowheader");
  await expect(rows).toHaveCount(3);
  expect((await rows.allInnerTexts()).map((t) => t.trim()).sort()).toEqual(inReview);

  // And back: the error state's node opens its one document.
  await page.goBack();
  await page.getByTestId("monitor-node-rejected").click();
  await expect(page).toHaveURL(new RegExp(`/documents\\?workflow=${key}&state=rejected$`));
  await expect(page.getByRole("table").getByRole("rowheader")).toHaveText([`${name} doc 5`]);
});
