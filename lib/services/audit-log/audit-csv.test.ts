import { describe, expect, it } from "vitest";
import { auditCsvLine, csvField } from "./audit-csv";

describe("audit CSV", () => {
  it("quotes fields with commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    for (const text of ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
      expect(csvField(text).replace(/^"/, "")).toMatch(/^'/);
    expect(csvField("=1,2")).toBe(`"'=1,2"`);
  });

  it("writes one CRLF-terminated line per entry, details as JSON", () => {
    const line = auditCsvLine({
      id: "1",
      at: "2026-12-06T10:00:00.000Z",
      actor: { type: "USER", id: "u", name: "=evil@example.org" },
      action: "user.role_change",
      target: { type: "user", id: "u2" },
      details: { from: "viewer", to: "admin" },
      clientAddress: "203.0.113.9",
    });
    expect(line).toBe(
      `2026-12-06T10:00:00.000Z,USER,'=evil@example.org,user.role_change,user,u2,203.0.113.9,"{""from"":""viewer"",""to"":""admin""}"\r\n`,
    );
  });
});
