import { describe, expect, it } from "vitest";
import { saveRetryDelayMs } from "./save-retry";

describe("saveRetryDelayMs", () => {
  it("doubles from one second after each failure in a row", () => {
    expect([1, 2, 3, 4, 5].map(saveRetryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it("never waits more than 30 s, however many saves failed", () => {
    expect(saveRetryDelayMs(6)).toBe(30_000);
    expect(saveRetryDelayMs(50)).toBe(30_000);
    expect(saveRetryDelayMs(Number.MAX_SAFE_INTEGER)).toBe(30_000);
  });

  it("reads a nonsense count as the first failure", () => {
    expect(saveRetryDelayMs(0)).toBe(1000);
    expect(saveRetryDelayMs(Number.NaN)).toBe(1000);
  });
});
