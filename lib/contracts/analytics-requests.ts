import { z } from "zod";

/**
 * The period of an analytics request: ISO 8601 instants, `from` inclusive and `to` exclusive,
 * both rounded outward to whole hours. Defaults: `to` now, `from` seven days before `to`.
 * The range itself (future, reversed, retention) is checked by the service (INVALID_PERIOD).
 */
export const analyticsQuery = z.strictObject({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("Start of the period (ISO 8601); default: 7 days before `to`"),
  to: z.iso.datetime({ offset: true }).optional().describe("End of the period (ISO 8601, exclusive); default: now"),
});

export type AnalyticsQueryInput = z.infer<typeof analyticsQuery>;

/** The period as the services take it. */
export function analyticsPeriodInput(query: AnalyticsQueryInput): { from?: Date; to?: Date } {
  return {
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
  };
}
