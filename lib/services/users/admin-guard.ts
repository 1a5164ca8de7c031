import type { Prisma } from "../../db/generated/client";
import { executorFor } from "../../db/sql/sql-executor";
import { lockAdvisoryForTransaction } from "../../db/sql/transaction-locks";

// Serialises every change that could remove an admin, so two concurrent demotions can
// never both see "another admin remains" and leave the instance with none.
const ADMIN_CHANGE_LOCK_KEY = 72_533_901_311;

/** Takes the transaction-scoped admin-change lock; released at commit or rollback. */
export async function lockAdminChanges(tx: Prisma.TransactionClient): Promise<void> {
  await lockAdvisoryForTransaction(executorFor(tx), ADMIN_CHANGE_LOCK_KEY);
}

/** Active admins other than `exceptId`; call it under lockAdminChanges. */
export async function countOtherActiveAdmins(tx: Prisma.TransactionClient, exceptId: string): Promise<number> {
  return tx.user.count({ where: { role: "admin", disabledAt: null, id: { not: exceptId } } });
}
