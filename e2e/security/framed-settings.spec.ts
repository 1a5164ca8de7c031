import { expect, test } from "../fixtures";

test("another site that frames Settings gets nothing: the headers refuse it", async ({ page, createUser, signIn }) => {
  const admin = await createUser("admin");
  await signIn(page, admin);

  // Settings itself works, under a nonce CSP that refuses framing, and runs no refused script.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const headers = response!.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The page is interactive (hydrated): a client-side navigation works.
  await page.getByRole("link", { name: "Documents" }).first().click();
  await expect(page).toHaveURL(/\/documents/);
  expect(violations).toEqual([]);

  // An attacker's page on another origin (127.0.0.1 is another site than localhost) puts
  // Settings in an iframe. Without the victim's cookie (SameSite=Lax) the frame is sent to
  // /login, which the headers refuse as well.
  const settingsUrl = new URL("/settings", page.url());
  const attackerUrl = `http://127.0.0.1:${settingsUrl.port}/attacker`;
  await page.route(attackerUrl, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Win a prize</title><h1>Click the button</h1><iframe name="victim" src="${settingsUrl}" width="800" height="600"></iframe>`,
    }),
  );
  await page.goto(attackerUrl);
  await expect(page.getByRole("heading", { name: "Click the button" })).toBeVisible();
  // The browser blocks the frame: it ends on Chromium's error page, not on our page.
  await expect.poll(() => page.frame({ name: "victim" })?.url() ?? "", { timeout: 10_000 }).toMatch(/^chrome-error:/);
  await expect(page.frameLocator("iframe[name=victim]").getByRole("heading", { name: "Settings" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/framed-settings.png" });
});
