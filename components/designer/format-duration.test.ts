import { describe, expect, it } from "vitest";
import { formatDurationMs } from "./format-duration";

describe("formatDurationMs", () => {
  it.each([
    [250, "250 ms"],
    [1500, "1.5 s"],
    [62_000, "1 min 2 s"],
    [3_900_000, "1 h 5 min"],
    [3 * 86_400_000, "3 d"],
  ])("%d ms reads %s", (ms, text) => expect(formatDurationMs(ms)).toBe(text));
});
