import { apiRoute, json } from "@/lib/api/api-route";
import { auditListQuery } from "@/lib/contracts/audit-requests";
import { listAuditLog } from "@/lib/services/audit-log/list-audit-log";

export const GET = apiRoute({ role: "admin", query: auditListQuery }, async ({ db, actor, query }) =>
  json(await listAuditLog(db, actor, query)),
);
