import { type BulkItemOutcome, recordBulkItems } from "../../db/sql/bulk-operation-lease";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

export interface BulkItemRecorder {
  /**
   * Records one document's outcome (with the lease); resolves once it is written, with null
   * when the lease was lost, otherwise whether a cancel has been requested meanwhile.
   */
  record(seq: number, outcome: BulkItemOutcome): Promise<{ cancelRequested: boolean } | null>;
}

/**
 * Records a runner's outcomes in as few statements as its lanes allow: the first outcome is
 * written at once, and those that arrive while a write is under way go together in the next
 * one (recordBulkItems), so several documents in flight cost one write instead of one each,
 * and one document at a time costs one write per document as before. Writes never overlap,
 * so the lanes do not queue on the operation's row.
 */
export function createBulkItemRecorder(
  db: ServiceDb,
  lease: { operationId: string; owner: string; leaseMs: number },
): BulkItemRecorder {
  type Waiting = {
    seq: number;
    outcome: BulkItemOutcome;
    resolve: (value: { cancelRequested: boolean } | null) => void;
    reject: (error: unknown) => void;
  };
  let waiting: Waiting[] = [];
  let writing = false;

  const write = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const result = await recordBulkItems(executorFor(db), {
          ...lease,
          items: batch.map(({ seq, outcome }) => ({ seq, outcome })),
        });
        for (const w of batch) w.resolve(result);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    writing = false;
  };

  return {
    record(seq, outcome) {
      return new Promise((resolve, reject) => {
        waiting.push({ seq, outcome, resolve, reject });
        if (!writing) void write();
      });
    },
  };
}
