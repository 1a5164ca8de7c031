import type { DocumentCriteria } from "../documents/document-filter-fields";
import { toApiFilter } from "../documents/bulk/bulk-types";
import type { MigrationRequestBody } from "./versions-queries";

/** Which documents of the source version a plan takes: everything a filter matches, or listed ids. */
export interface MigrationSelectionInput {
  mode: "filter" | "ids";
  filter: DocumentCriteria;
  ids: string;
}

export const EMPTY_MIGRATION_SELECTION: MigrationSelectionInput = { mode: "filter", filter: {}, ids: "" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Pure: the plan's `selection` for what the wizard shows (an empty filter: every document of
 * the version, so no selection), or why there is none yet. Ids are separated by spaces,
 * commas or new lines, as pasted from a list or a spreadsheet; repeats count once.
 */
export function migrationSelection(
  input: MigrationSelectionInput,
): { ok: true; selection: MigrationRequestBody["selection"] } | { ok: false; problem: string } {
  if (input.mode === "ids") {
    const ids = [
      ...new Set(
        input.ids
          .toLowerCase()
          .split(/[\s,;]+/)
          .filter(Boolean),
      ),
    ];
    const invalid = ids.filter((id) => !UUID.test(id));
    if (invalid.length > 0)
      return {
        ok: false,
        problem: `Not document ids: ${invalid.slice(0, 3).join(", ")}${invalid.length > 3 ? ` and ${invalid.length - 3} more` : ""}.`,
      };
    if (ids.length === 0) return { ok: false, problem: "Paste the ids of the documents to migrate." };
    return { ok: true, selection: { documentIds: ids } };
  }
  const filter = toApiFilter({ ...input.filter, q: input.filter.q?.trim() || undefined });
  return { ok: true, selection: Object.keys(filter).length > 0 ? { filter } : undefined };
}
