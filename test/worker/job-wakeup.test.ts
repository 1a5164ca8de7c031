import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnChannel } from "../../lib/worker/job-wakeup";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { waitFor } from "../helpers/throwaway-postgres";

/*
 * The wake-up listener holds one session outside the pool's normal use. When PostgreSQL ends
 * that session (a restart, a forced database drop, an administrator), the listener must
 * reconnect and keep delivering, and must hand the dead client back exactly once: a second
 * release throws inside pg's event handler, an uncaught exception that fails the process.
 */
describe("job wake-up listener on postgres", () => {
  let handle: OpenedTestDb;
  const channel = "docstate_wakeup_test";

  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
  });
  afterAll(async () => {
    await handle?.close();
  });

  const listenerPids = async (): Promise<number[]> => {
    const rows = await handle.db.prisma.$queryRawUnsafe<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
      `LISTEN ${channel}`,
    );
    return rows.map((r) => r.pid);
  };
  const notify = () => handle.db.prisma.$executeRawUnsafe(`NOTIFY ${channel}`);

  it("reconnects after its session is terminated and keeps waking", async () => {
    let wakes = 0;
    const unlisten = await listenOnChannel(handle.db, channel, () => {
      wakes += 1;
    });
    try {
      expect(wakes).toBe(1); // the catch-up wake after LISTEN
      await notify();
      await waitFor("the first notification", async () => (wakes >= 2 ? true : undefined));

      const [first] = await listenerPids();
      expect(first).toBeTypeOf("number");
      await handle.db.prisma.$queryRawUnsafe(`SELECT pg_terminate_backend($1)`, first);

      // A new session listens (and wakes once for whatever was enqueued meanwhile).
      const second = await waitFor("a new listening session", async () => {
        const pids = await listenerPids();
        return pids.length === 1 && pids[0] !== first ? pids[0] : undefined;
      });
      expect(second).not.toBe(first);
      const before = wakes;
      await notify();
      await waitFor("a notification after the reconnect", async () => (wakes > before ? true : undefined));
    } finally {
      await unlisten();
    }
    expect(await listenerPids()).toEqual([]);
    // The pool is whole: every client it lent can be taken again.
    const pool = handle.db.pool!;
    expect(pool.totalCount).toBe(pool.idleCount);
  });

  it("unsubscribing after its session died neither throws nor leaves a listener", async () => {
    const unlisten = await listenOnChannel(handle.db, channel, () => undefined);
    const [pid] = await listenerPids();
    await handle.db.prisma.$queryRawUnsafe(`SELECT pg_terminate_backend($1)`, pid);
    await waitFor("the listener to lose its session", async () =>
      (await listenerPids()).length === 0 ? true : undefined,
    );
    await expect(unlisten()).resolves.toBeUndefined();
    // No reconnect happens after the unsubscribe: wait past the 1 s retry and look again.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await listenerPids()).toEqual([]);
  });
});
