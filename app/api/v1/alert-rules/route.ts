import { apiRoute, json } from "@/lib/api/api-route";
import { createAlertRule } from "@/lib/services/alerts/create-alert-rule";
import { listAlertRules } from "@/lib/services/alerts/list-alert-rules";
import { alertRuleInput } from "@/lib/contracts/alert-rules";

export const GET = apiRoute({ role: "viewer" }, async ({ db, actor }) =>
  json({ items: await listAlertRules(db, actor) }),
);

export const POST = apiRoute({ role: "admin", body: alertRuleInput }, async ({ db, actor, body }) =>
  json(await createAlertRule(db, actor, body), 201),
);
