import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildOpenApiDocument } from "../../lib/api/openapi";
import { REVIEW_DEFINITION } from "../helpers/fixtures";
import { openApiHarness, type ApiHarness } from "./api-harness";

/*
 * Every operation of the OpenAPI document gets malformed values — NUL bytes, invalid UTF-8,
 * lone surrogates, huge strings — in each path segment, each query parameter and each body
 * field, through the real route handlers on PostgreSQL. No answer may be a 500: bad input is
 * a typed 4xx, and nothing is written.
 */

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
};
type Handler = Parameters<ApiHarness["call"]>[0];

const HUGE = "x".repeat(100_000);
/** Values as a client would put them in a URL (percent-encoded bytes, some not UTF-8). */
const URL_VALUES = ["%00", "a%00b", "%FF%FE", "%C0%80", "%ED%A0%80", "%E2%82", encodeURIComponent(HUGE), "%25%00"];
/** Values as decoded strings, for path params (Next hands them decoded) and JSON bodies. */
const STRING_VALUES = ["\u0000", "a\u0000b", "\uFFFD\uFFFE", "\uD800", "\uDFFF\uD800", HUGE, "\u0000".repeat(1000)];

const VALID_BODIES: Record<string, (ctx: { key: string; docId: string }) => Record<string, unknown>> = {
  CreateWorkflow: () => ({ key: "fuzzed", name: "Fuzzed", definition: REVIEW_DEFINITION }),
  SaveDraft: () => ({ definition: REVIEW_DEFINITION }),
  CreateDocument: ({ key }) => ({ workflow: key, title: "t", metadata: { a: "b" }, externalRef: "r" }),
  FireTransition: () => ({ transition: "submit", reason: "r", idempotencyKey: "k" }),
  MoveDocument: () => ({ toState: "review", reason: "r" }),
  RetryDocument: () => ({}),
  BulkRequest: ({ docId }) => ({ operation: "retry", selection: { documentIds: [docId] } }),
  AlertRuleInput: ({ key }) => ({ name: "n", kind: "stuck", workflow: key, channel: { kind: "in_app" } }),
  AlertRulePatch: () => ({ name: "n" }),
};

describe("malformed input fuzz over the OpenAPI document (PostgreSQL)", () => {
  let api: ApiHarness;
  let docId: string;
  const key = "fuzz";
  beforeAll(async () => {
    api = await openApiHarness("postgres");
    const wf = await api.call(await handlerFor("/api/v1/workflows", "post"), {
      path: "/api/v1/workflows",
      body: { key, name: "Fuzz", definition: REVIEW_DEFINITION },
    });
    expect(wf.status).toBe(201);
    const pub = await api.call(await handlerFor("/api/v1/workflows/{key}/publish", "post"), {
      method: "POST",
      path: `/api/v1/workflows/${key}/publish`,
      params: { key },
    });
    expect(pub.status).toBe(200);
    const doc = await api.call(await handlerFor("/api/v1/documents", "post"), {
      path: "/api/v1/documents",
      body: { workflow: key, title: "Fuzz target" },
    });
    expect(doc.status).toBe(201);
    docId = doc.body.id;
  });
  afterAll(async () => api?.close());

  it("answers every malformed request with a typed 4xx (or success), never a 500", async () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, Operation>> };
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties?: object }> } }).components
      .schemas;
    const failures: string[] = [];
    let sent = 0;
    const send = async (label: string, handler: Handler, init: Parameters<ApiHarness["call"]>[1]) => {
      sent++;
      const res = await api.call(handler, init);
      if (res.status >= 500 && !(res.status === 503 && init.path === "/api/health")) {
        failures.push(`${label} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      } else if (res.status >= 400) {
        expect(res.headers.get("content-type"), label).toMatch(/json|text\/plain/);
      }
    };

    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const handler = await handlerFor(template, method);
        const validParams: Record<string, string> = {};
        for (const p of operation.parameters ?? [])
          if (p.in === "path") validParams[p.name] = p.name === "key" ? key : docId;
        const pathFor = (params: Record<string, string>, encoded?: Record<string, string>) =>
          template.replace(
            /\{(\w+)\}/g,
            (_, n: string) => encoded?.[n] ?? encodeURIComponent(params[n]!.toWellFormed()),
          );
        const bodyRef = operation.requestBody?.content["application/json"]?.schema.$ref?.split("/").pop();
        const validBody = bodyRef ? (VALID_BODIES[bodyRef]?.({ key, docId }) ?? {}) : undefined;
        const base = { method: method.toUpperCase(), params: validParams, body: validBody };
        const label = `${method.toUpperCase()} ${template}`;

        for (const p of operation.parameters ?? []) {
          if (p.in === "path") {
            for (const value of STRING_VALUES) {
              const params = { ...validParams, [p.name]: value };
              await send(`${label} path ${p.name}=${JSON.stringify(value.slice(0, 12))}`, handler, {
                ...base,
                params,
                path: pathFor(params),
              });
            }
            for (const value of URL_VALUES) {
              // What Next would hand over when a segment's bytes do not decode: the raw segment.
              const params = { ...validParams, [p.name]: safeDecode(value) };
              await send(`${label} path ${p.name}=${value.slice(0, 12)}`, handler, {
                ...base,
                params,
                path: pathFor(validParams, { [p.name]: value }),
              });
            }
          } else if (p.in === "query") {
            for (const value of URL_VALUES) {
              await send(`${label} query ${p.name}=${value.slice(0, 12)}`, handler, {
                ...base,
                path: `${pathFor(validParams)}?${p.name}=${value}`,
              });
            }
          }
        }
        if (bodyRef) {
          const properties = Object.keys(schemas[bodyRef]?.properties ?? {});
          for (const field of properties.length ? properties : ["field"]) {
            for (const value of [...STRING_VALUES, { [`k\u0000`]: "\u0000" }, ["\u0000"]]) {
              await send(`${label} body.${field}=${JSON.stringify(value).slice(0, 12)}`, handler, {
                ...base,
                path: pathFor(validParams),
                body: { ...validBody, [field]: value },
              });
            }
          }
          for (const raw of [
            Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
            '{"a":"\\u0000"}',
          ]) {
            await send(`${label} raw body`, handler, {
              ...base,
              body: undefined,
              rawBody: raw,
              headers: { "content-type": "application/json" },
              path: pathFor(validParams),
            });
          }
        }
      }
    }
    console.log(`fuzz: ${sent} requests, ${failures.length} answers of 500`);
    expect(failures.join("\n")).toBe("");
    expect(sent).toBeGreaterThan(700);
    // Nothing malformed was written: the only workflow keys are the seeded and the valid "fuzzed" one.
    const keys = await api.db.pool!.query<{ key: string }>(`SELECT key FROM "Workflow" ORDER BY key`);
    expect(keys.rows.map((r) => r.key).every((k) => /^[a-z0-9_-]+$/.test(k))).toBe(true);
  }, 300_000);
});

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const routeModules = new Map<string, Record<string, Handler>>();

/** The route module Next would serve for an OpenAPI path, and its handler for the method. */
async function handlerFor(template: string, method: string): Promise<Handler> {
  const dir = template.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]");
  let mod = routeModules.get(dir);
  if (!mod) {
    const file = path.join(process.cwd(), "app", dir, "route.ts");
    mod = (await import(pathToFileURL(file).href)) as Record<string, Handler>;
    routeModules.set(dir, mod);
  }
  const handler = mod[method.toUpperCase()];
  if (!handler) throw new Error(`no ${method.toUpperCase()} handler in app/${dir}/route.ts`);
  return handler;
}
