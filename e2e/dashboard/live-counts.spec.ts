import { randomBytes } from "node:crypto";
import { openDb } from "../../lib/db/client";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { expect, test } from "../fixtures";

/** The worker's analytics fold, which writes the activity counts; the e2e server runs no worker. */
async function foldActivity(): Promise<void> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/${process.env.E2E_DATABASE_NAME}`;
  const db = await openDb({ databaseUrl: url.toString(), dataDir: "", poolSize: 1 });
  try {
    await foldAnalytics(db);
  } finally {
    await db.close();
  }
}
import { apiClient, createAdminToken, publishWorkflow } from "./dashboard-helpers";

test("a transition made through the API shows on the open dashboard without a reload", async ({
  page,
  createUser,
  signIn,
  db,
  request,
}) => {
  const api = apiClient(request, await createAdminToken(db));
  const key = `live-${randomBytes(3).toString("hex")}`;
  const name = `Live counts ${key}`;
  await publishWorkflow(api, key, name);
  const first = await api.post<{ id: string }>("/api/v1/documents", { workflow: key, title: "Live one" });
  await api.post("/api/v1/documents", { workflow: key, title: "Live two" });

  await signIn(page, await createUser("viewer"));
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const card = page.getByRole("region", { name });
  const inbox = card.locator('a[data-state="inbox"]');
  const work = card.locator('a[data-state="work"]');
  await expect(inbox).toHaveAttribute("data-count", "2");
  await expect(work).toHaveAttribute("data-count", "0");
  await expect(card.getByTestId("workflow-transitions")).toHaveAttribute("data-count", "0");
  // A marker on the window survives only if the page is never reloaded.
  await page.evaluate(() => Object.assign(window, { __dashboardNotReloaded: true }));

  await api.post(`/api/v1/documents/${first.id}/transitions`, { transition: "start" });
  await foldActivity();

  // The 5 s poll picks the change up.
  await expect(work).toHaveAttribute("data-count", "1", { timeout: 15_000 });
  await expect(inbox).toHaveAttribute("data-count", "1");
  await expect(card.getByRole("link", { name: "Working: 1 document" })).toHaveAttribute(
    "href",
    `/documents?workflow=${key}&state=work`,
  );
  await expect(card.getByTestId("workflow-transitions")).toHaveAttribute("data-count", "1");
  expect(
    await page.evaluate(() => (window as unknown as { __dashboardNotReloaded?: boolean }).__dashboardNotReloaded),
  ).toBe(true);

  // The numbers are links to the filtered list; the state count opens exactly its documents.
  await card.getByRole("link", { name: "Working: 1 document" }).click();
  await expect(page).toHaveURL(new RegExp(`/documents\\?workflow=${key}&state=work$`));
  await expect(page.getByTestId("documents-total")).toContainText("1 document");
  await expect(page.getByRole("table").getByRole("rowheader")).toHaveText(["Live one"]);
});
