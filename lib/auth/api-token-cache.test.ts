import { beforeEach, describe, expect, it } from "vitest";
import type { ServiceDb } from "../services/db-types";
import { hashToken } from "../services/tokens/token-hash";
import { clearApiTokenCache, forgetApiToken, verifyApiTokenCached } from "./api-token-cache";

type Row = { id: string; name: string; role: string; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date };

function fakeDb(rows: Map<string, Row>) {
  const counter = { lookups: 0 };
  const db = {
    prisma: {
      apiToken: {
        findUnique: async ({ where }: { where: { tokenHash: string } }) => {
          counter.lookups += 1;
          return rows.get(where.tokenHash) ?? null;
        },
        update: async () => ({}),
      },
    },
  } as unknown as ServiceDb;
  return { db, counter };
}

describe("verifyApiTokenCached", () => {
  const T0 = 1_800_000_000_000;
  let rows: Map<string, Row>;
  beforeEach(() => {
    clearApiTokenCache();
    rows = new Map([
      [
        hashToken("ds_good"),
        { id: "t1", name: "ci", role: "operator", revokedAt: null, expiresAt: null, lastUsedAt: new Date(T0) },
      ],
    ]);
  });

  it("looks a verified token up once per ttl; a revocation counts from the next lookup", async () => {
    const { db, counter } = fakeDb(rows);
    expect(await verifyApiTokenCached(db, "ds_good", 5_000, T0)).toMatchObject({ id: "t1", role: "operator" });
    expect(await verifyApiTokenCached(db, "ds_good", 5_000, T0 + 4_999)).toMatchObject({ id: "t1" });
    expect(counter.lookups).toBe(1);
    rows.get(hashToken("ds_good"))!.revokedAt = new Date(T0 + 1);
    expect(await verifyApiTokenCached(db, "ds_good", 5_000, T0 + 5_000)).toBeNull();
    expect(counter.lookups).toBe(2);
  });

  it("forgets a token revoked in this process at once", async () => {
    const { db, counter } = fakeDb(rows);
    await verifyApiTokenCached(db, "ds_good", 5_000, T0);
    rows.get(hashToken("ds_good"))!.revokedAt = new Date(T0 + 1);
    forgetApiToken("t1");
    expect(await verifyApiTokenCached(db, "ds_good", 5_000, T0 + 10)).toBeNull();
    expect(counter.lookups).toBe(2);
  });

  it("never remembers unknown tokens, and ttl 0 looks up every time", async () => {
    const { db, counter } = fakeDb(rows);
    expect(await verifyApiTokenCached(db, "ds_wrong", 5_000, T0)).toBeNull();
    expect(await verifyApiTokenCached(db, "ds_wrong", 5_000, T0 + 1)).toBeNull();
    expect(counter.lookups).toBe(2);
    await verifyApiTokenCached(db, "ds_good", 0, T0);
    await verifyApiTokenCached(db, "ds_good", 0, T0 + 1);
    expect(counter.lookups).toBe(4);
  });
});
