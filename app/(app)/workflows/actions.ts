"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/api/server-action";
import { exampleExpenseDefinition, exampleInvoiceDefinition } from "@/lib/engine";
import { createWorkflow } from "@/lib/services/workflows/create-workflow";
import { createWorkflowBody } from "@/lib/contracts/workflow-requests";

const TEMPLATES = { blank: undefined, invoice: exampleInvoiceDefinition, expense: exampleExpenseDefinition } as const;

export const createWorkflowAction = defineAction({
  role: "admin",
  // The API's create body, with a template to start from instead of a definition.
  input: createWorkflowBody
    .pick({ key: true, name: true })
    .extend({ template: z.enum(["blank", "invoice", "expense"]) }),
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
