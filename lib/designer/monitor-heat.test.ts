import { describe, expect, it } from "vitest";
import { formatWait, heatLevel } from "./monitor-heat";

describe("heatLevel", () => {
  it("is 0 for an empty state whatever else", () => {
    expect(heatLevel({ count: 0, maxCount: 10, oldestWaitSeconds: null })).toBe(0);
  });
  it("grows with crowding and with waiting", () => {
    const few = heatLevel({ count: 1, maxCount: 100, oldestWaitSeconds: 10 });
    const many = heatLevel({ count: 100, maxCount: 100, oldestWaitSeconds: 10 });
    const manyAndOld = heatLevel({ count: 100, maxCount: 100, oldestWaitSeconds: 86_400 * 3 });
    expect(few).toBe(1);
    expect(many).toBeGreaterThan(few);
    expect(manyAndOld).toBe(4);
  });
  it("marks a state past its SLA at least hot (3) even with one document", () => {
    expect(heatLevel({ count: 1, maxCount: 500, oldestWaitSeconds: 120, slaSeconds: 60 })).toBeGreaterThanOrEqual(3);
  });
  it("measures waiting against the SLA when there is one", () => {
    const withSla = heatLevel({ count: 1, maxCount: 1000, oldestWaitSeconds: 3000, slaSeconds: 3600 });
    const withoutSla = heatLevel({ count: 1, maxCount: 1000, oldestWaitSeconds: 3000 });
    expect(withSla).toBeGreaterThan(withoutSla);
  });
});

describe("formatWait", () => {
  it("reads like a person would say it", () => {
    expect(formatWait(45)).toBe("45s");
    expect(formatWait(12 * 60 + 5)).toBe("12m");
    expect(formatWait(3 * 3600 + 5 * 60)).toBe("3h 5m");
    expect(formatWait(2 * 86_400 + 4 * 3600)).toBe("2d 4h");
    expect(formatWait(86_400)).toBe("1d");
  });
});
