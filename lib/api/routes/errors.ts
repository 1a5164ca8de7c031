import { z } from "zod";
import { apiRoute, json } from "../api-route";
import { listErrorGroups } from "../../services/jobs/list-error-groups";

const query = z.strictObject({
  workflow: z.string().max(63).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Failing automated actions grouped by error signature. */
export const GET = apiRoute({ role: "viewer", query }, async ({ db, query }) =>
  json({ items: await listErrorGroups(db, query) }),
);
