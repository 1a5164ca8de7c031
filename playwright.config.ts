import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// One database per run, named here so the server (e2e/server.ts) and the specs'
// fixtures (e2e/fixtures.ts) agree; workers inherit the variable from the main process.
process.env.E2E_DATABASE_NAME ??= `docstate_e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const port = Number(process.env.E2E_PORT ?? 3100);

/** How Playwright runs an e2e server (this config's and playwright.embedded.config.ts's). */
export const webServerOptions = {
  timeout: 120_000,
  reuseExistingServer: false,
  // SIGTERM (not Playwright's default SIGKILL) lets the server script clean up after itself
  // (e2e/server.ts drops the run's database, e2e/embedded-server.ts removes its data dir).
  gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  stdout: "pipe",
  stderr: "pipe",
} as const;

export default defineConfig({
  testDir: "e2e",
  // The embedded default has its own server and config (playwright.embedded.config.ts).
  testIgnore: "embedded/**",
  outputDir: "test-results",
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker: specs share one seeded database and several compare page counts with it,
  // so another spec creating or moving documents at the same moment would race them.
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    // Recording a trace for every spec (to keep the failing ones) cost 22% of the suite's
    // time on 2 cores (27 specs: 4.8 min against 3.7). Reproduce a failure with
    // `npx playwright test <spec> --trace on` instead; the failure's screenshot is kept.
    trace: "off",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is unreachable here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "npx tsx e2e/server.ts",
    url: `http://localhost:${port}/api/health`,
    env: { E2E_PORT: String(port) },
    ...webServerOptions,
  },
});
