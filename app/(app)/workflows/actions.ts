"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/api/server-action";
import { exampleExpenseDefinition, exampleInvoiceDefinition } from "@/lib/engine";
import { createWorkflow } from "@/lib/services/workflows/create-workflow";
import { workflowKeySchema } from "@/lib/services/workflows/workflow-key";

const TEMPLATES = { blank: undefined, invoice: exampleInvoiceDefinition, expense: exampleExpenseDefinition } as const;

export const createWorkflowAction = defineAction({
  role: "admin",
  input: z.strictObject({
    key: workflowKeySchema,
    name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
    template: z.enum(["blank", "invoice", "expense"]),
  }),
  async handler(input, { actor, db }) {
    const created = await createWorkflow(db, actor, {
      key: input.key,
      name: input.name,
      definition: TEMPLATES[input.template],
    });
    revalidatePath("/workflows");
    return { key: created.key };
  },
});
