import { maskDefinitionSecrets, validateDefinitionJson, type Actor, type GraphProblem } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";

export interface WorkflowDetail {
  key: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  published: { version: number; publishedAt: string | null; definition: unknown } | null;
  draft: { version: number; revision: number; updatedAt: string; definition: unknown; problems: GraphProblem[] } | null;
  versions: { version: number; status: "draft" | "published"; publishedAt: string | null }[];
}

/**
 * A workflow with its latest published definition, its draft (with live problems) and all
 * versions. Webhook URLs and headers are masked unless the reader is an admin.
 */
export async function getWorkflow(
  db: ServiceDb,
  input: { key: string },
  reader: Pick<Actor, "role">,
): Promise<WorkflowDetail> {
  const workflow = await db.prisma.workflow.findUnique({
    where: { key: input.key },
    select: {
      key: true,
      name: true,
      description: true,
      createdAt: true,
      updatedAt: true,
      versions: {
        orderBy: { version: "desc" },
        select: { version: true, status: true, publishedAt: true, revision: true, updatedAt: true, definition: true },
      },
    },
  });
  if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.key}".`);
  const published = workflow.versions.find((v) => v.status === "PUBLISHED");
  const draft = workflow.versions.find((v) => v.status === "DRAFT");
  return {
    key: workflow.key,
    name: workflow.name,
    description: workflow.description,
    createdAt: workflow.createdAt.toISOString(),
    updatedAt: workflow.updatedAt.toISOString(),
    published: published
      ? {
          version: published.version,
          publishedAt: published.publishedAt?.toISOString() ?? null,
          definition: maskDefinitionSecrets(published.definition, reader.role),
        }
      : null,
    draft: draft
      ? {
          version: draft.version,
          revision: draft.revision,
          updatedAt: draft.updatedAt.toISOString(),
          definition: maskDefinitionSecrets(draft.definition, reader.role),
          problems: validateDefinitionJson(draft.definition).problems,
        }
      : null,
    versions: workflow.versions.map((v) => ({
      version: v.version,
      status: v.status === "DRAFT" ? "draft" : "published",
      publishedAt: v.publishedAt?.toISOString() ?? null,
    })),
  };
}
