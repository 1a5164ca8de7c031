import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../lib/db/client";
import { TEST_SERVER_URL } from "../helpers/test-database";

const tmpDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-startup-"));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => tmpDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Runs an entry point the way a user would and returns its exit code and stderr. */
function run(script: string, env: Record<string, string | undefined>) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.NEXTAUTH_SECRET;
  const result = spawnSync("npx", ["tsx", script], { env: { ...base, ...env }, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

function runAsync(
  script: string,
  env: Record<string, string | undefined>,
): Promise<{ status: number | null; stderr: string }> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.NEXTAUTH_SECRET;
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", script], { env: { ...base, ...env } });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stderr: stderr.trim() }));
  });
}

function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.split("\n").filter((line) => line.trim() && !/ExperimentalWarning|--trace-warnings/.test(line));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^DocState cannot start: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe("start-up failures are one clear line and a non-zero exit", () => {
  it("an unreachable DATABASE_URL", () => {
    const result = run("scripts/migrate.ts", { DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere" });
    expect(result.status).toBe(1);
    expectOneLine(result.stderr, /cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere: ECONNREFUSED/);
  });

  it("a DATABASE_URL that is not a PostgreSQL URL", () => {
    const result = run("scripts/migrate.ts", { DATABASE_URL: "mysql://localhost/x" });
    expect(result.status).toBe(1);
    expectOneLine(result.stderr, /DATABASE_URL must start with postgres:\/\//);
  });

  it("an embedded data dir locked by another process", async () => {
    const dataDir = tempDir();
    const holder = await openDb({ dataDir, poolSize: 1 });
    try {
      // Asynchronously: the holder's lock heartbeat must keep running while the child starts.
      const result = await runAsync("scripts/migrate.ts", { DOCSTATE_DATA_DIR: dataDir });
      expect(result.status).toBe(1);
      expectOneLine(result.stderr, /is in use by another DocState process/);
    } finally {
      await holder.close();
    }
  });

  it("a corrupt embedded data dir", () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, "pgdata"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "pgdata", "PG_VERSION"), "not a version\n");
    fs.writeFileSync(path.join(dataDir, "pgdata", "postgresql.conf"), "\u0000\u0001garbage");
    const result = run("scripts/migrate.ts", { DOCSTATE_DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expectOneLine(result.stderr, /cannot be opened/);
  });

  it("production on PostgreSQL without NEXTAUTH_SECRET", () => {
    const result = run("scripts/seed.ts", { NODE_ENV: "production", DATABASE_URL: TEST_SERVER_URL });
    expect(result.status).toBe(1);
    expectOneLine(result.stderr, /NEXTAUTH_SECRET is required in production/);
  });

  it("a data dir that cannot be created", () => {
    const file = path.join(tempDir(), "a-file");
    fs.writeFileSync(file, "");
    const result = run("scripts/migrate.ts", { DOCSTATE_DATA_DIR: path.join(file, "sub") });
    expect(result.status).toBe(1);
    expectOneLine(result.stderr, /cannot create the data directory/);
  });
});
