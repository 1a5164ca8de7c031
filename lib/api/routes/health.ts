import { getDb } from "../../db/client";
import { checkHealth } from "../../services/system/check-health";

/** Liveness and database reachability for load balancers; public, reveals nothing sensitive. */
export async function GET() {
  const health = await checkHealth(await getDb());
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
