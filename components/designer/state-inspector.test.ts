import { describe, expect, it } from "vitest";
import { keyError, numberError, timeoutError, urlError } from "./state-inspector";

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
