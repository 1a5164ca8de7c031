import { apiRoute, json } from "../api-route";
import { deleteAlertRule } from "../../services/alerts/delete-alert-rule";
import { getAlertRule } from "../../services/alerts/list-alert-rules";
import { updateAlertRule } from "../../services/alerts/update-alert-rule";
import { AppError } from "../../errors/app-error";
import { alertRuleIdInput, alertRulePatch } from "../../contracts/alert-rules";

export const GET = apiRoute({ role: "viewer", params: alertRuleIdInput }, async ({ db, actor, params }) => {
  const rule = await getAlertRule(db, actor, params);
  if (!rule) throw new AppError("NOT_FOUND", "No such alert rule.");
  return json(rule);
});

export const PATCH = apiRoute(
  { role: "admin", params: alertRuleIdInput, body: alertRulePatch },
  async ({ db, actor, params, body }) => json(await updateAlertRule(db, actor, { ...body, id: params.id })),
);

export const DELETE = apiRoute({ role: "admin", params: alertRuleIdInput }, async ({ db, actor, params }) =>
  json(await deleteAlertRule(db, actor, params)),
);
