import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SYSTEM_ACTOR } from "../../lib/engine";
import { resetEnvCache } from "../../lib/config/env";
import { closeDb, getDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createApiToken } from "../../lib/services/tokens/create-api-token";
import { revokeApiToken } from "../../lib/services/tokens/revoke-api-token";
import { startApiServer, type RunningApiServer } from "../../lib/api/api-server";
import { disableCookieSessions } from "../../lib/auth/session-host";
import { createTestDatabase, type TestDbKind } from "../helpers/test-database";
import { expectDocumentedAnswer } from "./openapi-conformance";

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted field by field */
type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[] | undefined>> },
) => Response | Promise<Response>;

/**
 * Where a call goes: "handlers" calls the route handler in-process as Next does; "standalone"
 * sends it over HTTP to the standalone API host (lib/api/api-server.ts) serving the same
 * route table, so one suite proves both hosts answer alike (the handler argument is then
 * only documentation: the host routes by path and method).
 */
export type ApiHost = "handlers" | "standalone";

export interface ApiHarness {
  db: Db;
  host: ApiHost;
  /** The standalone host's base URL ("" for handlers). */
  baseUrl: string;
  tokens: { admin: string; operator: string; viewer: string; revoked: string };
  call(
    handler: Handler,
    init: {
      method?: string;
      path: string;
      token?: string | null;
      body?: unknown;
      rawBody?: BodyInit;
      headers?: Record<string, string>;
      params?: Record<string, string>;
    },
  ): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

/**
 * Runs route handlers in-process against a real database of the given kind, configured
 * the way the app is (DATABASE_URL, or the embedded default in a temp data dir), with an
 * admin, operator, viewer and a revoked bearer token.
 */
export async function openApiHarness(
  kind: TestDbKind,
  options: { host?: ApiHost; databaseUrl?: (url: string) => string } = {},
): Promise<ApiHarness> {
  const host = options.host ?? "handlers";
  let cleanup: () => Promise<void>;
  if (kind === "postgres") {
    const database = await createTestDatabase();
    process.env.DATABASE_URL = options.databaseUrl ? options.databaseUrl(database.url) : database.url;
    cleanup = () => database.drop();
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-api-"));
    delete process.env.DATABASE_URL;
    process.env.DOCSTATE_DATA_DIR = dataDir;
    cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  }
  resetEnvCache();
  const db = await getDb();
  await db.withConnection((conn) => migrate(conn));
  const make = async (role: "admin" | "operator" | "viewer") =>
    (await createApiToken(db, SYSTEM_ACTOR, { name: role.toLowerCase(), role })).token;
  const revokedToken = await createApiToken(db, SYSTEM_ACTOR, { name: "old", role: "admin" });
  await revokeApiToken(db, SYSTEM_ACTOR, { id: revokedToken.id });
  const tokens = {
    admin: await make("admin"),
    operator: await make("operator"),
    viewer: await make("viewer"),
    revoked: revokedToken.token,
  };
  let server: RunningApiServer | null = null;
  if (host === "standalone") {
    disableCookieSessions();
    // The test process's own Request/Response stay undici's: the handlers mode may share it.
    server = await startApiServer({ port: 0, hostname: "127.0.0.1", overrideGlobalObjects: false });
  }
  const baseUrl = server ? `http://127.0.0.1:${server.port}` : "";
  return {
    db,
    host,
    baseUrl,
    tokens,
    async call(handler, init) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.token !== null) headers.authorization = `Bearer ${init.token ?? tokens.admin}`;
      let body: BodyInit | undefined = init.rawBody;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
      const request = new Request(`http://localhost${init.path}`, {
        method: init.method ?? (body ? "POST" : "GET"),
        headers,
        body,
        duplex: "half",
      } as RequestInit);
      const response = server
        ? await fetch(`${baseUrl}${init.path}`, {
            method: request.method,
            headers,
            body,
            duplex: "half",
            redirect: "manual",
          } as RequestInit)
        : await handler(request, { params: Promise.resolve(init.params ?? {}) });
      const text = await response.text();
      const isJson = /json/.test(response.headers.get("content-type") ?? "");
      const answer = {
        status: response.status,
        headers: response.headers,
        body: isJson && text ? JSON.parse(text) : text,
      };
      // Every answer is held to the OpenAPI document: the contract cannot drift from the routes.
      expectDocumentedAnswer({
        method: request.method,
        pathname: new URL(request.url).pathname,
        status: answer.status,
        contentType: response.headers.get("content-type"),
        body: answer.body,
      });
      return answer;
    },
    async close() {
      await server?.close(1_000);
      await closeDb();
      await cleanup();
    },
  };
}
