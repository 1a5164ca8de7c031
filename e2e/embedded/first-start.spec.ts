import fs from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Response } from "@playwright/test";

/*
 * The README's first command, as a newcomer meets it: the embedded default on a fresh data
 * dir (e2e/embedded-server.ts). They sign in with the generated password, must choose their
 * own, and then the app works on PGlite as it does on PostgreSQL: the dashboard keeps
 * refreshing itself (its poll once failed only here, with "prepared statement already exists")
 * and a document moved by hand shows in its timeline and on the open dashboard. Then an
 * integrator feeds an invoice through the API and the in-process worker runs its action.
 */

const dataDir = process.env.E2E_EMBEDDED_DATA_DIR!;
const passwordFile = path.join(dataDir, "admin-password");
const ADMIN_EMAIL = "admin@docstate.local";
const OWN_PASSWORD = "newcomers-own-Harbour-42";

/** Notes every response >= 500 of the context (each test ends expecting none). */
function serverFailures(context: BrowserContext): string[] {
  const failures: string[] = [];
  context.on("response", (response: Response) => {
    if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
  });
  return failures;
}

// One server and one data dir for the file: the second test signs in with the password the first chose.
test.describe.configure({ mode: "serial" });

test("a newcomer signs in with the generated password, chooses their own, and the embedded app works", async ({
  page,
  context,
}, testInfo) => {
  const failures = serverFailures(context);

  // The first start wrote the generated password where the start-up banner says.
  await expect.poll(() => fs.existsSync(passwordFile), { message: passwordFile }).toBe(true);
  const generated = fs.readFileSync(passwordFile, "utf8").trim();
  expect(generated.length).toBeGreaterThanOrEqual(16);

  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("E-mail").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(generated);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel("Current password").fill(generated);
  await page.getByLabel("New password", { exact: true }).fill(OWN_PASSWORD);
  await page.getByLabel("Repeat new password").fill(OWN_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  // The generated password is of no use any more, so its file is gone.
  expect(fs.existsSync(passwordFile)).toBe(false);

  // The demo data is there; the reimbursed count moves only by hand (no action leads there).
  const card = page.getByRole("region", { name: "Expense claims" });
  const reimbursed = card.locator('a[data-state="reimbursed"]');
  await expect(reimbursed).toHaveAttribute("data-count", /^\d+$/);
  const before = Number(await reimbursed.getAttribute("data-count"));
  await page.evaluate(() => Object.assign(window, { __dashboardNotReloaded: true }));

  // In a second tab, an expense claim in finance review is reimbursed by hand.
  const other = await context.newPage();
  await other.goto("/documents?workflow=expense-claims&state=finance_review");
  await other.getByRole("table").getByRole("rowheader").first().getByRole("link").click();
  await expect(other.getByTestId("document-state")).toHaveText("Finance review");
  await other.getByRole("button", { name: "Reimburse", exact: true }).click();
  await expect(other.getByTestId("document-state")).toHaveText("Reimbursed");
  await expect(other.getByRole("list", { name: "History" }).getByRole("listitem").first()).toContainText(
    "Finance review → Reimbursed",
  );
  await other.close();

  // The open dashboard's 5 s poll shows it, without a reload and without an error banner.
  await expect(reimbursed).toHaveAttribute("data-count", String(before + 1), { timeout: 20_000 });
  await expect(page.getByText("Could not refresh the numbers")).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __dashboardNotReloaded?: boolean }).__dashboardNotReloaded),
  ).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("embedded-dashboard.png"), fullPage: true });

  expect(failures).toEqual([]);
});

// An integrator on the embedded default: an API token from the settings page, an invoice fed
// in twice by its ERP id, submitted twice with one idempotency key, the extraction action run
// by the in-process worker against the demo receiver (on PGlite, the API's route handlers and
// the worker share the one session with the pages), and the result read back in the browser.
test("an integrator feeds an invoice through the API and the in-process worker runs its action", async ({
  page,
  context,
  request,
}) => {
  const failures = serverFailures(context);
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(OWN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  const tokens = page.getByRole("region", { name: "API tokens" });
  await tokens.getByLabel("Token name").fill("ERP feed");
  await tokens.getByLabel("Role").selectOption({ label: "Operator" });
  await tokens.getByRole("button", { name: "Create token" }).click();
  const token = (await tokens
    .getByRole("status", { name: "New API token" })
    .getByTestId("new-token")
    .textContent())!.trim();
  const headers = { Authorization: `Bearer ${token}` };

  const invoice = {
    workflow: "invoice-processing",
    title: "Northwind — INV-2026-99001",
    externalRef: "erp-INV-2026-99001",
    metadata: { vendor: "Northwind", invoiceNumber: "INV-2026-99001", amount: 1234.5, currency: "EUR" },
  };
  const created = await request.post("/api/v1/documents", { headers, data: invoice });
  expect(created.status()).toBe(201);
  const document = (await created.json()) as { id: string; state: string; version: number };
  expect(document.state).toBe("draft");
  // The same ERP id again: the same document, not a second one.
  const again = await request.post("/api/v1/documents", { headers, data: invoice });
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { id: string }).id).toBe(document.id);

  const submit = { transition: "submit", expectedVersion: document.version, idempotencyKey: "erp-submit-99001" };
  const fired = await request.post(`/api/v1/documents/${document.id}/transitions`, { headers, data: submit });
  expect(fired.status()).toBe(200);
  const repeated = await request.post(`/api/v1/documents/${document.id}/transitions`, { headers, data: submit });
  expect(repeated.status()).toBe(200);
  // The repeat answers with the first fire's event, marked as a replay: it fired once.
  type Fired = { event: { seq: number; type: string; to: string }; replayed: boolean };
  const first = (await fired.json()) as Fired;
  const replay = (await repeated.json()) as Fired;
  expect(first).toMatchObject({ replayed: false, event: { type: "TRANSITION", to: "extract" } });
  expect(replay).toMatchObject({ replayed: true, event: first.event });

  // The worker inside the app claims the extraction and calls the demo receiver, which
  // answers most invoices, makes some wait for a retry and finds a few unreadable: the
  // document leaves "extract" either way, by itself.
  type Read = { state: string; metadata: { extracted?: { invoiceNumber?: string } }; job: unknown };
  let settled: Read | null = null;
  await expect
    .poll(
      async () => {
        const read = await request.get(`/api/v1/documents/${document.id}`, { headers });
        settled = (await read.json()) as Read;
        return settled.job === null ? settled.state : "waiting";
      },
      { timeout: 30_000 },
    )
    .toMatch(/^(review|extraction_failed)$/);
  if (settled!.state === "review") expect(settled!.metadata.extracted?.invoiceNumber).toBe("INV-2026-99001");

  // The timeline tells the same story: the API's submit (once), the attempt, where it led.
  await page.goto(`/documents/${document.id}`);
  const history = page.getByRole("list", { name: "History" });
  await expect(history.getByRole("listitem").filter({ hasText: "Draft → Extracting data" })).toHaveCount(1);
  await expect(
    history
      .getByRole("listitem")
      .filter({ hasText: /Action (succeeded|failed)/ })
      .first(),
  ).toBeVisible();
  expect(failures).toEqual([]);
});
