import { describe, expect, it } from "vitest";
import {
  historyPath,
  historyToCsv,
  refusedTransitionOf,
  timeInStateBySeq,
  type TimelineEvent,
} from "./history-timeline";
import { parseMetadataText } from "../contracts/metadata";

function ev(
  seq: number,
  type: string,
  from: string | null,
  to: string | null,
  at: string,
  extra: Partial<TimelineEvent> = {},
): TimelineEvent {
  return {
    seq,
    type,
    from,
    to,
    transition: null,
    actor: { type: "USER", id: null, name: "Ada" },
    reason: null,
    details: null,
    documentVersion: seq,
    at,
    ...extra,
  };
}

const events = [
  ev(1, "CREATED", null, "draft", "2026-01-01T00:00:00Z"),
  ev(2, "TRANSITION", "draft", "extract", "2026-01-01T00:01:00Z"),
  ev(3, "ACTION_FAILED", null, null, "2026-01-01T00:02:00Z", { details: { error: "timeout" } }),
  ev(4, "FORCED_MOVE", "extract", "review", "2026-01-01T01:01:00Z", { reason: 'stuck, "moved"' }),
];

describe("timeInStateBySeq", () => {
  it("measures each state until the next state change, the current one until now", () => {
    const times = timeInStateBySeq(events, new Date("2026-01-01T02:01:00Z"));
    expect(times.get(1)).toBe(60_000);
    expect(times.get(2)).toBe(3_600_000);
    expect(times.has(3)).toBe(false);
    expect(times.get(4)).toBe(3_600_000);
  });
});

describe("historyPath", () => {
  it("lists visited states once and every edge taken in order", () => {
    expect(historyPath([...events].reverse())).toEqual({
      states: ["draft", "extract", "review"],
      edges: [
        ["draft", "extract"],
        ["extract", "review"],
      ],
    });
  });
});

describe("historyToCsv", () => {
  it("quotes separators and quotes, serialises details, and defuses formulas", () => {
    const csv = historyToCsv([
      events[3]!,
      ev(5, "TRANSITION", "a", "b", "2026-01-01T00:00:00Z", { reason: "=HYPERLINK(1)" }),
    ]);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("seq,at,type,from,to,transition,actorType,actorName,reason,documentVersion,details");
    expect(lines[1]).toContain('"stuck, ""moved"""');
    expect(lines[2]).toContain("'=HYPERLINK(1)");
    expect(historyToCsv([events[2]!])).toContain('"{""error"":""timeout""}"');
  });
});

describe("parseMetadataText", () => {
  it("accepts objects only, with a readable message otherwise", () => {
    expect(parseMetadataText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseMetadataText("[1]")).toMatchObject({ ok: false, message: expect.stringContaining("JSON object") });
    expect(parseMetadataText("{a:1}")).toMatchObject({ ok: false, message: expect.stringContaining("Not valid JSON") });
  });
});

describe("refusedTransitionOf", () => {
  it("finds the transition the worker could not fire on the attempt's event, and nothing elsewhere", () => {
    const refusedTransition = { transition: "extracted", code: "GUARD_FAILED", message: "needs invoiceNumber" };
    const flagged = ev(5, "ACTION_SUCCEEDED", null, null, "2026-01-01T00:03:00Z", {
      details: { attempt: 1, refusedTransition },
    });
    expect(refusedTransitionOf(flagged)).toEqual({ transition: "extracted", message: "needs invoiceNumber" });
    expect(events.map(refusedTransitionOf)).toEqual([null, null, null, null]);
    expect(refusedTransitionOf({ ...flagged, details: { refusedTransition: "garbled" } })).toBeNull();
  });
});
