import pg from "pg";
import { CYCLE_STEP } from "./bench-workflows";
import type { ClientDocuments } from "./engine-fires";

const LOCK = `SELECT "state", "version", "lastSeq" FROM "Document" WHERE "id" = $1 FOR UPDATE`;
const UPDATE = `UPDATE "Document"
   SET "state" = $2, "version" = "version" + 1, "lastSeq" = "lastSeq" + 1,
       "stateEnteredAt" = now(), "updatedAt" = now()
 WHERE "id" = $1
 RETURNING "version", "lastSeq"`;
const APPEND = `INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey",
                             "actorType", "actorName", "documentVersion", "at")
VALUES ($1, $2, 'TRANSITION', $3, $4, $5, 'API', 'bench-raw', $6, now())`;

/**
 * The baseline a careful hand-written implementation would use: one explicit transaction
 * per fire holding the row lock (BEGIN; SELECT … FOR UPDATE; check; UPDATE; INSERT; COMMIT).
 */
export function rawSqlFire(pool: pg.Pool, owned: ClientDocuments[]): (client: number) => Promise<void> {
  return async (client) => {
    const docs = owned[client]!;
    const index = docs.next;
    docs.next = (index + 1) % docs.ids.length;
    const id = docs.ids[index]!;
    const conn = await pool.connect();
    try {
      await conn.query("BEGIN");
      const locked = await conn.query<{ state: string }>(LOCK, [id]);
      const from = locked.rows[0]?.state;
      const step = from ? CYCLE_STEP[from] : undefined;
      if (!from || !step) throw new Error(`document ${id} is in state ${from}, which the cycle does not leave`);
      const updated = await conn.query<{ version: number; lastSeq: number }>(UPDATE, [id, step.to]);
      const row = updated.rows[0]!;
      await conn.query(APPEND, [id, row.lastSeq, from, step.to, step.transition, row.version]);
      await conn.query("COMMIT");
      docs.states[index] = step.to;
    } catch (error) {
      await conn.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      conn.release();
    }
  };
}

export function openBaselinePool(url: string, size: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: size, application_name: "docstate-bench-raw" });
  pool.on("error", () => undefined);
  return pool;
}
