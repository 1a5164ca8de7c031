import { type Actor, hasAtLeastRole } from "../../engine";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import { recordAudit } from "../audit";
import type { ServiceDb } from "../db-types";
import { isUniqueViolation } from "../documents/state-change-result";
import { BLANK_DEFINITION, requireWellFormedDefinition } from "./definition-input";

export interface CreateWorkflowInput {
  key: string;
  name: string;
  description?: string;
  definition?: unknown;
}

export interface CreatedWorkflow {
  id: string;
  key: string;
  name: string;
  draftRevision: number;
}

/** Creates a workflow with a draft (admins only). The draft may have graph problems; publish checks them. */
export async function createWorkflow(
  db: ServiceDb,
  actor: Actor,
  input: CreateWorkflowInput,
): Promise<CreatedWorkflow> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can create workflows.");
  const definition = input.definition === undefined ? BLANK_DEFINITION : requireWellFormedDefinition(input.definition);
  try {
    return await db.prisma.$transaction(async (tx) => {
      const workflow = await tx.workflow.create({
        data: {
          key: input.key,
          name: input.name,
          description: input.description ?? "",
          versions: {
            create: { version: 1, status: "DRAFT", definition: definition as unknown as Prisma.InputJsonObject },
          },
        },
        select: { id: true, key: true, name: true },
      });
      await recordAudit(tx, actor, {
        action: "workflow.create",
        entityType: "workflow",
        entityId: workflow.id,
        details: { key: workflow.key },
      });
      return { ...workflow, draftRevision: 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("DUPLICATE_KEY", `A workflow with key "${input.key}" already exists.`);
    throw error;
  }
}
