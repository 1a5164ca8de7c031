import type { PrismaClient } from "../generated/client";

/** When the earliest pending job (or lapsing lease) is due; served by the (status, runAt) index. */
export async function nextJobDueAt(prisma: PrismaClient): Promise<Date | null> {
  const rows = await prisma.$queryRawUnsafe<{ at: Date | null }[]>(
    `SELECT min("runAt") AS "at" FROM "Job" WHERE "status" IN ('PENDING', 'RUNNING')`,
  );
  const at = rows[0]?.at;
  return at ? new Date(at) : null;
}
