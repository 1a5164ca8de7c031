import { describe, expect, it } from "vitest";
import { describeCondition, formatValue, formatWindow, webhookHost } from "./alert-format";

describe("alert rule wording", () => {
  it("describes each condition as a sentence", () => {
    expect(describeCondition({ condition: "STATE_COUNT", state: "review", threshold: 1, windowMinutes: null })).toBe(
      "More than 1 document in “review”",
    );
    expect(describeCondition({ condition: "OVER_SLA_COUNT", state: null, threshold: 1200, windowMinutes: null })).toBe(
      "More than 1,200 documents over SLA",
    );
    expect(describeCondition({ condition: "ERROR_STATE_COUNT", state: null, threshold: 0, windowMinutes: null })).toBe(
      "More than 0 documents in error states",
    );
    expect(describeCondition({ condition: "FAILURE_RATE", state: null, threshold: 12.5, windowMinutes: 90 })).toBe(
      "Action failure rate above 12.5% over 1 h 30 min",
    );
  });

  it("formats values, windows and hosts", () => {
    expect(formatValue("FAILURE_RATE", 33.333)).toBe("33.33%");
    expect(formatValue("STATE_COUNT", 4200)).toBe("4,200");
    expect([formatWindow(15), formatWindow(120), formatWindow(1440 + 360)]).toEqual(["15 min", "2 h", "1 d 6 h"]);
    expect(webhookHost("https://hooks.example.com:8443/x?y=1")).toBe("hooks.example.com:8443");
  });
});
