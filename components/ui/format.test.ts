import { describe, expect, it } from "vitest";
import { formatAbsolute, formatCount, formatDuration, formatRelative, initials } from "./format";

const now = new Date("2026-11-26T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("formatRelative", () => {
  it("says just now for under 45 seconds", () => {
    expect(formatRelative(ago(10_000), now)).toBe("just now");
  });
  it("picks the largest whole unit", () => {
    expect(formatRelative(ago(5 * 60_000), now)).toBe("5 minutes ago");
    expect(formatRelative(ago(3 * 3_600_000), now)).toBe("3 hours ago");
    expect(formatRelative(ago(86_400_000), now)).toBe("yesterday");
    expect(formatRelative(ago(10 * 86_400_000), now)).toBe("last week");
  });
  it("handles future dates", () => {
    expect(formatRelative(new Date(now.getTime() + 2 * 3_600_000), now)).toBe("in 2 hours");
  });
});

describe("formatDuration", () => {
  it("uses at most two units", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(59_000)).toBe("59s");
    expect(formatDuration(12 * 60_000)).toBe("12m");
    expect(formatDuration(3 * 3_600_000 + 20 * 60_000 + 5_000)).toBe("3h 20m");
    expect(formatDuration(2 * 3_600_000)).toBe("2h");
    expect(formatDuration(4 * 86_400_000 + 2 * 3_600_000)).toBe("4d 2h");
  });
  it("never goes negative (clock skew)", () => {
    expect(formatDuration(-5_000)).toBe("0s");
  });
});

describe("formatAbsolute, formatCount, initials", () => {
  it("formats in UTC", () => {
    expect(formatAbsolute(now)).toBe("26 Nov 2026, 12:00 UTC");
  });
  it("separates thousands", () => {
    expect(formatCount(12480)).toBe("12,480");
  });
  it("takes initials from names and e-mails", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("grace.hopper@example.com")).toBe("GH");
    expect(initials("admin@docstate.local")).toBe("AD");
  });
});
