/*
 * Pure formatting helpers for server-rendered lists. `now` is always passed in, so a page
 * renders every relative time against one instant and tests need no fake clock.
 */

const UNITS: { unit: Intl.RelativeTimeFormatUnit; ms: number }[] = [
  { unit: "year", ms: 365 * 86_400_000 },
  { unit: "month", ms: 30 * 86_400_000 },
  { unit: "week", ms: 7 * 86_400_000 },
  { unit: "day", ms: 86_400_000 },
  { unit: "hour", ms: 3_600_000 },
  { unit: "minute", ms: 60_000 },
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** Pure: "3 hours ago", "yesterday", "just now" for a past date (future dates read "in …"). */
export function formatRelative(date: Date, now: Date): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 45_000) return "just now";
  for (const { unit, ms } of UNITS) {
    if (abs >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return relative.format(Math.round(diff / 60_000), "minute");
}

/** Pure: a compact elapsed time with at most two units: "45s", "12m", "3h 20m", "4d 2h". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

const absolute = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** Pure: "26 Nov 2026, 14:05 UTC" — the unambiguous form used in tooltips. */
export function formatAbsolute(date: Date): string {
  return `${absolute.format(date)} UTC`;
}

/** Pure: thousands separators, "12,480". */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** Pure: the initials of a name or e-mail for an avatar, at most two letters. */
export function initials(nameOrEmail: string): string {
  const base = nameOrEmail.includes("@") && !nameOrEmail.includes(" ") ? nameOrEmail.split("@")[0]! : nameOrEmail;
  const parts = base.split(/[\s._-]+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}
