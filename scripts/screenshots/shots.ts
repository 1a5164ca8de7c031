import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";

export type Theme = "light" | "dark";
export const THEMES: Theme[] = ["light", "dark"];

/** The folder for one area's images under SCREENSHOTS_DIR (default /tmp/docstate-screenshots), created. */
export function shotsDir(area: string): string {
  const dir = join(process.env.SCREENSHOTS_DIR ?? "/tmp/docstate-screenshots", area);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Chooses the theme for the next pages this tab opens (the theme script reads it before the first paint). */
export async function chooseTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((t) => localStorage.setItem("docstate-theme", t), theme);
}

/** Opens `path` in the chosen theme and waits until nothing is loading or animating. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await settle(page);
}

/** Waits for the network to go quiet and for running CSS transitions and animations (not the infinite ones) to end. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.effect?.getComputedTiming().iterations === Infinity || a.playState !== "running"),
  );
}
