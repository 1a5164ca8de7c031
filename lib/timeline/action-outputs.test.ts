import { describe, expect, it } from "vitest";
import { actionOutputSources } from "./action-outputs";
import type { TimelineEvent } from "./history-timeline";

const event = (seq: number, type: string, details: Record<string, unknown> | null) =>
  ({ seq, type, details, at: `2026-01-01T00:00:0${seq}Z` }) as unknown as TimelineEvent;

describe("actionOutputSources", () => {
  it("keeps the latest action write per path, ignoring people's edits", () => {
    const sources = actionOutputSources([
      event(3, "METADATA_UPDATED", { by: "action", state: "extract", into: "/extracted", fields: ["a"] }),
      event(4, "METADATA_UPDATED", { added: ["x"] }),
      event(6, "METADATA_UPDATED", {
        by: "action",
        state: "extract",
        into: "/extracted",
        fields: ["a", "b"],
        manual: true,
      }),
      event(5, "METADATA_UPDATED", { by: "action", state: "sign", into: "/signature", fields: [], callback: true }),
      event(7, "TRANSITION", null),
    ]);
    expect(sources).toEqual([
      { into: "/extracted", state: "extract", fields: ["a", "b"], at: "2026-01-01T00:00:06Z", seq: 6, via: "hand" },
      { into: "/signature", state: "sign", fields: [], at: "2026-01-01T00:00:05Z", seq: 5, via: "callback" },
    ]);
  });
});
