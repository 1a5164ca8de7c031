import { requireRole } from "@/lib/auth/require-role";
import { getEnv } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { problemResponse } from "@/lib/api/error-response";
import { collectAlertGauges } from "@/lib/observability/collect-alert-gauges";
import { collectDatabaseGauges } from "@/lib/observability/collect-database-gauges";
import { getMetrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

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
