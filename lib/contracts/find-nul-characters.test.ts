import { describe, expect, it } from "vitest";
import { findNulCharacters } from "./find-nul-characters";

describe("findNulCharacters", () => {
  it("names every string value and key holding U+0000", () => {
    expect(
      findNulCharacters({ a: "ok", b: "x\u0000", c: [{ d: "\u0000" }], ["k\u0000"]: 1 }, "body").map((e) => e.path),
    ).toEqual(expect.arrayContaining(["body.b", "body.c.0.d", "body"]));
  });

  it("accepts clean input of any shape, including other control characters", () => {
    expect(findNulCharacters({ a: "\u0001\uFFFD", n: 1, z: null, l: [true, "x"] }, "query")).toEqual([]);
    expect(findNulCharacters("plain", "path")).toEqual([]);
  });

  it("walks deep JSON without recursion", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulCharacters(deep, "body")).toHaveLength(1);
  });
});
