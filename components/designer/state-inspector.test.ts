import { describe, expect, it } from "vitest";
import { actionSchema, retryPolicySchema, stateKindSchema, webhookActionSchema } from "@/lib/engine";
import { INSPECTOR_BOUNDS, INSPECTOR_OPTIONS, keyError, numberError, timeoutError, urlError } from "./state-inspector";

describe("inspector field checks", () => {
  it("accepts a timeout only when it is a whole number in range, whatever was typed on the way", () => {
    // Typing 5000 goes through 5, 50 and 500: refused at the field, never clamped and applied.
    expect(timeoutError("5")).toBe("Between 100 and 300,000 ms.");
    expect(timeoutError("5000")).toBeNull();
    expect(timeoutError("300001")).toBe("Between 100 and 300,000 ms.");
    expect(timeoutError("12.5")).toBe("Enter a whole number.");
    expect(timeoutError("")).toBe("Enter a whole number.");
  });

  it("allows decimals where the field says so", () => {
    expect(numberError("1.5", 1, 10, false)).toBeNull();
    expect(numberError("0.5", 1, 10, false)).toBe("Between 1 and 10.");
    expect(numberError("2x", 1, 10, false)).toBe("Enter a number.");
  });

  it("refuses keys that break the pattern or are taken, and webhook URLs that are not http(s)", () => {
    expect(keyError("Review", new Set(), "state")).toMatch(/lowercase/);
    expect(keyError("review", new Set(["review"]), "state")).toBe('Another state already uses the key "review".');
    expect(urlError("ftp://example.com/hook")).toBe("The webhook URL must start with http:// or https://.");
    expect(urlError("example.com/hook")).toMatch(/absolute URL/);
    expect(urlError("https://example.com/hook")).toBeNull();
  });
});

describe("the inspector follows the definition schema", () => {
  type Bounded = { minValue: number | null; maxValue: number | null };
  // Unwraps .default() and .optional() down to the number schema that carries the bounds.
  const bounds = (schema: unknown) => {
    let inner = schema as { unwrap?: () => unknown } & Bounded;
    while (typeof inner.unwrap === "function") inner = inner.unwrap() as typeof inner;
    return { min: inner.minValue, max: inner.maxValue };
  };
  const retry = retryPolicySchema.shape;

  it("checks numbers against the schema's own bounds", () => {
    expect(pick(INSPECTOR_BOUNDS.timeoutMs)).toEqual(bounds(webhookActionSchema.shape.timeoutMs));
    for (const field of ["maxAttempts", "initialDelayMs", "backoffRate", "maxDelayMs"] as const)
      expect(pick(INSPECTOR_BOUNDS[field]), field).toEqual(bounds(retry[field]));
  });

  it("offers exactly the schema's kinds, action types, strategies and jitters, in its order", () => {
    const values = (options: { value: string }[]) => options.map((o) => o.value);
    expect(values(INSPECTOR_OPTIONS.kinds)).toEqual(stateKindSchema.options);
    expect(values(INSPECTOR_OPTIONS.actions)).toEqual(actionSchema.options.map((o) => o.shape.type.value));
    expect(values(INSPECTOR_OPTIONS.strategies)).toEqual(retry.strategy.options);
    expect(values(INSPECTOR_OPTIONS.jitters)).toEqual(retry.jitter.unwrap().options);
  });

  it("says the schema's range when a number is out of it", () => {
    expect(timeoutError("99")).toBe("Between 100 and 300,000 ms.");
  });
});

function pick(range: { min: number; max: number }) {
  return { min: range.min, max: range.max };
}
