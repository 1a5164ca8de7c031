import { apiRoute, json } from "../api-route";
import { auditListQuery } from "../../contracts/audit-requests";
import { listAuditLog } from "../../services/audit-log/list-audit-log";

export const GET = apiRoute({ role: "admin", query: auditListQuery }, async ({ db, actor, query }) =>
  json(await listAuditLog(db, actor, query)),
);
