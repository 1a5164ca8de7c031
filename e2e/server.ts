// Playwright's web server: a fresh PostgreSQL database for this run, then `next start` on it.
// The database is dropped when Playwright stops the server.
import { spawn } from "node:child_process";
import { createTestDatabase } from "../test/helpers/test-database";

const port = process.env.E2E_PORT ?? "3100";
const name = process.env.E2E_DATABASE_NAME;
if (!name) throw new Error("E2E_DATABASE_NAME is set by playwright.config.ts");
const database = await createTestDatabase("docstate_e2e", name);
const child = spawn("npx", ["next", "start", "-p", port], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    DOCSTATE_SEED_DEMO: "1",
    // One line per API request would bury Playwright's own output; warnings still show.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    NEXTAUTH_URL: `http://localhost:${port}`,
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await database.drop().catch((error) => console.error(`could not drop ${database.name}: ${error}`));
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
child.on("exit", (code) => void stop(code ?? 1));
