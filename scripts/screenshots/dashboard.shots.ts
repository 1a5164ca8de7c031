import { test } from "../../e2e/fixtures";
import { open, shotsDir, THEMES, chooseTheme } from "./shots";

test("dashboard and needs attention in light and dark", async ({ page, createUser, signIn }) => {
  const dir = shotsDir("dashboard");
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, await createUser("admin"));
  for (const theme of THEMES) {
    await chooseTheme(page, theme);
    for (const [name, path] of [
      ["dashboard", "/"],
      ["attention", "/attention"],
    ] as const) {
      await open(page, path);
      await page.screenshot({ path: `${dir}/${name}-${theme}.png` });
      await page.screenshot({ path: `${dir}/${name}-${theme}-full.png`, fullPage: true });
    }
  }
});
