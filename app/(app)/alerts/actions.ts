"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/api/server-action";
import { acknowledgeAlert } from "@/lib/services/alerts/acknowledge-alert";
import { alertIdInput } from "@/lib/contracts/alert-rules";

/** Operators and admins acknowledge; checked here and again in the service. */
export const acknowledgeAlertAction = defineAction({
  role: "operator",
  input: alertIdInput,
  async handler(input, { actor, db }) {
    const result = await acknowledgeAlert(db, actor, input);
    revalidatePath("/alerts");
    return result;
  },
});
