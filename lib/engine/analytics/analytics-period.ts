/*
 * The period an analytics request covers, checked and aligned to the rollups' hours, and
 * the spans to read: whole UTC days from the daily rollups, the ragged hours at either end
 * from the hourly ones, so a 30-day period reads about 30 rows per key instead of 720.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** How far back the rollups are kept and may be asked for. */
export const ANALYTICS_RETENTION_DAYS = 400;
/** The period when a request names none. */
export const DEFAULT_PERIOD_DAYS = 7;

export interface AnalyticsPeriod {
  from: Date;
  to: Date;
}

export type PeriodCheck =
  | { ok: true; period: AnalyticsPeriod; previous: AnalyticsPeriod }
  | { ok: false; message: string; allowed: { from: string; to: string } };

/** Time ranges [from, to) of the rollup rows that make up a period. */
export interface PeriodSpans {
  days: [Date, Date];
  hours: [[Date, Date], [Date, Date]];
}

const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;

/**
 * Pure: checks a requested period against `now` and aligns it outward to whole hours. Refused
 * when reversed or empty, when it starts in the future or ends more than an hour ahead, or
 * when it starts before the retention; the message names the allowed range. The previous
 * period is the one of the same length just before it (for comparisons).
 */
export function resolvePeriod(input: { from?: Date; to?: Date }, now: Date): PeriodCheck {
  const nowMs = now.getTime();
  const earliest = floorTo(nowMs - ANALYTICS_RETENTION_DAYS * DAY_MS, DAY_MS);
  const latest = ceilTo(nowMs, HOUR_MS);
  const allowed = { from: new Date(earliest).toISOString(), to: new Date(latest).toISOString() };
  const refuse = (why: string): PeriodCheck => ({
    ok: false,
    message: `${why} Periods must lie between ${allowed.from} and ${allowed.to} (the rollups keep ${ANALYTICS_RETENTION_DAYS} days), with "from" before "to".`,
    allowed,
  });
  const toMs = input.to ? input.to.getTime() : nowMs;
  const fromMs = input.from ? input.from.getTime() : toMs - DEFAULT_PERIOD_DAYS * DAY_MS;
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) return refuse("The period is not a valid time range.");
  if (fromMs >= toMs) return refuse(`The period is reversed or empty ("from" must be before "to").`);
  if (fromMs > nowMs) return refuse(`The period starts in the future.`);
  if (toMs > latest) return refuse(`The period ends in the future.`);
  if (fromMs < earliest) return refuse(`The period starts before the retention of the rollups.`);
  const from = floorTo(fromMs, HOUR_MS);
  const to = ceilTo(toMs, HOUR_MS);
  const length = to - from;
  return {
    ok: true,
    period: { from: new Date(from), to: new Date(to) },
    previous: { from: new Date(from - length), to: new Date(from) },
  };
}

/** Pure: the day and hour rollup ranges that exactly cover an hour-aligned period. */
export function periodSpans(period: AnalyticsPeriod): PeriodSpans {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const firstDay = ceilTo(from, DAY_MS);
  const lastDay = floorTo(to, DAY_MS);
  if (firstDay >= lastDay) {
    // No whole day inside: hours only (the second hour range is empty).
    return {
      days: [new Date(from), new Date(from)],
      hours: [
        [new Date(from), new Date(to)],
        [new Date(to), new Date(to)],
      ],
    };
  }
  return {
    days: [new Date(firstDay), new Date(lastDay)],
    hours: [
      [new Date(from), new Date(firstDay)],
      [new Date(lastDay), new Date(to)],
    ],
  };
}

/** Pure: hourly series for periods up to two days, daily beyond. */
export function seriesGrain(period: AnalyticsPeriod): "hour" | "day" {
  return period.to.getTime() - period.from.getTime() <= 2 * DAY_MS ? "hour" : "day";
}

/**
 * Pure: rollup rows whose bucket starts before this instant may be deleted: one day before
 * the earliest period start resolvePeriod accepts (a day's margin for clocks that differ
 * between app instances and workers).
 */
export function retentionCutoff(now: Date): Date {
  return new Date(floorTo(now.getTime() - ANALYTICS_RETENTION_DAYS * DAY_MS, DAY_MS) - DAY_MS);
}
