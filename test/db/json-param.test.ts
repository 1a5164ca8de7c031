import { describe, expect, it } from "vitest";
import { jsonParam } from "../../lib/db/sql/json-param";

describe("jsonParam", () => {
  it("writes plain values as JSON.stringify does", () => {
    const value = { a: "text", b: [1, null, true], c: { d: "ü € 😀" } };
    expect(jsonParam(value)).toBe(JSON.stringify(value));
  });

  it("replaces a lone surrogate with U+FFFD, wherever it is nested", () => {
    const lone = "cut 😀".slice(0, -1); // a high surrogate without its low half
    expect(JSON.parse(jsonParam({ reason: lone, events: [{ details: { note: "\udc00x" } }] }))).toEqual({
      reason: "cut \ufffd",
      events: [{ details: { note: "\ufffdx" } }],
    });
    expect(jsonParam({ reason: lone })).not.toMatch(/\\ud/i);
  });

  it("keeps an escaped backslash followed by u-d-8 as the text it is", () => {
    const value = { path: "C:\\ud800\\file", pair: "😀" };
    expect(JSON.parse(jsonParam(value))).toEqual(value);
  });
});
