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
  let current: { session: pg.PoolClient; drop: (destroy: boolean) => void } | undefined;
  const retryLater = () => {
    if (!stopped) setTimeout(() => void connect(), 1_000);
  };
  const connect = async (): Promise<void> => {
    if (stopped) return;
    let session: pg.PoolClient;
    try {
      session = await pool.connect();
    } catch {
      retryLater();
      return;
    }
    // A dying connection can emit "error" more than once (the server's termination notice,
    // then the socket closing), and the unsubscribe may race it: release exactly once, since
    // pg-pool throws on a second release.
    let released = false;
    const drop = (destroy: boolean) => {
      if (released) return;
      released = true;
      if (current?.session === session) current = undefined;
      session.removeListener("notification", onWake);
      session.release(destroy);
    };
    current = { session, drop };
    session.on("notification", onWake);
    session.on("error", () => {
      const wasCurrent = !released;
      drop(true);
      if (wasCurrent) retryLater();
    });
    try {
      await session.query(`LISTEN ${channel}`);
    } catch {
      drop(true);
      retryLater();
      return;
    }
    if (stopped) {
      drop(true); // unsubscribed while LISTEN ran: a pooled session must not stay listening
      return;
    }
    onWake(); // anything enqueued while we were not listening
  };
  await connect();
  return async () => {
    stopped = true;
    const listening = current;
    if (listening) {
      const unlistened = await listening.session.query(`UNLISTEN ${channel}`).then(
        () => true,
        () => false,
      );
      listening.drop(!unlistened);
    }
  };
}
