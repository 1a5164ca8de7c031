import type { ServiceDb } from "../db-types";

export interface WorkflowSummary {
  id: string;
  key: string;
  name: string;
  description: string;
  latestVersion: number | null;
  publishedAt: Date | null;
  hasDraft: boolean;
  documentCount: number;
  updatedAt: Date;
  /** Older published versions still holding documents (draining), newest first, from the counters. */
  draining: { version: number; documents: number }[];
}

/** Workflows with their latest published version and document count, by name. Any role may list. */
export async function listWorkflows(db: ServiceDb): Promise<WorkflowSummary[]> {
  const rows = await db.prisma.workflow.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      updatedAt: true,
      versions: {
        select: { version: true, status: true, publishedAt: true },
        orderBy: { version: "desc" },
        take: 2,
      },
      _count: { select: { documents: true } },
    },
  });
  const inFlight = await db.prisma.documentStateCount.groupBy({ by: ["workflowVersionId"], _sum: { count: true } });
  const versions = await db.prisma.workflowVersion.findMany({
    where: { id: { in: inFlight.filter((r) => (r._sum.count ?? 0) > 0).map((r) => r.workflowVersionId) } },
    select: { id: true, workflowId: true, version: true },
  });
  const countOf = new Map(inFlight.map((r) => [r.workflowVersionId, r._sum.count ?? 0]));
  return rows.map((row) => {
    const published = row.versions.find((v) => v.status === "PUBLISHED");
    return {
      id: row.id,
      key: row.key,
      name: row.name,
      description: row.description,
      latestVersion: published?.version ?? null,
      publishedAt: published?.publishedAt ?? null,
      hasDraft: row.versions.some((v) => v.status === "DRAFT"),
      documentCount: row._count.documents,
      updatedAt: row.updatedAt,
      draining: versions
        .filter((v) => v.workflowId === row.id && v.version !== published?.version)
        .sort((a, b) => b.version - a.version)
        .map((v) => ({ version: v.version, documents: countOf.get(v.id) ?? 0 })),
    };
  });
}
