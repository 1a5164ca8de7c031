import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClientPackage } from "../../scripts/client/build-client-package";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

/*
 * The packed @docstate/client works outside this repository: a consumer project with only the
 * package and openapi-fetch installed imports it under Node's own ESM resolution and
 * typechecks against it with module "nodenext".
 */
describe("@docstate/client as a package (npm run client:pack)", () => {
  let dir: string;
  let consumer: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-client-"));
    const pkg = path.join(dir, "package");
    await buildClientPackage(pkg);
    const { stdout } = await run("npm", ["pack", "--pack-destination", dir], { cwd: pkg });
    const tarball = path.join(dir, stdout.trim().split("\n").pop()!);
    consumer = path.join(dir, "consumer");
    fs.mkdirSync(path.join(consumer, "node_modules/@docstate/client"), { recursive: true });
    await run("tar", [
      "-xzf",
      tarball,
      "-C",
      path.join(consumer, "node_modules/@docstate/client"),
      "--strip-components=1",
    ]);
    fs.symlinkSync(path.join(root, "node_modules/openapi-fetch"), path.join(consumer, "node_modules/openapi-fetch"));
    fs.symlinkSync(path.join(root, "node_modules/@types"), path.join(consumer, "node_modules/@types"));
    fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", type: "module" }));
  }, 120_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("ships only the bundle, its types, package.json and README", () => {
    const files = fs.readdirSync(path.join(consumer, "node_modules/@docstate/client")).sort();
    expect(files).toEqual(["README.md", "index.js", "package.json", "types"]);
  });

  it("runs under plain Node: verifies a signature and types a network failure", async () => {
    fs.writeFileSync(
      path.join(consumer, "run.mjs"),
      `import { createHmac } from "node:crypto";
import { createDocStateClient, verifyWebhook, DocStateError } from "@docstate/client";
const t = Math.floor(Date.now() / 1000);
const body = '{"idempotencyKey":"k"}';
const header = "t=" + t + ",v1=" + createHmac("sha256", "s").update(t + "." + body).digest("hex");
const client = createDocStateClient({ baseUrl: "http://127.0.0.1:9", token: "x" });
const error = await client.getDocument("d").catch((e) => e);
console.log(JSON.stringify({
  ok: verifyWebhook("s", header, body).ok,
  tampered: verifyWebhook("s", header, body + " ").ok,
  typed: error instanceof DocStateError, code: error.code,
}));
`,
    );
    const { stdout } = await run(process.execPath, ["run.mjs"], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({ ok: true, tampered: false, typed: true, code: "NETWORK_ERROR" });
  });

  it("typechecks a consumer with module nodenext, including a typed workflow", async () => {
    fs.copyFileSync(
      path.join(root, "docs/snippets/invoice-processing.types.ts"),
      path.join(consumer, "invoice-processing.types.ts"),
    );
    fs.writeFileSync(
      path.join(consumer, "use.ts"),
      `import { createDocStateClient, isDocStateError } from "@docstate/client";
import type { InvoiceProcessing } from "./invoice-processing.types.js";
export async function use(): Promise<string> {
  const client = createDocStateClient({ baseUrl: "http://localhost:3000", token: "t" });
  const invoices = client.workflow<InvoiceProcessing>("invoice-processing");
  const doc = await invoices.get("id");
  if (doc.state === "draft") {
    // @ts-expect-error approve cannot leave draft
    await invoices.fire(doc, "approve");
    await invoices.fire(doc, "submit");
  }
  const { data } = await client.api.GET("/api/v1/documents/{id}", { params: { path: { id: "x" } } });
  try { await client.fire("id", "submit"); } catch (e) { if (isDocStateError(e, "STALE_VERSION")) return e.code; }
  return data?.state ?? "";
}
`,
    );
    await run(
      path.join(root, "node_modules/.bin/tsc"),
      [
        "--noEmit",
        "--strict",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--target",
        "ES2022",
        "use.ts",
      ],
      { cwd: consumer },
    );
  });
});
