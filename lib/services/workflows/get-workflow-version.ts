import { maskDefinitionSecrets, type Actor } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";

export interface WorkflowVersionDetail {
  version: number;
  status: "draft" | "published";
  publishedAt: string | null;
  definition: unknown;
}

/**
 * One version of a workflow (any role may read it; published versions are immutable), its
 * webhook URLs and headers masked unless the reader is an admin.
 */
export async function getWorkflowVersion(
  db: ServiceDb,
  input: { key: string; version: number },
  reader: Pick<Actor, "role">,
): Promise<WorkflowVersionDetail> {
  const row = await db.prisma.workflowVersion.findFirst({
    where: { version: input.version, workflow: { key: input.key } },
    select: { version: true, status: true, publishedAt: true, definition: true },
  });
  if (!row) throw new AppError("NOT_FOUND", `Workflow "${input.key}" has no version ${input.version}.`);
  return {
    version: row.version,
    status: row.status === "DRAFT" ? "draft" : "published",
    publishedAt: row.publishedAt?.toISOString() ?? null,
    definition: maskDefinitionSecrets(row.definition, reader.role),
  };
}
