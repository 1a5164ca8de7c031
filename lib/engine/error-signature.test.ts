import { describe, expect, it } from "vitest";
import { errorSignature } from "./error-signature";

describe("errorSignature", () => {
  it("groups the same failure whatever its volatile parts", () => {
    const a = errorSignature(
      "webhook",
      'HTTP 503: order "A-17" locked for 30 s (id 0f8e2a5c-3b1d-4c6e-9f00-123456789abc)',
    );
    const b = errorSignature(
      "webhook",
      'HTTP 503: order "B-9" locked for 2.5 s (id 7d6c5b4a-1111-4222-8333-abcdefabcdef)',
    );
    expect(a).toBe(b);
    expect(a).toBe("webhook: http <n>: order <str> locked for <n> s (id <id>)");
  });

  it("keeps different failures and different actions apart, and stays short", () => {
    expect(errorSignature("webhook", "timeout after 5000 ms")).not.toBe(errorSignature("webhook", "connection failed"));
    expect(errorSignature("webhook", "timeout")).not.toBe(errorSignature("noop", "timeout"));
    expect(errorSignature("webhook", "x".repeat(1000)).length).toBe("webhook: ".length + 160);
  });
});
