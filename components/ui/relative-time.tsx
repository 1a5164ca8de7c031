import { formatAbsolute, formatRelative } from "./format";

/** "3 hours ago" with the exact UTC time in a tooltip; rendered on the server against `now`. */
export function RelativeTime({ date, now }: { date: Date; now: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatAbsolute(date)} className="whitespace-nowrap">
      {formatRelative(date, now)}
    </time>
  );
}
