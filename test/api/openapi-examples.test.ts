import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../lib/api/openapi";

type Doc = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>>;
  components: { schemas: Record<string, { examples?: unknown[] }> };
};

const document = buildOpenApiDocument() as unknown as Doc;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
ajv.addSchema(document, "openapi.json");
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

function check(ref: string, example: unknown): string | null {
  const validate = ajv.compile({ $ref: ref });
  return validate(example) ? null : ajv.errorsText(validate.errors);
}

describe("the OpenAPI document's examples", () => {
  it("has request examples, and each is valid for its request schema", () => {
    const failures: string[] = [];
    let count = 0;
    for (const [template, item] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(item))
        for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
          if (media.example === undefined) continue;
          count += 1;
          const ref = `openapi.json#${pointer("", "paths", template, method, "requestBody", "content", type, "schema")}`;
          const error = check(ref, media.example);
          if (error) failures.push(`${method} ${template}: ${error}`);
        }
    expect(count).toBeGreaterThanOrEqual(5);
    expect(failures).toEqual([]);
  });

  it("has schema examples, and each is valid for its schema", () => {
    const failures: string[] = [];
    let count = 0;
    for (const [name, schema] of Object.entries(document.components.schemas))
      for (const example of schema.examples ?? []) {
        count += 1;
        const error = check(`openapi.json#/components/schemas/${name}`, example);
        if (error) failures.push(`${name}: ${error}`);
      }
    expect(count).toBeGreaterThanOrEqual(4);
    expect(failures).toEqual([]);
  });
});
