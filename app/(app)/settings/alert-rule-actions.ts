"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/api/server-action";
import { createAlertRule } from "@/lib/services/alerts/create-alert-rule";
import { deleteAlertRule } from "@/lib/services/alerts/delete-alert-rule";
import { updateAlertRule } from "@/lib/services/alerts/update-alert-rule";
import { alertRuleIdInput, alertRuleInput, alertRulePatch } from "@/lib/contracts/alert-rules";

// ADMIN on the server (defineAction re-reads the session user) and again in the services;
// the read-only view for other roles is only a courtesy.

export const createAlertRuleAction = defineAction({
  role: "admin",
  input: alertRuleInput,
  async handler(input, { actor, db }) {
    const rule = await createAlertRule(db, actor, input);
    revalidatePath("/settings");
    return { id: rule.id, name: rule.name };
  },
});

export const updateAlertRuleAction = defineAction({
  role: "admin",
  input: alertRulePatch.extend(alertRuleIdInput.shape),
  async handler(input, { actor, db }) {
    const rule = await updateAlertRule(db, actor, input);
    revalidatePath("/settings");
    revalidatePath("/alerts");
    return { id: rule.id, name: rule.name, isEnabled: rule.isEnabled };
  },
});

export const deleteAlertRuleAction = defineAction({
  role: "admin",
  input: alertRuleIdInput,
  async handler(input, { actor, db }) {
    const result = await deleteAlertRule(db, actor, input);
    revalidatePath("/settings");
    revalidatePath("/alerts");
    return result;
  },
});
