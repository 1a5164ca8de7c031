import { describe, expect, it } from "vitest";
import {
  MAX_ACTION_OUTPUT_BYTES,
  applyActionOutput,
  guardFieldPointers,
  pointerSegments,
  pointersOverlap,
  readActionAnswer,
} from "./action-output";

describe("readActionAnswer", () => {
  const json = (body: string, contentType: string | null = "application/json; charset=utf-8") =>
    readActionAnswer({ contentType, body, truncated: false });

  it("parses a JSON answer, +json types included", () => {
    expect(json('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(json("[1]", "application/vnd.api+json")).toEqual({ ok: true, value: [1] });
  });

  it("refuses an answer that is not JSON, not typed as JSON, or too large", () => {
    expect(json("{oops")).toMatchObject({ ok: false, message: expect.stringContaining("not valid JSON") });
    expect(json("{}", "text/plain")).toMatchObject({ ok: false, message: expect.stringContaining('"text/plain"') });
    expect(json("{}", null)).toMatchObject({ ok: false, message: expect.stringContaining("untyped") });
    const big = JSON.stringify({ text: "x".repeat(MAX_ACTION_OUTPUT_BYTES) });
    expect(json(big)).toMatchObject({
      ok: false,
      message: expect.stringContaining(`${MAX_ACTION_OUTPUT_BYTES} bytes`),
    });
    expect(readActionAnswer({ contentType: "application/json", body: "{", truncated: true }).ok).toBe(false);
  });
});

describe("applyActionOutput", () => {
  it("writes the answer at the pointer, creating objects on the way, without touching the input", () => {
    const metadata = { vendor: "Acme", invoice: { id: 7 } };
    const result = applyActionOutput(metadata, { into: "/invoice/extracted" }, { total: 12, number: "A-1" });
    expect(result).toEqual({
      ok: true,
      metadata: { vendor: "Acme", invoice: { id: 7, extracted: { total: 12, number: "A-1" } } },
      written: { into: "/invoice/extracted", fields: ["number", "total"] },
    });
    expect(metadata).toEqual({ vendor: "Acme", invoice: { id: 7 } });
    expect(applyActionOutput(null, { into: "/a~1b/c" }, 1)).toMatchObject({ ok: true, metadata: { "a/b": { c: 1 } } });
  });

  it("replaces what was at the pointer", () => {
    expect(applyActionOutput({ x: { old: true } }, { into: "/x" }, { new: true })).toMatchObject({
      metadata: { x: { new: true } },
    });
  });

  it("refuses to write through a value that is not an object", () => {
    expect(applyActionOutput({ a: "text" }, { into: "/a/b" }, 1)).toEqual({
      ok: false,
      message: "The output cannot be written at /a/b: /a is not an object",
    });
  });

  it("checks the output schema and names the failing fields", () => {
    const output = { into: "/x", schema: { type: "object", required: ["invoiceNumber"] } };
    const result = applyActionOutput({}, output, { amount: 1 });
    expect(result).toMatchObject({
      ok: false,
      message: "The output does not match the action's output schema: /invoiceNumber is required",
    });
    expect(applyActionOutput({}, output, { invoiceNumber: "1" }).ok).toBe(true);
  });
});

describe("guard fields and overlaps", () => {
  it("lists the fields a guard reads, through combinators", () => {
    expect(
      guardFieldPointers({
        required: ["a"],
        properties: { b: { properties: { c: {} } } },
        anyOf: [{ required: ["d"] }],
        not: { required: ["e/f"] },
      }),
    ).toEqual(["/a", "/b", "/b/c", "/d", "/e~1f"]);
    expect(guardFieldPointers({ additionalProperties: false })).toEqual([""]);
  });

  it("overlaps when one place contains the other", () => {
    expect(pointersOverlap("/a", "/a")).toBe(true);
    expect(pointersOverlap("/a", "/a/b")).toBe(true);
    expect(pointersOverlap("/a/b", "/a")).toBe(true);
    expect(pointersOverlap("/ab", "/a")).toBe(false);
    expect(pointersOverlap("/x", "")).toBe(true);
    expect(pointerSegments("/a~1b/~0c")).toEqual(["a/b", "~c"]);
  });
});

describe("structuralSchemaError (the check where Ajv cannot compile: a page under CSP)", () => {
  it("finds wrong types and required lists, in subschemas too, and passes real schemas", async () => {
    const { structuralSchemaError } = await import("./guards");
    expect(structuralSchemaError({ type: "invoice" })).toBe(
      "#/type must be one of string, number, integer, boolean, object, array, null",
    );
    expect(structuralSchemaError({ properties: { a: { type: ["string", "nope"] } } })).toContain("#/properties/a/type");
    expect(structuralSchemaError({ required: "a" })).toBe("#/required must be an array of strings");
    expect(structuralSchemaError({ anyOf: [{ required: [1] }] })).toContain("#/anyOf/0/required");
    expect(
      structuralSchemaError({ type: "object", required: ["a"], properties: { a: { type: "number" } } }),
    ).toBeNull();
    expect(structuralSchemaError([])).toBe("# must be an object");
  });
});
