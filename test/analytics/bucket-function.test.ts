import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { durationBucket } from "../../lib/engine/analytics/duration-buckets";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

// Powers of two and their neighbours (where a float log2 can be off by one), then a spread.
const VALUES = [
  ...Array.from({ length: 45 }, (_, e) => [-2, -1, 0, 1, 2].map((d) => 2 ** e + d)).flat(),
  ...Array.from({ length: 2000 }, (_, i) => Math.floor(1.013 ** i)),
  -5,
  0,
  15,
  16,
].filter((v) => Number.isSafeInteger(v));

describe.each<TestDbKind>(["postgres", "pglite"])("docstate_analytics_bucket (%s)", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
  }, 120_000);
  afterAll(async () => handle?.close());

  it("puts every duration in the bucket TypeScript computes (the rollups are exact histograms)", async () => {
    const rows = await handle.db.withConnection((conn) =>
      conn.query<{ ms: string; bucket: number }>(
        `SELECT v::text AS ms, "docstate_analytics_bucket"(v) AS bucket FROM unnest($1::bigint[]) AS v`,
        [VALUES.map(String)],
      ),
    );
    expect(rows.map((r) => [Number(r.ms), r.bucket])).toEqual(VALUES.map((v) => [v, durationBucket(v)]));
  });

  it("is inlined into the statements that call it (no per-row function call)", async () => {
    const plan = await handle.db.withConnection((conn) =>
      conn.query<Record<string, string>>(
        `EXPLAIN (VERBOSE) SELECT "docstate_analytics_bucket"(g) FROM generate_series(1::bigint, 10::bigint) AS g`,
      ),
    );
    expect(plan.map((r) => Object.values(r)[0]).join("\n")).not.toContain("docstate_analytics_bucket");
  });
});
