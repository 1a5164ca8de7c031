import { describe, expect, it } from "vitest";
import { describeGuardFailures, evaluateGuard, guardSchemaError } from "./guards";

const invoiceGuard = {
  type: "object",
  required: ["invoiceNumber", "amount"],
  properties: { invoiceNumber: { type: "string", minLength: 1 }, amount: { type: "number", exclusiveMinimum: 0 } },
};

describe("evaluateGuard", () => {
  it("passes metadata that matches", () => {
    expect(evaluateGuard(invoiceGuard, { invoiceNumber: "INV-1", amount: 10, extra: true })).toEqual({ ok: true });
  });

  it("reports every failing path as a JSON Pointer", () => {
    expect(evaluateGuard(invoiceGuard, { amount: "12" })).toEqual({
      ok: false,
      failures: [
        { path: "/invoiceNumber", message: "is required" },
        { path: "/amount", message: "must be number" },
      ],
    });
  });

  it("points into nested objects and arrays, escaping ~ and /", () => {
    const schema = {
      type: "object",
      properties: {
        lines: {
          type: "array",
          items: { type: "object", required: ["a/b~c"], additionalProperties: false, properties: { "a/b~c": {} } },
        },
      },
    };
    expect(evaluateGuard(schema, { lines: [{ "a/b~c": 1 }, { x: 1 }] })).toEqual({
      ok: false,
      failures: [
        { path: "/lines/1/a~1b~0c", message: "is required" },
        { path: "/lines/1/x", message: "is not allowed" },
      ],
    });
  });

  it("checks missing metadata as an empty object so required still applies", () => {
    expect(evaluateGuard({ required: ["a"] }, null)).toEqual({
      ok: false,
      failures: [{ path: "/a", message: "is required" }],
    });
    expect(evaluateGuard({ required: ["a"] }, undefined)).toMatchObject({ ok: false });
  });

  it("reports the root as the empty pointer", () => {
    expect(evaluateGuard({ type: "object" }, 5)).toEqual({
      ok: false,
      failures: [{ path: "", message: "must be object" }],
    });
  });

  it("supports the common formats without fetching anything", () => {
    const schema = {
      properties: { due: { type: "string", format: "date" }, mail: { type: "string", format: "email" } },
    };
    expect(evaluateGuard(schema, { due: "2026-01-31", mail: "a@b.co" })).toEqual({ ok: true });
    expect(evaluateGuard(schema, { due: "31/01/2026" })).toEqual({
      ok: false,
      failures: [{ path: "/due", message: 'must match format "date"' }],
    });
  });

  it("never throws on an invalid schema: it fails at the root", () => {
    const result = evaluateGuard({ type: "nope" }, {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failures[0]?.path).toBe("");
    expect(!result.ok && result.failures[0]?.message).toMatch(/^guard schema is invalid/);
  });

  it("memoises per schema object", () => {
    const schema = { required: ["x"] };
    expect(evaluateGuard(schema, {})).toEqual(evaluateGuard(schema, {}));
    expect(evaluateGuard(schema, { x: 1 })).toEqual({ ok: true });
  });
});

describe("guardSchemaError", () => {
  it("accepts valid schemas, also two with the same $id", () => {
    expect(guardSchemaError({ $id: "https://example.com/g", required: ["a"] })).toBeNull();
    expect(guardSchemaError({ $id: "https://example.com/g", required: ["b"] })).toBeNull();
  });

  it("rejects unknown keywords, bad types, remote refs and async schemas", () => {
    expect(guardSchemaError({ requried: ["a"] })).toMatch(/unknown keyword/);
    expect(guardSchemaError({ type: "nope" })).toMatch(/schema is invalid/);
    expect(guardSchemaError({ $ref: "https://example.com/other.json" })).toMatch(/resolve reference/);
    expect(guardSchemaError({ $async: true, type: "object" })).toMatch(/async/);
    expect(guardSchemaError({ format: "credit-card", type: "string" })).toMatch(/unknown format/);
  });

  it("cannot be tricked into unregistering Ajv's meta-schema", () => {
    expect(guardSchemaError({ $id: "http://json-schema.org/draft-07/schema", type: "object" })).toBeNull();
    expect(guardSchemaError({ type: "nope" })).toMatch(/schema is invalid/);
    expect(guardSchemaError({ type: "string" })).toBeNull();
  });
});

describe("describeGuardFailures", () => {
  it("joins failures into one line", () => {
    expect(
      describeGuardFailures([
        { path: "/a", message: "is required" },
        { path: "", message: "must be object" },
      ]),
    ).toBe("/a is required; metadata must be object");
  });
});

describe("guardSchemaError where code generation is refused", () => {
  it("does not report a guard it cannot judge (a browser under the app's CSP); the server judges it", () => {
    const original = globalThis.Function;
    globalThis.Function = function refused() {
      throw new EvalError("Evaluating a string as JavaScript violates the Content Security Policy");
    } as unknown as FunctionConstructor;
    try {
      expect(guardSchemaError({ type: "object", required: ["csp-probe"] })).toBeNull();
    } finally {
      globalThis.Function = original;
    }
    expect(guardSchemaError({ type: "object", required: "not-an-array" })).toMatch(/required/);
  });
});
