"use server";

import { z } from "zod";
import { defineAction } from "@/lib/api/server-action";
import { rotateSigningSecretBody, workflowKeyParams } from "@/lib/contracts/workflow-requests";
import { rotateSigningSecret } from "@/lib/services/webhooks/rotate-signing-secret";

/** Generates or rotates a workflow's webhook signing secret; the result is the only time it is shown. */
export const rotateSigningSecretAction = defineAction({
  role: "admin",
  input: z.strictObject({
    workflowKey: workflowKeyParams.shape.key,
    graceSeconds: rotateSigningSecretBody.shape.graceSeconds,
  }),
  handler: (input, { actor, db }) => rotateSigningSecret(db, actor, input),
});
