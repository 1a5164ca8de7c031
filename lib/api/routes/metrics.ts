import { requireRole } from "../../auth/require-role";
import { getEnv } from "../../config/env";
import { getDb } from "../../db/client";
import { problemResponse } from "../error-response";
import { collectAlertGauges } from "../../observability/collect-alert-gauges";
import { collectDatabaseGauges } from "../../observability/collect-database-gauges";
import { getMetrics } from "../../observability/metrics";

/**
 * Prometheus exposition. Needs a bearer token (any role) unless DOCSTATE_METRICS_PUBLIC=1,
 * for scrapers inside a private network.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    if (!getEnv().DOCSTATE_METRICS_PUBLIC) await requireRole("viewer", request);
    const db = await getDb();
    await Promise.all([collectDatabaseGauges(db), collectAlertGauges(db)]);
    const { registry } = getMetrics();
    return new Response(await registry.metrics(), {
      headers: { "content-type": registry.contentType, "cache-control": "no-store" },
    });
  } catch (error) {
    return problemResponse(error, { instance: "/api/metrics" });
  }
}
