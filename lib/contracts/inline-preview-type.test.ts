import { describe, expect, it } from "vitest";
import { inlinePreviewType } from "./inline-preview-type";

describe("inlinePreviewType", () => {
  it.each([
    ["text/plain", "text/plain"],
    ["Text/Plain; charset=UTF-8", "text/plain; charset=UTF-8"],
    ["application/pdf", "application/pdf"],
    ["image/png", "image/png"],
    ['application/json; charset="utf-8"; x=1', "application/json; charset=utf-8"],
  ])("previews %s as %s", (stored, sent) => {
    expect(inlinePreviewType(stored)).toBe(sent);
  });

  it.each([
    "text/plain;,text/html",
    "text/html",
    "text/plain,text/html",
    "image/svg+xml",
    "text/html; x=text/plain",
    "text/plainx",
    "application/pdf\u0000",
    "",
  ])("refuses %j", (stored) => {
    expect(inlinePreviewType(stored)).toBeNull();
  });

  it("never passes on a parameter it did not validate", () => {
    expect(inlinePreviewType("text/plain; charset=utf-8\r\nx: y")).toBe("text/plain");
    expect(inlinePreviewType("text/plain; boundary=x; charset=utf-8")).toBe("text/plain; charset=utf-8");
  });
});
