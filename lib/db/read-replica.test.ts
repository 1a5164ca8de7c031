import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { openReplicaReads, readFromReplica, type ReadDb } from "./read-replica";

// The state machine only: the real fall-back and return are tested against a streaming
// standby in test/db/read-replica.test.ts. The pool below never connects.
function replicaWithClock() {
  let now = 1_000;
  const warnings: string[] = [];
  const infos: string[] = [];
  const replica = openReplicaReads({
    url: "postgres://postgres@127.0.0.1:1/none",
    poolSize: 1,
    retryAfterMs: 100,
    warnEveryMs: 1_000,
    log: { warn: (m) => warnings.push(m), info: (m) => infos.push(m) },
    now: () => now,
  });
  return { replica, warnings, infos, advance: (ms: number) => (now += ms) };
}

describe("read replica routing", () => {
  it("falls back for retryAfterMs, lets one read probe, and warns at most once per warnEveryMs", async () => {
    const { replica, warnings, infos, advance } = replicaWithClock();
    expect(replica.current()).not.toBeNull();
    replica.failed(new Error("connect ECONNREFUSED 127.0.0.1:1"));
    replica.failed(new Error("connect ECONNREFUSED 127.0.0.1:1"));
    expect(replica.serving).toBe("primary");
    expect(replica.current()).toBeNull();
    advance(100);
    expect(replica.current()).not.toBeNull(); // the probe
    expect(replica.current()).toBeNull(); // the others wait for it
    replica.failed(new Error("still down"));
    advance(1_000);
    replica.current();
    replica.failed(new Error("still down"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/127\.0\.0\.1:1\/none failed: connect ECONNREFUSED/);
    expect(warnings[1]).toMatch(/2 more since the last warning/);
    replica.succeeded();
    expect(replica.serving).toBe("replica");
    expect(infos).toHaveLength(1);
    await replica.close();
  });

  it("reruns a failed read on the primary, but passes a read's own AppError through", async () => {
    const { replica } = replicaWithClock();
    const primary = { kind: "postgres", prisma: {} } as ReadDb;
    const db = { ...primary, replica };
    const seen: ReadDb[] = [];
    const result = await readFromReplica(db, async (r) => {
      seen.push(r);
      if (r.prisma !== primary.prisma) throw new Error("replica gone");
      return "from primary";
    });
    expect(result).toBe("from primary");
    expect(seen).toHaveLength(2);
    expect("replica" in seen[1]!).toBe(false);

    {
      const again = replicaWithClock();
      const notFound = readFromReplica({ ...primary, replica: again.replica }, () =>
        Promise.reject(new AppError("DOCUMENT_NOT_FOUND", "no such document")),
      );
      await expect(notFound).rejects.toThrow("no such document");
      expect(again.replica.serving).toBe("replica");
      await again.replica.close();
    }
    await replica.close();
  });
});
