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

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Steps a duration axis may take: each reads as a round amount ("15m", "6h", "2d"). */
const DURATION_STEPS = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
  365 * DAY,
];

/**
 * Pure: ticks for an axis of durations up to `maxMs`, at most `most` steps of one round unit
 * from 0 ("0 ms", "12h", "1d", "1d 12h" …), the last at or above the maximum. A chart's own
 * decimal ticks fall on 16h 40m and the like, which read badly and wrap. Empty for no data.
 */
export function durationTicks(maxMs: number, most = 5): number[] {
  if (!(maxMs > 0)) return [];
  // Labels drop the seconds from a minute up ("1m 30s" reads "1m"): steps of seconds only
  // while the last tick stays within a minute, so no two ticks read alike.
  const step =
    DURATION_STEPS.find((s) => Math.ceil(maxMs / s) <= most && (s >= MINUTE || Math.ceil(maxMs / s) * s <= MINUTE)) ??
    Math.ceil(maxMs / most / DURATION_STEPS.at(-1)!) * DURATION_STEPS.at(-1)!;
  return Array.from({ length: Math.ceil(maxMs / step) + 1 }, (_, i) => i * step);
}

/**
 * Pure: a relative change as people say it — "12%" up to doubling, then a factor ("×2.5",
 * "×7,627"): 762603% says nothing a reader can take in. `spoken` is for screen readers.
 */
export function formatChange(change: number): { text: string; spoken: string } {
  const size = Math.abs(change);
  const direction = change > 0 ? "up" : "down";
  if (change <= 1) {
    const percent = `${Math.round(size * 100)}%`;
    return { text: percent, spoken: `${direction} ${percent} on the previous period` };
  }
  const factor = change + 1;
  const shown = factor < 10 ? factor.toFixed(1).replace(/\.0$/, "") : Math.round(factor).toLocaleString("en-US");
  return { text: `×${shown}`, spoken: `${shown} times the previous period` };
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
