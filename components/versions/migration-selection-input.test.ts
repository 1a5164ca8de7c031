import { describe, expect, it } from "vitest";
import { EMPTY_MIGRATION_SELECTION, migrationSelection } from "./migration-selection-input";

const A = "0b6f3a52-8d1e-4c4e-9f5a-0c1d2e3f4a5b";
const B = "7e0c9d1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";

describe("migrationSelection", () => {
  it("an empty filter selects every document of the version: no selection at all", () => {
    expect(migrationSelection(EMPTY_MIGRATION_SELECTION)).toEqual({ ok: true, selection: undefined });
    expect(migrationSelection({ ...EMPTY_MIGRATION_SELECTION, filter: { q: "   " } })).toEqual({
      ok: true,
      selection: undefined,
    });
  });

  it("sends the documents list's criteria as the API's filter, trimmed, without empty or false fields", () => {
    expect(
      migrationSelection({
        mode: "filter",
        ids: A, // left over from the other mode: ignored
        filter: {
          q: " urgent ",
          state: "review",
          sla: "over",
          errors: true,
          status: "pending",
          createdFrom: "2026-11-01",
        },
      }),
    ).toEqual({
      ok: true,
      selection: {
        filter: {
          q: "urgent",
          state: "review",
          sla: "over",
          errors: true,
          status: "pending",
          createdFrom: "2026-11-01",
        },
      },
    });
    expect(migrationSelection({ mode: "filter", ids: "", filter: { errors: undefined, state: "" } })).toEqual({
      ok: true,
      selection: undefined,
    });
  });

  it("takes pasted ids separated by new lines, commas or spaces, each once", () => {
    expect(
      migrationSelection({ mode: "ids", filter: { state: "review" }, ids: `${A}\n${B.toUpperCase()}, ${A}` }),
    ).toEqual({
      ok: true,
      selection: { documentIds: [A, B] },
    });
  });

  it("says what is wrong with the ids instead of sending them", () => {
    expect(migrationSelection({ ...EMPTY_MIGRATION_SELECTION, mode: "ids", ids: " \n " })).toEqual({
      ok: false,
      problem: "Paste the ids of the documents to migrate.",
    });
    expect(migrationSelection({ ...EMPTY_MIGRATION_SELECTION, mode: "ids", ids: `${A} invoice-7 x y z` })).toEqual({
      ok: false,
      problem: "Not document ids: invoice-7, x, y and 1 more.",
    });
  });
});
