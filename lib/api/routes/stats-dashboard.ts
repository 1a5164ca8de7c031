import { z } from "zod";
import { apiRoute, json } from "../api-route";
import { getDashboard } from "../../services/stats/get-dashboard";

/** Everything the dashboard polls: counts, errored, over-SLA, retrying and 24 h activity per workflow (no-store). */
export const GET = apiRoute({ role: "viewer", query: z.strictObject({}) }, async ({ db }) =>
  json(await getDashboard(db)),
);
