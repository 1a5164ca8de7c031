import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition } from "../engine";
import { mermaidText, toMermaid } from "./mermaid-export";

describe("toMermaid", () => {
  it("writes a stateDiagram-v2 with start, end, labels and global transitions expanded", () => {
    const text = toMermaid(exampleInvoiceDefinition);
    expect(text.startsWith("stateDiagram-v2\n")).toBe(true);
    expect(text).toContain('state "Extracting data" as s_extract');
    expect(text).toContain("[*] --> s_draft");
    expect(text).toContain("s_paid --> [*]");
    expect(text).toContain("s_review --> s_approved : Approve");
    // cancel is global: drawn from every non-terminal state, never from a terminal one.
    expect(text).toContain("s_draft --> s_cancelled : Cancel");
    expect(text).not.toContain("s_paid --> s_cancelled");
    expect(text).toContain("class s_extraction_failed error");
  });

  it("sanitises labels that would break the syntax", () => {
    expect(mermaidText('Say "hi": now\nplease')).toBe("Say hi now please");
  });
  // mermaid-parse.test.ts parses the output with the mermaid package itself.
});
