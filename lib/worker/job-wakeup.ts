import type pg from "pg";
import type { Db } from "../db/client";

export const JOB_CHANNEL = "docstate_jobs";

/** Subscribes to job notifications (LISTEN docstate_jobs); see listenOnChannel. */
export function listenForJobs(db: Db, onWake: () => void): Promise<() => Promise<void>> {
  return listenOnChannel(db, JOB_CHANNEL, onWake);
}

/**
 * Subscribes to notifications on `channel` on a dedicated session; calls onWake for each.
 * Returns an unsubscribe function. PostgreSQL: its own pg client outside the pool,
 * reconnecting on error; PGlite: the in-process listen API.
 */
export async function listenOnChannel(db: Db, channel: string, onWake: () => void): Promise<() => Promise<void>> {
  if (db.pglite) {
    const unlisten = await db.pglite.listen(channel, onWake);
    return () => unlisten();
  }
  const pool = db.pool!;
  let stopped = false;
  let client: pg.PoolClient | undefined;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    try {
      const session = await pool.connect();
      client = session;
      session.on("notification", onWake);
      session.on("error", () => {
        session.release(true);
        client = undefined;
        setTimeout(() => void connect(), 1_000);
      });
      await session.query(`LISTEN ${channel}`);
      onWake(); // anything enqueued while we were not listening
    } catch {
      setTimeout(() => void connect(), 1_000);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    const session = client;
    if (session) {
      await session.query(`UNLISTEN ${channel}`).catch(() => undefined);
      session.release();
    }
  };
}
