import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as typesRoute from "../../app/api/v1/workflows/[key]/types.ts/route";
import { exampleInvoiceDefinition } from "../../lib/engine/examples";
import { openApiHarness, type ApiHarness } from "../api/api-harness";
import { startRouteServer } from "../client/route-server";
import { publishedWorkflow } from "../helpers/fixtures";
import { renderInvoiceTypes } from "./invoice-types-source";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

/** Runs `npm run typegen -- …` (its tsx entry point) with the given environment. */
async function typegen(args: string[], env: Record<string, string | undefined>) {
  try {
    const { stdout, stderr } = await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/typegen.ts", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("typed transitions: GET /api/v1/workflows/:key/types.ts and npm run typegen (PostgreSQL)", () => {
  let api: ApiHarness;
  const call = (key: string, query = "", token?: string | null) =>
    api.call(typesRoute.GET, { path: `/api/v1/workflows/${key}/types.ts${query}`, params: { key }, token });

  beforeAll(async () => {
    api = await openApiHarness("postgres");
    await publishedWorkflow(api.db, "invoice-processing", exampleInvoiceDefinition);
    await publishedWorkflow(api.db, "odd-guards", {
      states: [
        { key: "open", kind: "initial" },
        { key: "closed", kind: "terminal" },
      ],
      transitions: [
        {
          key: "close",
          from: ["open"],
          to: "closed",
          guard: { jsonSchema: { type: "object" } },
        },
        {
          key: "close_checked",
          from: ["open"],
          to: "closed",
          guard: { jsonSchema: { type: "object", required: ["ok"], properties: { ok: { const: true } } } },
        },
      ],
    });
    // Publishing refuses guard schemas ajv cannot compile, so plant one in the stored row, as a
    // definition published by an older, laxer version (or edited by hand) would hold it.
    const version = await api.db.prisma.workflowVersion.findFirstOrThrow({
      where: { workflow: { key: "odd-guards" } },
    });
    const definition = version.definition as { transitions: { guard?: { jsonSchema: unknown } }[] };
    definition.transitions[0]!.guard = { jsonSchema: { $ref: "https://schemas.example/x.json" } };
    await api.db.prisma.workflowVersion.update({
      where: { id: version.id },
      data: { definition: definition as never },
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it("answers a viewer with the types of the latest published version", async () => {
    const response = await call("invoice-processing", "", api.tokens.viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.headers.get("x-docstate-workflow-version")).toBe("1");
    expect(response.body).toBe((await renderInvoiceTypes()).source);
    expect((await call("invoice-processing", "?version=1")).body).toBe(response.body);
  });

  it("404 problem+json for an unknown workflow or version; 400 for a bad version; 401 without a token", async () => {
    expect(await call("nope")).toMatchObject({ status: 404, body: { code: "WORKFLOW_NOT_FOUND" } });
    const missing = await call("invoice-processing", "?version=9");
    expect(missing).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect(missing.body.detail).toContain("no published version 9");
    expect(await call("invoice-processing", "?version=zero")).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED" },
    });
    expect(await call("invoice-processing", "", null)).toMatchObject({ status: 401 });
  });

  it("a guard schema it cannot translate becomes `unknown` with the reason; the rest is still typed", async () => {
    const response = await call("odd-guards");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-docstate-typegen-warnings")).toBe("1");
    expect(response.body).toContain("export type OddGuardsCloseGuard = unknown;");
    expect(response.body).toMatch(/could not be translated \(.*schemas\.example/);
    expect(response.body).toMatch(/export interface OddGuardsCloseCheckedGuard \{\n\s+ok: true;?/);
    expect(response.body).toContain('"open": "close" | "close_checked";');
  });

  it("npm run typegen writes the same file from the database, and says so clearly when the workflow is unknown", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "typegen-"));
    const out = path.join(dir, "invoice.ts");
    const env = { DATABASE_URL: process.env.DATABASE_URL };
    const written = await typegen(["--workflow", "invoice-processing", "--version", "1", "--out", out], env);
    expect(written).toMatchObject({ code: 0 });
    expect(written.stderr).toContain(`wrote ${out} (invoice-processing v1)`);
    expect(fs.readFileSync(out, "utf8")).toBe((await renderInvoiceTypes()).source);

    const unknown = await typegen(["--workflow", "nope"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No workflow with key "nope"');
    const usage = await typegen(["--version", "x"], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: npm run typegen");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("npm run typegen -- --url asks a running DocState, with its warnings", async () => {
    const server = await startRouteServer();
    try {
      const result = await typegen(["--workflow", "odd-guards", "--url", server.url], {
        DOCSTATE_TOKEN: api.tokens.viewer,
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("export type OddGuards = {");
      expect(result.stderr).toContain("1 guard schema(s) typed as unknown");
      const missing = await typegen(["--workflow", "nope", "--url", server.url], { DOCSTATE_TOKEN: api.tokens.viewer });
      expect(missing).toMatchObject({ code: 1 });
      expect(missing.stderr).toContain("WORKFLOW_NOT_FOUND");
    } finally {
      await server.close();
    }
  });
});
