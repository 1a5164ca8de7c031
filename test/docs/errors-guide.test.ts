import { describe, expect, it } from "vitest";
import { isRetryableStatus, planRetry, retryDelayMs, type RetryPolicy } from "../../lib/engine";
import { ERROR_STATUS, type ErrorCode } from "../../lib/errors/app-error";
import { readGuide, sourceFiles } from "./guide-files";

const guide = readGuide("errors.md");

/** The guide's table of codes: `CODE` | status. */
function documentedCodes(): Record<string, number> {
  const rows = [...guide.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\| (\d{3}) +\|/gm)];
  return Object.fromEntries(rows.map((m) => [m[1]!, Number(m[2])]));
}

/**
 * Every code a problem+json can carry: the AppError codes, and the sub-codes some errors
 * put in their details (which problemResponse spreads over the body, so `code` becomes the
 * sub-code) with the status of the error that carries them.
 */
function codesInCodeBase(): Record<string, number> {
  const codes: Record<string, number> = { ...ERROR_STATUS };
  for (const [, text] of sourceFiles("lib", "app")) {
    for (const m of text.matchAll(/new AppError\(\s*"([A-Z_]+)"[\s\S]{0,400}?details: \{ code: "([A-Z_]+)" \}/g))
      codes[m[2]!] = ERROR_STATUS[m[1] as ErrorCode];
  }
  return codes;
}

describe("docs/errors.md", () => {
  it("lists every problem code the API can return, with its status, and no other", () => {
    const inCode = codesInCodeBase();
    expect(Object.keys(inCode)).toContain("IDEMPOTENCY_KEY_REUSED");
    expect(documentedCodes()).toEqual(inCode);
  });

  it("shows the retry schedule the engine computes for its example policy", () => {
    const marker = guide.match(/<!-- retry-example: (\{.*\}) -->\s*\n\s*\n((?:\|.*\|\n)+)/);
    expect(marker, "the retry example and its table").not.toBeNull();
    const policy = JSON.parse(marker![1]!) as RetryPolicy;
    const rows = [...marker![2]!.matchAll(/^\| (\d+) +\| (\d+) ms +\|$/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    const computed = Array.from({ length: policy.maxAttempts - 1 }, (_, i) => [i + 1, retryDelayMs(policy, i + 1)]);
    expect(rows).toEqual(computed);
    expect(planRetry(policy, policy.maxAttempts, 0).retry).toBe(false);
    expect(planRetry(policy, policy.maxAttempts - 1, 0).retry).toBe(true);
  });

  it("states which HTTP answers are retried as the engine decides it", () => {
    expect(guide).toContain("other than `408` and `429`");
    const plain = { maxAttempts: 3, strategy: "fixed", initialDelayMs: 1000 } as RetryPolicy;
    expect([400, 401, 404, 409, 422].map((s) => isRetryableStatus(plain, s))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([408, 429, 500, 502, 503, undefined].map((s) => isRetryableStatus(plain, s))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(guide).toContain("`retryOn4xx: true`");
    expect(isRetryableStatus({ ...plain, retryOn4xx: true }, 422)).toBe(true);
  });
});
