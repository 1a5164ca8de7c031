import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "../fixtures";

// A script policy without 'unsafe-eval' and with no origin but our own: the renderer must
// not evaluate strings or load anything from a CDN. (Next's inline bootstrap scripts are
// nonce-stamped by the app's own CSP in production; here 'unsafe-inline' stands in for
// that nonce, so this spec proves the renderer's part: no eval, no foreign origins.)
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
].join("; ");

test("the API reference opens from Settings, renders the operations and tries a request as the signed-in user", async ({
  page,
  createUser,
  signIn,
}) => {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  await page.route("**/docs/api", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": STRICT_CSP } });
  });

  await signIn(page, await createUser("admin"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("region", { name: "API tokens" }).getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  // The operations are rendered from /api/v1/openapi.json: the fire operation among them.
  const sidebar = page.getByRole("complementary", { name: /Sidebar/ });
  await sidebar.getByRole("link", { name: /^Fire a transition/ }).click({ timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "Fire a transition" })).toBeVisible();
  await expect(page.getByText("idempotencyKey").first()).toBeVisible();
  await page.screenshot({ path: "test-results/api-reference-fire.png" });

  // Try it: the request goes to this origin with the session cookie and answers 200.
  await sidebar.getByRole("link", { name: /^List workflows/ }).click();
  const answered = page.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/v1/workflows" && r.request().method() === "GET",
  );
  await page
    .getByRole("button", { name: /Test Request.*\/api\/v1\/workflows\)/i })
    .first()
    .click();
  await page
    .getByRole("button", { name: /Send Request/i })
    .first()
    .click();
  const response = await answered;
  expect(response.status()).toBe(200);
  expect((await response.json()).items.map((w: { key: string }) => w.key)).toContain("invoice-processing");
  await expect(page.getByText("invoice-processing").first()).toBeVisible();
  await page.screenshot({ path: "test-results/api-reference-try.png" });

  expect(violations).toEqual([]);
});

test("the API reference shows a loading state, then its page is accessible", async ({ page, createUser, signIn }) => {
  await signIn(page, await createUser("viewer"));
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/v1/openapi.json", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/docs/api");
  await expect(page.getByRole("status", { name: "Loading the API reference" })).toBeVisible();
  release();
  await expect(
    page.getByRole("complementary", { name: /Sidebar/ }).getByRole("link", { name: /^Fire a transition/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("status", { name: "Loading the API reference" })).toHaveCount(0);

  // The page around the renderer is held to the app's rule (serious and critical WCAG
  // violations fail). The renderer's own markup is Scalar's: its findings are reported
  // as an annotation for follow-up, not asserted.
  const ours = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .exclude(".scalar-app")
    .analyze();
  expect(ours.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  const theirs = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .include(".scalar-app")
    .analyze();
  test.info().annotations.push({
    type: "scalar-axe",
    description: theirs.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×)`).join("; ") || "none",
  });
});
