import { describe, expect, it } from "vitest";
import { THROTTLE_WINDOW_MS, throttleWaitMs } from "./login-throttle";

describe("throttleWaitMs", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("lets the first failures through at once", () => {
    expect(throttleWaitMs(0, null, now)).toBe(0);
    expect(throttleWaitMs(2, ago(0), now)).toBe(0);
  });

  it("doubles the wait from the third failure and caps it at five minutes", () => {
    expect(throttleWaitMs(3, ago(0), now)).toBe(1000);
    expect(throttleWaitMs(4, ago(0), now)).toBe(2000);
    expect(throttleWaitMs(6, ago(500), now)).toBe(7500);
    expect(throttleWaitMs(30, ago(0), now)).toBe(5 * 60_000);
  });

  it("forgets failures older than the window", () => {
    expect(throttleWaitMs(30, ago(THROTTLE_WINDOW_MS + 1), now)).toBe(0);
  });
});
