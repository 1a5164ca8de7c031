import { getDb } from "@/lib/db/client";
import { checkHealth } from "@/lib/services/system/check-health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability for load balancers; public, reveals nothing sensitive. */
export async function GET() {
  const health = await checkHealth(await getDb());
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
