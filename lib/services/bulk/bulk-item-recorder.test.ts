import { describe, expect, it } from "vitest";
import type { ServiceDb } from "../db-types";
import { createBulkItemRecorder } from "./bulk-item-recorder";

/** A database handle whose only statement is the recording one: it logs each write's items. */
function fakeDb(answer: () => { cancelRequested: boolean }[]) {
  const writes: number[][] = [];
  let release: (() => void) | null = null;
  const db = {
    kind: "pglite",
    prisma: {
      async $queryRawUnsafe(_text: string, ...values: unknown[]) {
        writes.push(values[1] as number[]);
        // The first write waits until the test lets it finish, so others queue meanwhile.
        if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return answer();
      },
    },
  } as unknown as ServiceDb;
  return { db, writes, finishFirst: () => release?.() };
}

const lease = { operationId: "00000000-0000-0000-0000-000000000001", owner: "runner", leaseMs: 1000 };

describe("createBulkItemRecorder", () => {
  it("writes the first outcome at once and those arriving meanwhile together in the next write", async () => {
    const { db, writes, finishFirst } = fakeDb(() => [{ cancelRequested: false }]);
    const recorder = createBulkItemRecorder(db, lease);
    const first = recorder.record(1, { ok: true });
    const rest = [2, 3, 4].map((seq) => recorder.record(seq, { ok: false, code: "STALE_VERSION", message: "m" }));
    await Promise.resolve();
    expect(writes).toEqual([[1]]);
    finishFirst();
    expect(await Promise.all([first, ...rest])).toEqual(Array(4).fill({ cancelRequested: false }));
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it("answers every waiting outcome with its write's result: a lost lease or a cancel", async () => {
    const lost = fakeDb(() => []);
    const recorder = createBulkItemRecorder(lost.db, lease);
    const pending = [recorder.record(1, { ok: true }), recorder.record(2, { ok: true })];
    lost.finishFirst();
    expect(await Promise.all(pending)).toEqual([null, null]);

    const cancelled = fakeDb(() => [{ cancelRequested: true }]);
    const other = createBulkItemRecorder(cancelled.db, lease);
    const answers = [other.record(1, { ok: true }), other.record(2, { ok: true })];
    cancelled.finishFirst();
    expect(await Promise.all(answers)).toEqual([{ cancelRequested: true }, { cancelRequested: true }]);
  });
});
