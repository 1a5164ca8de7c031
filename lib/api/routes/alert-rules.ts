import { apiRoute, json } from "../api-route";
import { createAlertRule } from "../../services/alerts/create-alert-rule";
import { listAlertRules } from "../../services/alerts/list-alert-rules";
import { alertRuleInput } from "../../contracts/alert-rules";

export const GET = apiRoute({ role: "viewer" }, async ({ db, actor }) =>
  json({ items: await listAlertRules(db, actor) }),
);

export const POST = apiRoute({ role: "admin", body: alertRuleInput }, async ({ db, actor, body }) =>
  json(await createAlertRule(db, actor, body), 201),
);
