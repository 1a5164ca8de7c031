import { expectAccessible } from "../accessibility";
import { expect, test } from "../fixtures";

test("a viewer sees Settings read-only, and a forged server-action call is refused by the server", async ({
  browser,
  createUser,
  signIn,
  db,
}) => {
  const admin = await createUser("admin");
  const viewer = await createUser("viewer", { name: "Vera Viewer" });

  // The viewer sees their account and a notice, and no management controls at all.
  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await signIn(viewerPage, viewer);
  await viewerPage.goto("/settings");
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(viewerPage.getByRole("note")).toContainText("API tokens, users and alert rules are managed by admins.");
  await expect(viewerPage.getByText(viewer.email).first()).toBeVisible();
  for (const name of ["Create token", "Add user"])
    await expect(viewerPage.getByRole("button", { name })).toHaveCount(0);
  await expect(viewerPage.getByRole("table")).toHaveCount(0);
  await expectAccessible(viewerPage, { name: "settings (viewer)" });

  // Capture what the admin's browser sends for "Create user" (the action id and payload)…
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin);
  await adminPage.goto("/settings");
  let captured: { headers: Record<string, string>; body: string } | undefined;
  await adminPage.route("**/settings", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = { headers: request.headers(), body: request.postData() ?? "" };
      await route.abort();
    } else {
      await route.continue();
    }
  });
  const forgedEmail = `forged-${Date.now()}@e2e.test`;
  await adminPage.getByRole("button", { name: "Add user" }).click();
  const form = adminPage.getByRole("form", { name: "Add user" });
  await form.getByLabel("E-mail").fill(forgedEmail);
  await form.getByLabel("Name").fill("Mallory");
  await form.getByLabel("Role").selectOption({ label: "Admin" });
  await form.getByLabel("Initial password").fill("mallory-was-here");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect.poll(() => captured).toBeDefined();
  expect(captured!.body).toContain(forgedEmail);
  await adminContext.close();

  // …and replay it with the viewer's session cookie, as a malicious viewer could.
  const { cookie: _adminCookie, ...headers } = captured!.headers;
  void _adminCookie;
  const response = await viewerPage.request.post("/settings", { headers, data: captured!.body });
  const text = await response.text();
  expect(text).toContain("FORBIDDEN");
  expect(text).toContain("This needs the admin role; you are viewer.");
  expect((await db.query(`SELECT count(*)::int AS n FROM "User" WHERE email = $1`, [forgedEmail])).rows[0].n).toBe(0);
  await viewerContext.close();
});
