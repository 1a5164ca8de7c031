import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import {
  addState,
  createWorkflowInUi,
  draftDefinition,
  expectSaved,
  routeSaves,
  stateNode,
  uniqueWorkflowName,
} from "./designer-helpers";

/*
 * Autosave when saves fail: the network drops saves, the browser goes offline, the session
 * ends. The admin's last change must end up in the database without another edit, or the
 * designer must say plainly that it is not saved and why. Saves are the designer page's
 * server-action POSTs (method POST with a `next-action` header, to the page's own URL).
 */

/** Whether leaving the page now would ask first (the designer's beforeunload handler). */
function wouldWarnOnLeave(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
}

async function savedStateKeys(db: Parameters<typeof draftDefinition>[0], key: string): Promise<string[]> {
  const [draft] = await draftDefinition(db, key);
  return draft?.definition.states.map((s) => s.key) ?? [];
}

test("when the network drops saves, the designer retries by itself, and Retry now saves at once", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  await signIn(page, await createUser("admin"));
  const { name, key } = uniqueWorkflowName("Flaky network");
  await createWorkflowInUi(page, name);
  const status = page.getByTestId("save-status");
  const retryNow = page.getByRole("button", { name: "Retry now" });

  await test.step("two saves are dropped; the third goes through without another edit", async () => {
    let attempts = 0;
    await routeSaves(page, async (route) => {
      attempts += 1;
      await (attempts <= 2 ? route.abort("internetdisconnected") : route.continue());
    });
    await addState(page, "checked_twice");
    await expect(status).toHaveAttribute("data-status", "failed");
    await expect(status).toContainText(/Save failed — retrying in \d s/);
    await expect(status).toHaveAttribute("data-retry-in", /^\d+$/);
    await expect(status).toHaveAttribute("title", /Could not reach the server/);
    await expect(retryNow).toBeVisible();
    expect(await wouldWarnOnLeave(page)).toBe(true);

    await expectSaved(page);
    expect(attempts).toBeGreaterThanOrEqual(3);
    await expect(status).not.toHaveAttribute("data-retry-in");
    await expect(retryNow).toHaveCount(0);
    expect(await wouldWarnOnLeave(page)).toBe(false);
    expect(await savedStateKeys(db, key)).toContain("checked_twice");
    await page.unrouteAll({ behavior: "wait" });
  });

  await test.step("saves keep failing; Retry now saves as soon as the network is back", async () => {
    let attempts = 0;
    await routeSaves(page, async (route) => {
      attempts += 1;
      await route.abort("connectionrefused");
    });
    await addState(page, "after_outage");
    await expect(status).toHaveAttribute("data-status", "failed");
    // Retrying while the server is unreachable fails again, and each failure doubles the
    // wait: after four in a row the next automatic try is 8 s away.
    for (let tried = attempts; attempts < 4; tried = attempts) {
      await retryNow.click();
      await expect.poll(() => attempts, { intervals: [50] }).toBeGreaterThan(tried);
    }
    await expect(status).toHaveAttribute("data-status", "failed");
    await expect
      .poll(async () => Number(await status.getAttribute("data-retry-in")), { intervals: [50] })
      .toBeGreaterThanOrEqual(5);

    // The network is back: Retry now saves at once, long before the countdown ends.
    await page.unrouteAll({ behavior: "wait" });
    await retryNow.click();
    await expectSaved(page, 3_000);
    expect(await savedStateKeys(db, key)).toContain("after_outage");
  });
});

test("offline it waits for the network and publishes nothing; signed out it says the change is not saved and waits to be asked", async ({
  page,
  context,
  createUser,
  signIn,
  db,
}) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  const { name, key } = uniqueWorkflowName("Offline");
  await createWorkflowInUi(page, name);
  const status = page.getByTestId("save-status");
  let attempts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) attempts += 1;
  });

  await test.step("offline: nothing is tried, publish refuses, and it saves at once when the network returns", async () => {
    await context.setOffline(true);
    await stateNode(page, "start").click();
    await page.getByLabel("Label").fill("Begin");
    await expect(status).toContainText("Offline — will save when back online");
    await expect(status).toHaveAttribute("data-status", "failed");
    await expect(status).not.toHaveAttribute("data-retry-in");
    // An edit made offline joins the waiting save instead of trying on its own.
    const triedOffline = attempts;
    await page.getByLabel("Label").fill("Begun offline");
    await page.waitForTimeout(1_500);
    expect(attempts).toBe(triedOffline);

    // Publishing saves first (the Publish dialog opens only on a saved draft); that cannot
    // work offline, so nothing is published.
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByTestId("designer-notice")).toContainText("could not be saved, so nothing was published");
    await expect(status).toContainText("Offline — will save when back online");
    expect((await draftDefinition(db, key)).map((v) => v.status)).toEqual(["DRAFT"]);

    await context.setOffline(false);
    await expectSaved(page);
    const [draft] = await draftDefinition(db, key);
    const start = (draft!.definition.states as { key: string; label?: string }[]).find((s) => s.key === "start");
    expect(start?.label).toBe("Begun offline");
  });

  await test.step("the session ends: not saved, said plainly, and no retry until she asks", async () => {
    await context.clearCookies();
    await addState(page, "after_sign_in");
    const banner = page.getByTestId("save-auth-banner");
    await expect(banner).toContainText("You are signed out");
    await expect(banner).toContainText("your last changes are not saved");
    await expect(status).toHaveAttribute("data-status", "failed");
    await expect(status).toContainText("Not saved — sign in again");
    await expect(status).not.toHaveAttribute("data-retry-in");
    const triedSignedOut = attempts;
    await page.waitForTimeout(1_500); // a transient failure would have been retried after 1 s
    expect(attempts).toBe(triedSignedOut);
    expect(await wouldWarnOnLeave(page)).toBe(true);

    // She signs in again in another tab, comes back and retries.
    const other = await context.newPage();
    await signIn(other, admin);
    await other.close();
    await page.getByRole("button", { name: "Retry now" }).click();
    await expectSaved(page);
    await expect(banner).toHaveCount(0);
    expect(await savedStateKeys(db, key)).toContain("after_sign_in");
  });
});
