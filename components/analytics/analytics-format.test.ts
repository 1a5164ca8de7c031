import { describe, expect, it } from "vitest";
import { durationTicks, formatChange, formatMs } from "./analytics-format";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("durationTicks", () => {
  it("steps by one round unit from 0 to at or above the maximum", () => {
    // The demo's time-in-state chart: p90 of 2d 14h. Decimal ticks gave "16h 40m", "1d 9h".
    const ticks = durationTicks(2 * DAY + 14 * HOUR);
    expect(ticks).toEqual([0, 1, 2, 3].map((n) => n * DAY));
    expect(ticks.map(formatMs)).toEqual(["0 ms", "1d", "2d", "3d"]);
  });

  it("keeps to at most the number of steps asked for, whatever the size", () => {
    for (const max of [1, 999, 1_000, 61_000, 7 * 60_000, HOUR + 1, 13 * HOUR, 9 * DAY, 400 * DAY, 3_000 * DAY]) {
      const ticks = durationTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.length - 1).toBeLessThanOrEqual(5);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      // Evenly spaced from 0.
      const step = ticks[1]! - ticks[0]!;
      ticks.forEach((t, i) => expect(t).toBe(i * step));
    }
    expect(durationTicks(13 * HOUR).map(formatMs)).toEqual(["0 ms", "6h", "12h", "18h"]);
  });

  it("never gives two ticks that read alike", () => {
    for (let max = 1; max < 400 * DAY; max = Math.ceil(max * 1.37)) {
      const labels = durationTicks(max).map(formatMs);
      expect(new Set(labels).size, `${max} ms: ${labels.join(", ")}`).toBe(labels.length);
    }
    expect(durationTicks(70_000).map(formatMs)).toEqual(["0 ms", "1m", "2m"]);
    expect(durationTicks(50_000).map(formatMs)).toEqual(["0 ms", "15s", "30s", "45s", "1m"]);
  });

  it("has nothing to tick without data", () => {
    expect(durationTicks(0)).toEqual([]);
    expect(durationTicks(Number.NaN)).toEqual([]);
  });
});

describe("formatChange", () => {
  it("says percentages up to doubling and a factor beyond", () => {
    expect(formatChange(0.12)).toEqual({ text: "12%", spoken: "up 12% on the previous period" });
    expect(formatChange(-0.31)).toEqual({ text: "31%", spoken: "down 31% on the previous period" });
    expect(formatChange(1)).toEqual({ text: "100%", spoken: "up 100% on the previous period" });
    expect(formatChange(1.5)).toEqual({ text: "×2.5", spoken: "2.5 times the previous period" });
    expect(formatChange(2)).toEqual({ text: "×3", spoken: "3 times the previous period" });
    // What the demo's analytics showed as "▲ 762603%".
    expect(formatChange(7626.03)).toEqual({ text: "×7,627", spoken: "7,627 times the previous period" });
  });
});
