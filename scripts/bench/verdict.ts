import type { BenchProfile } from "./bench-options";
import type { ReportRow } from "./report";

/**
 * The rows as a profile judges them: the quick profile keeps a row's target only when it is a
 * ratio or a correctness check measured in the same run; an absolute time becomes
 * informational there ("full profile only"), neither PASS nor MISS.
 */
export function judgeRows(rows: readonly ReportRow[], profile: BenchProfile): ReportRow[] {
  if (profile === "full") return [...rows];
  return rows.map((row) =>
    row.met === undefined || row.kind === "ratio" || row.kind === "check"
      ? row
      : { ...row, met: undefined, target: `${row.target ?? ""} (full profile only)`.trim() },
  );
}

/** The targets a run missed, by name; the bench exits non-zero when there is any. */
export function missedTargets(rows: readonly ReportRow[]): string[] {
  return rows.filter((row) => row.met === false).map((row) => `${row.name} (target ${row.target ?? "?"})`);
}
