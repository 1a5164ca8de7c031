import { formatDuration } from "../ui/format";

/** Pure: a duration for analytics tables: "850 ms" below a second, else "3h 20m"; "—" for none. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : formatDuration(ms);
}

/** Pure: a share as a percentage, "—" for none. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined) return "—";
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}

/** Pure: the change from `before` to `now` as a signed percentage ("+12%"), null when not comparable. */
export function relativeChange(now: number | null, before: number | null | undefined): number | null {
  if (now === null || before === null || before === undefined || before === 0) return null;
  return (now - before) / before;
}

export type CsvRow = readonly (string | number | null)[];

/** Pure: RFC 4180 CSV of rows under a header. */
export function toCsv(header: readonly string[], rows: readonly CsvRow[]): string {
  const cell = (v: string | number | null) => {
    const text = v === null ? "" : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
