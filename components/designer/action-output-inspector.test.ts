import { describe, expect, it } from "vitest";
import { outputPathError, outputSchemaError, waitError } from "./action-output-inspector";

describe("action output inspector checks", () => {
  it("accepts JSON Pointers and empty, refuses the rest", () => {
    expect(outputPathError("")).toBeNull();
    expect(outputPathError("/extracted/fields")).toBeNull();
    expect(outputPathError("extracted")).toContain("JSON Pointer");
    expect(outputPathError("/a//b")).toContain("JSON Pointer");
  });

  it("checks the output schema like a guard", () => {
    expect(outputSchemaError("")).toBeNull();
    expect(outputSchemaError('{"required": ["a"]}')).toBeNull();
    expect(outputSchemaError("{")).toContain("Not valid JSON");
    expect(outputSchemaError("[]")).toContain("JSON Schema object");
    expect(outputSchemaError('{"type": "nonsense"}')).toContain("Not a valid JSON Schema");
  });

  it("bounds the callback wait to a second .. a year", () => {
    expect(waitError("")).toBeNull();
    expect(waitError("1")).toBeNull();
    expect(waitError("31536000")).toBeNull();
    expect(waitError("0")).toContain("Between 1 and 31,536,000");
    expect(waitError("31536001")).not.toBeNull();
    expect(waitError("1.5")).not.toBeNull();
  });
});
