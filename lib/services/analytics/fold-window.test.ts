import { describe, expect, it } from "vitest";
import { nextWindow } from "./fold-window";

describe("nextWindow", () => {
  it("narrows a full batch's window to twice the txids the batch spanned", () => {
    // 1,000 events in 3 txids out of a 4,000-txid window: read 6 next time, not 2,000.
    expect(nextWindow(4_000, { read: 1_000, spanned: 3 }, 1_000)).toBe(6);
  });

  it("goes down to one txid when a single transaction holds more than a batch", () => {
    expect(nextWindow(4_000, { read: 1_000, spanned: 1 }, 1_000)).toBe(2);
    expect(nextWindow(2, { read: 1_000, spanned: 1 }, 1_000)).toBe(2);
    expect(nextWindow(1, { read: 1_000, spanned: 1 }, 1_000)).toBe(1);
  });

  it("never widens on a full batch", () => {
    expect(nextWindow(10, { read: 1_000, spanned: 10 }, 1_000)).toBe(10);
  });

  it("doubles over sparse windows, up to a bound, and keeps a half-full one", () => {
    expect(nextWindow(1, { read: 0, spanned: 0 }, 1_000)).toBe(2);
    expect(nextWindow(2 ** 40, { read: 0, spanned: 0 }, 1_000)).toBe(2 ** 40);
    expect(nextWindow(64, { read: 700, spanned: 50 }, 1_000)).toBe(64);
  });
});
