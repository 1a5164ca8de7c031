import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/*
 * Accessibility as a rule: the spec that shows a main page runs expectAccessible(page) there,
 * an axe-core scan against WCAG 2.0/2.1 A and AA that fails on serious and critical
 * violations. Fix causes in the components (colours, underlines, names); exclude only what
 * the app cannot change, narrowly and with the reason beside it.
 */

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Fails with one line per serious or critical violation: rule, impact, count and the first few places. */
async function scan(page: Page, name: string): Promise<void> {
  await test.step(`axe: ${name}`, async () => {
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const blocking = violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => {
        const places = v.nodes.slice(0, 3).map((n) => {
          const why = n.failureSummary?.split("\n")[1]?.trim();
          return `${n.target.join(" ")}${why ? ` — ${why}` : ""}`;
        });
        return `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}\n    ${places.join("\n    ")}`;
      });
    expect(blocking, `serious or critical accessibility violations on ${name}`).toEqual([]);
  });
}

/**
 * Checks the page as it is now (call it once the page shows what the story is about). With
 * `alsoInDark`, it then reloads the page in the dark theme, waits with that function until the
 * page shows its content again, and checks once more; the page stays dark, so call it where
 * the story ends.
 */
export async function expectAccessible(
  page: Page,
  options: { name?: string; alsoInDark?: (page: Page) => Promise<unknown> } = {},
): Promise<void> {
  const name = options.name ?? new URL(page.url()).pathname;
  await scan(page, name);
  if (!options.alsoInDark) return;
  await page.evaluate(() => localStorage.setItem("docstate-theme", "dark"));
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await options.alsoInDark(page);
  await scan(page, `${name} (dark)`);
}
