import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition } from "../engine";
import { mermaidText, toMermaid } from "./mermaid-export";

describe("toMermaid", () => {
  it("writes a stateDiagram-v2 with start, end, labels and global transitions expanded", () => {
    const text = toMermaid(exampleInvoiceDefinition);
    expect(text.startsWith("stateDiagram-v2\n")).toBe(true);
    expect(text).toContain('state "Extracting data" as extract');
    expect(text).toContain("[*] --> draft");
    expect(text).toContain("paid --> [*]");
    expect(text).toContain("review --> approved : Approve");
    // cancel is global: drawn from every non-terminal state, never from a terminal one.
    expect(text).toContain("draft --> cancelled : Cancel");
    expect(text).not.toContain("paid --> cancelled");
    expect(text).toContain("class extraction_failed error");
  });

  it("sanitises labels that would break the syntax", () => {
    expect(mermaidText('Say "hi": now\nplease')).toBe("Say hi now please");
  });
  // Parsing with the mermaid package needs a DOM (DOMPurify): the browser spec
  // e2e/designer/import-export.spec.ts checks it, and the designer parses before download.
});
