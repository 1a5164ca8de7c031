import { expect, test } from "../fixtures";

test("the dark theme choice sticks across reloads without a light flash", async ({ page, createUser, signIn }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, await createUser("viewer"));
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/dark/);

  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  await expect(html).toHaveClass(/dark/);
  expect(await page.evaluate(() => localStorage.getItem("docstate-theme"))).toBe("dark");

  // The class is set by the inline head script, before any app JavaScript runs.
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await page.unroute("**/_next/static/**/*.js");

  await page.reload();
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  await expect(html).not.toHaveClass(/dark/);
  await page.reload();
  await expect(html).not.toHaveClass(/dark/);
});

test("with no stored choice the app follows the system's dark preference", async ({ page, createUser, signIn }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page, await createUser("viewer"));
  await expect(page.locator("html")).toHaveClass(/dark/);
});

test("the sidebar navigates between the four sections and unknown pages say so", async ({
  page,
  createUser,
  signIn,
}) => {
  await signIn(page, await createUser("viewer"));
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [label, path] of [
    ["Workflows", "/workflows"],
    ["Documents", "/documents"],
    ["Settings", "/settings"],
    ["Dashboard", "/"],
  ] as const) {
    await nav.getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`${path === "/" ? "/" : path}$`));
    await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
    await expect(nav.getByRole("link", { name: label })).toHaveAttribute("aria-current", "page");
  }
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
});

test("every page links the app's icons and manifest, and they load without signing in", async ({ page, request }) => {
  await page.goto("/login");
  const head = page.locator("head");
  const hrefs = async (selector: string) =>
    head.locator(selector).evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
  expect(await hrefs('link[rel="icon"]')).toEqual(expect.arrayContaining(["/favicon.ico", "/icon.svg"]));
  expect(await hrefs('link[rel="apple-touch-icon"]')).toEqual(["/apple-icon.png"]);
  expect(await hrefs('link[rel="manifest"]')).toEqual(["/manifest.webmanifest"]);

  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const { icons } = (await manifest.json()) as { icons: { src: string }[] };
  for (const path of ["/favicon.ico", "/icon.svg", "/apple-icon.png", ...icons.map((i) => i.src)]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(/^image\//);
  }
});
