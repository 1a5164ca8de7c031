import { describe, expect, it } from "vitest";
import { getEnv } from "./env";

const env = (vars: Record<string, string>) => getEnv({ NODE_ENV: "test", ...vars });

describe("DATABASE_REPLICA_URL", () => {
  const primary = "postgres://app@db-primary:5432/docstate";

  it("is optional and read with the primary's", () => {
    expect(env({ DATABASE_URL: primary }).DATABASE_REPLICA_URL).toBeUndefined();
    const replica = "postgres://app@db-replica:5432/docstate";
    expect(env({ DATABASE_URL: primary, DATABASE_REPLICA_URL: ` ${replica} ` }).DATABASE_REPLICA_URL).toBe(replica);
    expect(env({ DATABASE_URL: primary, DATABASE_REPLICA_URL: "" }).DATABASE_REPLICA_URL).toBeUndefined();
  });

  it("refuses a URL that is not PostgreSQL, and a replica without a primary", () => {
    expect(() => env({ DATABASE_URL: primary, DATABASE_REPLICA_URL: "mysql://replica/db" })).toThrow(
      /DATABASE_REPLICA_URL must start with postgres/,
    );
    expect(() => env({ DATABASE_REPLICA_URL: "postgres://replica/db" })).toThrow(/needs DATABASE_URL/);
  });
});
