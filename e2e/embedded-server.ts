// Playwright's web server for the embedded default: `next start` exactly as the README's first
// command leaves it — no DATABASE_URL (PGlite in a data dir of its own), no admin set in the
// environment (the first start generates one), demo data loaded on the first start, the worker
// in the same process. The data dir is removed when Playwright stops the server.
import { spawn } from "node:child_process";
import fs from "node:fs";

const port = process.env.E2E_EMBEDDED_PORT ?? "3101";
const dataDir = process.env.E2E_EMBEDDED_DATA_DIR;
if (!dataDir) throw new Error("E2E_EMBEDDED_DATA_DIR is set by playwright.embedded.config.ts");

const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DOCSTATE_DATA_DIR: dataDir };
for (const name of ["DATABASE_URL", "DOCSTATE_ADMIN_EMAIL", "DOCSTATE_ADMIN_PASSWORD", "NEXTAUTH_SECRET"])
  delete env[name];
env.LOG_LEVEL ??= "warn";
const child = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env });

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  // The server releases the data dir's lock as it exits.
  await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(null)));
  fs.rmSync(dataDir!, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
child.on("exit", (code) => void stop(code ?? 1));
