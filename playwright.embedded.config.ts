import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import main, { webServerOptions } from "./playwright.config";

// The README's first command on a fresh machine: the production build on the embedded PGlite
// default (e2e/embedded-server.ts). The main suite runs on PostgreSQL; these specs catch what
// only the embedded default does (one in-process session shared by every bundle of the app).
process.env.E2E_EMBEDDED_DATA_DIR ??= path.join(
  os.tmpdir(),
  `docstate-e2e-embedded-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`,
);
const port = Number(process.env.E2E_EMBEDDED_PORT ?? 3101);

export default defineConfig({
  ...main,
  testDir: "e2e/embedded",
  outputDir: "test-results/embedded",
  testIgnore: undefined,
  use: { ...main.use, baseURL: `http://localhost:${port}` },
  webServer: {
    command: "npx tsx e2e/embedded-server.ts",
    url: `http://localhost:${port}/api/health`,
    env: { E2E_EMBEDDED_PORT: String(port) },
    ...webServerOptions,
  },
});
