import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import type pg from "pg";
import { expect } from "../fixtures";

/** An admin API token inserted straight into the database (hashed like the app does). */
export async function createAdminToken(db: pg.Pool): Promise<string> {
  const token = `ds_${randomBytes(32).toString("base64url")}`;
  await db.query(
    `INSERT INTO "ApiToken" ("id", "name", "tokenHash", "prefix", "role") VALUES (gen_random_uuid(), $1, $2, $3, 'ADMIN')`,
    [`e2e dashboard ${token.slice(3, 9)}`, createHash("sha256").update(token).digest("hex"), token.slice(0, 10)],
  );
  return token;
}

/** A small API client with a bearer token; every call must succeed. */
export function apiClient(request: APIRequestContext, token: string) {
  const headers = { Authorization: `Bearer ${token}` };
  return {
    async post<T = Record<string, unknown>>(path: string, data: unknown = {}): Promise<T> {
      const response = await request.post(path, { headers, data });
      expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
      return (await response.json()) as T;
    },
  };
}

/** inbox -> work (SLA 1 min, an action with retries) -> done, or -> failed (error) and back. */
export const ATTENTION_DEFINITION = {
  states: [
    { key: "inbox", label: "Inbox", kind: "initial" },
    {
      key: "work",
      label: "Working",
      kind: "normal",
      sla: { maxSeconds: 60 },
      action: { type: "noop" },
      retry: { maxAttempts: 4, strategy: "fixed", initialDelayMs: 60000 },
      onSuccess: "finish",
      onFailure: "fail",
    },
    { key: "failed", label: "Failed", kind: "error" },
    { key: "done", label: "Done", kind: "terminal" },
  ],
  transitions: [
    { key: "start", from: ["inbox"], to: "work" },
    { key: "finish", from: ["work"], to: "done" },
    { key: "fail", from: ["work"], to: "failed" },
    { key: "reopen", from: ["failed"], to: "work" },
  ],
};

/** Creates and publishes a workflow of this spec's own, so the seeded counts stay untouched. */
export async function publishWorkflow(api: ReturnType<typeof apiClient>, key: string, name: string): Promise<void> {
  await api.post("/api/v1/workflows", { key, name, definition: ATTENTION_DEFINITION });
  await api.post(`/api/v1/workflows/${key}/publish`);
}
