import { describe, expect, it } from "vitest";
import { decideCanary } from "./recovery-canary";

describe("decideCanary: a guarded retry's first chunk", () => {
  it("pauses once more than the share failed again, even while some still run", () => {
    expect(decideCanary({ requested: 10, failedAgain: 6, running: 4 }, 0.5)).toMatchObject({ kind: "pause" });
    const paused = decideCanary({ requested: 4, failedAgain: 3, running: 0 }, 0.5);
    expect(paused.kind === "pause" && paused.reason).toMatch(/3 of the first 4 retries failed again \(more than 50%\)/);
  });

  it("goes on as soon as the running ones could no longer tip it over", () => {
    expect(decideCanary({ requested: 10, failedAgain: 2, running: 3 }, 0.5)).toEqual({ kind: "continue" });
    expect(decideCanary({ requested: 10, failedAgain: 5, running: 0 }, 0.5)).toEqual({ kind: "continue" });
  });

  it("waits while the outcome is open", () => {
    expect(decideCanary({ requested: 10, failedAgain: 3, running: 3 }, 0.5)).toEqual({ kind: "wait" });
    expect(decideCanary({ requested: 2, failedAgain: 0, running: 2 }, 0.5)).toEqual({ kind: "wait" });
  });

  it("a share of 1 never pauses, a share of 0 pauses on the first failure", () => {
    expect(decideCanary({ requested: 3, failedAgain: 3, running: 0 }, 1)).toEqual({ kind: "continue" });
    expect(decideCanary({ requested: 3, failedAgain: 1, running: 2 }, 0)).toMatchObject({ kind: "pause" });
  });
});
