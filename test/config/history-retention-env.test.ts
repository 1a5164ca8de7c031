import { describe, expect, it } from "vitest";
import { getEnv } from "../../lib/config/env";

// getEnv caches only for process.env: each call here parses its own source.
const parse = (extra: Record<string, string>) => getEnv({ ...extra } as NodeJS.ProcessEnv);

describe("DOCSTATE_HISTORY_RETENTION", () => {
  it("is off by default, with 3 partitions ahead", () => {
    expect(parse({})).toMatchObject({ DOCSTATE_HISTORY_RETENTION: null, DOCSTATE_HISTORY_PARTITIONS_AHEAD: 3 });
  });

  it("takes a number of months", () => {
    expect(parse({ DOCSTATE_HISTORY_RETENTION: "12 months" }).DOCSTATE_HISTORY_RETENTION).toBe(12);
    expect(parse({ DOCSTATE_HISTORY_RETENTION: " 1 Month " }).DOCSTATE_HISTORY_RETENTION).toBe(1);
    expect(parse({ DOCSTATE_HISTORY_RETENTION: "off" }).DOCSTATE_HISTORY_RETENTION).toBeNull();
  });

  it("refuses anything else with one readable line", () => {
    for (const value of ["12", "0 months", "1 year", "-3 months", "12 days"])
      expect(() => parse({ DOCSTATE_HISTORY_RETENTION: value })).toThrow(
        /DOCSTATE_HISTORY_RETENTION must be "off" or a number of months/,
      );
  });
});
