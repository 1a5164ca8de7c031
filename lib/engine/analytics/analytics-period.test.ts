import { describe, expect, it } from "vitest";
import { ANALYTICS_RETENTION_DAYS, periodSpans, resolvePeriod, retentionCutoff } from "./analytics-period";

const NOW = new Date("2026-12-06T09:30:00.000Z");
const at = (iso: string) => new Date(iso);

describe("resolvePeriod", () => {
  it("aligns to whole hours and names the previous period of the same length", () => {
    const check = resolvePeriod({ from: at("2026-12-01T10:15:00Z"), to: at("2026-12-02T11:05:00Z") }, NOW);
    expect(check).toEqual({
      ok: true,
      period: { from: at("2026-12-01T10:00:00Z"), to: at("2026-12-02T12:00:00Z") },
      previous: { from: at("2026-11-30T08:00:00Z"), to: at("2026-12-01T10:00:00Z") },
    });
  });

  it("defaults to the last seven days", () => {
    const check = resolvePeriod({}, NOW);
    expect(check.ok && check.period).toEqual({ from: at("2026-11-29T09:00:00Z"), to: at("2026-12-06T10:00:00Z") });
  });

  it.each([
    ["reversed", { from: at("2026-12-02T00:00:00Z"), to: at("2026-12-01T00:00:00Z") }, /reversed/],
    ["in the future", { from: at("2026-12-07T00:00:00Z"), to: at("2026-12-08T00:00:00Z") }, /starts in the future/],
    [
      "ending in the future",
      { from: at("2026-12-05T00:00:00Z"), to: at("2026-12-08T00:00:00Z") },
      /ends in the future/,
    ],
    ["beyond retention", { from: at("2025-01-01T00:00:00Z"), to: at("2026-12-01T00:00:00Z") }, /retention/],
  ])("refuses a period %s, naming the allowed range", (_name, input, why) => {
    const check = resolvePeriod(input, NOW);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toMatch(why);
    expect(check.message).toContain(check.allowed.from);
    expect(check.allowed.from).toBe(
      new Date(Date.UTC(2026, 11, 6) - ANALYTICS_RETENTION_DAYS * 86_400_000).toISOString(),
    );
  });
});

describe("periodSpans", () => {
  it("reads whole days from the daily rollups and the ragged ends from the hourly ones", () => {
    expect(periodSpans({ from: at("2026-11-06T09:00:00Z"), to: at("2026-12-06T10:00:00Z") })).toEqual({
      days: [at("2026-11-07T00:00:00Z"), at("2026-12-06T00:00:00Z")],
      hours: [
        [at("2026-11-06T09:00:00Z"), at("2026-11-07T00:00:00Z")],
        [at("2026-12-06T00:00:00Z"), at("2026-12-06T10:00:00Z")],
      ],
    });
  });

  it("uses hours only when no whole day fits", () => {
    const spans = periodSpans({ from: at("2026-12-05T09:00:00Z"), to: at("2026-12-06T08:00:00Z") });
    expect(spans.hours[0]).toEqual([at("2026-12-05T09:00:00Z"), at("2026-12-06T08:00:00Z")]);
    expect(spans.days[0]).toEqual(spans.days[1]);
    expect(spans.hours[1][0]).toEqual(spans.hours[1][1]);
  });
});

describe("retentionCutoff", () => {
  it("lies a day before the earliest period a request may ask for, so pruning never removes a readable row", () => {
    for (const iso of ["2026-12-06T10:30:00Z", "2026-01-01T00:00:00Z", "2027-03-31T23:59:59.999Z"]) {
      const now = new Date(iso);
      const earliest = new Date(now.getTime() - ANALYTICS_RETENTION_DAYS * 86_400_000);
      const check = resolvePeriod({ from: earliest, to: now }, now);
      expect(check.ok).toBe(true);
      if (!check.ok) continue;
      expect(retentionCutoff(now).getTime()).toBe(new Date(check.period.from).setUTCHours(0, 0, 0, 0) - 86_400_000);
      expect(resolvePeriod({ from: new Date(retentionCutoff(now).getTime() + 86_400_000 - 1), to: now }, now).ok).toBe(
        false,
      );
    }
  });
});
