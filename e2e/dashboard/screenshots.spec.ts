import { mkdirSync } from "node:fs";
import { test } from "../fixtures";

// Not a check: renders the dashboard and Needs attention for a person to look at (SHOTS=1 to run).
test.skip(!process.env.SHOTS, "screenshots only with SHOTS=1");

test("dashboard and needs attention in light and dark", async ({ page, createUser, signIn }) => {
  mkdirSync("/tmp/shots-dashboard", { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, await createUser("ADMIN"));
  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => localStorage.setItem("docstate-theme", t), theme);
    for (const [name, path] of [
      ["dashboard", "/"],
      ["attention", "/attention"],
    ]) {
      await page.goto(path!);
      await page.evaluate((t) => document.documentElement.classList.toggle("dark", t === "dark"), theme);
      await page.waitForTimeout(400);
      await page.screenshot({ path: `/tmp/shots-dashboard/${name}-${theme}.png` });
      await page.screenshot({ path: `/tmp/shots-dashboard/${name}-${theme}-full.png`, fullPage: true });
    }
  }
});
