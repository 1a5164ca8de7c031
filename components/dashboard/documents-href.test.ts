import { describe, expect, it } from "vitest";
import { documentsListHref } from "./documents-href";

describe("documentsListHref", () => {
  it("is the bare list without filters", () => {
    expect(documentsListHref()).toBe("/documents");
  });

  it("writes the documents workspace's parameters in a fixed order", () => {
    expect(documentsListHref({ bulk: "move", sla: "over", state: "review", workflow: "invoice" })).toBe(
      "/documents?workflow=invoice&state=review&sla=over&bulk=move",
    );
    expect(documentsListHref({ workflow: "w", status: "retrying", bulk: "retry" })).toBe(
      "/documents?workflow=w&status=retrying&bulk=retry",
    );
    expect(documentsListHref({ errors: true })).toBe("/documents?errors=1");
  });

  it("encodes an error signature", () => {
    expect(documentsListHref({ workflow: "w", signature: "webhook:HTTP 503 & <n>" })).toBe(
      "/documents?workflow=w&signature=webhook%3AHTTP+503+%26+%3Cn%3E",
    );
  });
});
