import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps paths of this site with their query and fragment", () => {
    expect(safeCallbackUrl("/documents?state=review#top")).toBe("/documents?state=review#top");
    expect(safeCallbackUrl("/workflows/invoice")).toBe("/workflows/invoice");
    expect(safeCallbackUrl("/documents?q=a%20b")).toBe("/documents?q=a%20b");
  });

  it.each([
    ["/\\example.org", "a backslash browsers read as a slash"],
    ["/%5Cexample.org", "an encoded backslash"],
    ["/%5cexample.org", "an encoded backslash, lower case"],
    ["/%09/example.org", "an encoded tab browsers strip"],
    ["/\t/example.org", "a raw tab"],
    ["/\n/example.org", "a raw newline"],
    ["/%0a/example.org", "an encoded newline"],
    ["//example.org", "a protocol-relative URL"],
    ["//example.org/documents", "a protocol-relative URL with a path"],
    ["/%2F/example.org", "an encoded second slash"],
    ["https://example.org/", "an absolute URL"],
    ["http://localhost:3000/documents", "an absolute URL of this very host"],
    ["javascript:alert(1)", "a javascript: URL"],
    ["JavaScript:alert(1)", "a javascript: URL in mixed case"],
    ["data:text/html,<script>alert(1)</script>", "a data: URL"],
    ["documents", "a relative path without a leading slash"],
    ["", "an empty value"],
    ["/%E0%A4%A", "malformed percent-encoding"],
  ])("refuses %j (%s)", (value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it("refuses missing values and answers the given fallback", () => {
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(null, "/documents")).toBe("/documents");
    expect(safeCallbackUrl("/" + "a".repeat(3000))).toBe("/");
  });
});
