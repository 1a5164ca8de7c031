import { describe, expect, it } from "vitest";
import { describeSaveFailure } from "./save-failure";

describe("describeSaveFailure", () => {
  it("retries what failed on the way or on the server, not in the draft", () => {
    for (const code of ["NETWORK", "INTERNAL", "UNAVAILABLE", "RATE_LIMITED"] as const) {
      expect(describeSaveFailure({ code, message: "boom" }).kind, code).toBe("transient");
    }
    expect(describeSaveFailure({ code: "NETWORK", message: "Failed to fetch" }).message).toMatch(
      /^Could not reach the server \(Failed to fetch\)\. Your changes stay in this tab/,
    );
  });

  it("tells a signed-out person or a former admin to sign in, and that nothing was saved", () => {
    const signedOut = describeSaveFailure({ code: "UNAUTHENTICATED", message: "Sign in first." });
    expect(signedOut.kind).toBe("auth");
    expect(signedOut.message).toMatch(/^You are signed out\. Sign in again.*your last changes are not saved\.$/);
    const demoted = describeSaveFailure({ code: "FORBIDDEN", message: "Requires ADMIN." });
    expect(demoted.kind).toBe("auth");
    expect(demoted.message).toMatch(/^You are no longer an admin.*your last changes are not saved\.$/);
  });

  it("shows the server's reason and its first field error when it refuses the draft", () => {
    const refused = describeSaveFailure({
      code: "INVALID_DEFINITION",
      message: "The definition is not valid.",
      fieldErrors: [
        { path: "states[1].key", message: "must be unique" },
        { path: "states[2].key", message: "too long" },
      ],
    });
    expect(refused).toEqual({
      kind: "rejected",
      message: "The definition is not valid. states[1].key: must be unique",
    });
    expect(
      describeSaveFailure({ code: "VALIDATION_FAILED", message: "Please correct the highlighted fields." }).kind,
    ).toBe("rejected");
    expect(describeSaveFailure({ code: "WORKFLOW_NOT_FOUND", message: "No such workflow." }).kind).toBe("rejected");
  });

  it("keeps a conflict a conflict, with the server's message", () => {
    expect(describeSaveFailure({ code: "CONFLICT", message: "Saved elsewhere." })).toEqual({
      kind: "conflict",
      message: "Saved elsewhere.",
    });
  });
});
