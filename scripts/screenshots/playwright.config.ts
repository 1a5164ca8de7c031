import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import e2e from "../../playwright.config";

/*
 * `npm run screenshots`: renders the main screens in light and dark for a person to look at
 * (after `npm run build`, like the e2e suite). Not tests: they assert nothing and are not part
 * of `npm test`. Same server (e2e/server.ts, a fresh seeded database) and fixtures as
 * the e2e specs; images go to SCREENSHOTS_DIR (default /tmp/docstate-screenshots).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  ...e2e,
  testDir: ".",
  testMatch: "*.shots.ts",
  outputDir: `${root}test-results/screenshots`,
  timeout: 300_000,
  use: { ...e2e.use, trace: "off" },
  // The e2e server command runs from the repository root, wherever this config lives.
  webServer: { ...(e2e.webServer as object), cwd: root } as typeof e2e.webServer,
});
