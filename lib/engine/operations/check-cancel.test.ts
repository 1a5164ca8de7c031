import { describe, expect, it } from "vitest";
import { checkCancel } from "./check-cancel";

describe("checkCancel", () => {
  it("cancels a waiting or exhausted action for operators and admins", () => {
    for (const status of ["pending", "exhausted"] as const) {
      for (const role of ["operator", "admin"] as const) {
        expect(checkCancel({ job: { status, state: "extract" } }, role)).toEqual({ ok: true });
      }
    }
  });

  it("refuses viewers first, then a running action (CONFLICT), then nothing to cancel", () => {
    expect(checkCancel({ job: { status: "running", state: "x" } }, "viewer")).toMatchObject({ code: "FORBIDDEN" });
    expect(checkCancel({ job: { status: "running", state: "x" } }, "operator")).toMatchObject({ code: "CONFLICT" });
    expect(checkCancel({ job: { status: "cancelled", state: "x" } }, "operator")).toMatchObject({
      code: "NOTHING_TO_CANCEL",
    });
    expect(checkCancel({ job: null }, "admin")).toEqual({
      ok: false,
      code: "NOTHING_TO_CANCEL",
      message: "There is no waiting action to cancel.",
    });
  });
});
