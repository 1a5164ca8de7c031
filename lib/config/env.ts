import path from "node:path";
import { z } from "zod";
import { StartupError } from "./startup-error";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "DATABASE_URL must start with postgres:// or postgresql://",
    }),
  /** A streaming replica for reads that tolerate a little lag (lib/db/read-replica.ts); optional. */
  DATABASE_REPLICA_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "DATABASE_REPLICA_URL must start with postgres:// or postgresql://",
    }),
  /** Lag-tolerant reads use the primary while the replica trails by more than this. */
  DOCSTATE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  DOCSTATE_DATA_DIR: z.string().default(".data"),
  DOCSTATE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DOCSTATE_ADMIN_EMAIL: z.email("DOCSTATE_ADMIN_EMAIL must be an e-mail address").optional(),
  DOCSTATE_ADMIN_PASSWORD: z.string().min(8, "DOCSTATE_ADMIN_PASSWORD must be at least 8 characters").optional(),
  DOCSTATE_BOOTSTRAP_TOKEN: z.string().min(24, "DOCSTATE_BOOTSTRAP_TOKEN must be at least 24 characters").optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  DOCSTATE_INLINE_WORKER: flag,
  DOCSTATE_SEED_DEMO: flag,
  DOCSTATE_METRICS_PUBLIC: flag,
  DOCSTATE_WEBHOOK_SECRET: z.string().optional(),
  DOCSTATE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** Due jobs one claim looks at; its noop jobs complete together in one statement. */
  DOCSTATE_WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(2_000).default(250),
  DOCSTATE_WORKER_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
  DOCSTATE_WORKER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  DOCSTATE_WEBHOOK_ALLOWED_HOSTS: z.string().default(""),
  /** Only these workflows' jobs run in this process's worker ("a,b,prefix-*"); unset: all. */
  DOCSTATE_WORKER_WORKFLOWS: z.string().optional(),
  /** How many reverse proxies in front append to X-Forwarded-For; 0: the socket's peer is the client. */
  DOCSTATE_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" || v === "false" ? 0 : v === "true" ? 1 : Number(v)))
    .pipe(z.number({ error: "DOCSTATE_TRUST_PROXY must be a number of proxies (0-10)" }).int().min(0).max(10)),
  DOCSTATE_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "DOCSTATE_PUBLIC_URL must be an http(s) URL" })
    .optional(),
  DOCSTATE_HSTS: z.coerce.number().int().min(0).max(63_072_000).default(15_552_000),
  DOCSTATE_API_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  /** How long a verified API token is trusted without a lookup: the bound on revocation in other processes. 0: off. */
  DOCSTATE_API_TOKEN_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Requests one process serves at once; beyond it /api/v1 answers 503 OVERLOADED at once. 0: no limit. */
  DOCSTATE_API_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(128),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * History retention (docs/history-partitions.md): "off" (default) or "<n> months"; monthly
   * history partitions entirely older than that are archived to gzip JSON Lines and dropped.
   */
  DOCSTATE_HISTORY_RETENTION: z
    .string()
    .trim()
    .default("off")
    .transform((v) => v.toLowerCase())
    .refine((v) => v === "off" || /^([1-9][0-9]{0,2}) months?$/.test(v), {
      message: 'DOCSTATE_HISTORY_RETENTION must be "off" or a number of months, e.g. "12 months"',
    })
    .transform((v) => (v === "off" ? null : Number(v.split(" ")[0]))),
  /** Where archived history partitions go; default <DOCSTATE_DATA_DIR>/history-archive. */
  DOCSTATE_HISTORY_ARCHIVE_DIR: z.string().optional(),
  /** Monthly history partitions kept ready after the current month. */
  DOCSTATE_HISTORY_PARTITIONS_AHEAD: z.coerce.number().int().min(1).max(36).default(3),
});

export type Env = z.infer<typeof envSchema> & {
  /** Absolute data directory (PGlite files, generated session secret). */
  dataDir: string;
  /** True when no DATABASE_URL is set and the embedded PGlite database is used. */
  isEmbedded: boolean;
};

let cached: Env | undefined;

/** Parses and validates the environment once; throws StartupError with one readable line. */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const name = first?.path.join(".") ?? "environment";
    throw new StartupError(`invalid configuration: ${name}: ${first?.message ?? "invalid"}`);
  }
  const env: Env = {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.DOCSTATE_DATA_DIR),
    isEmbedded: parsed.data.DATABASE_URL === undefined,
  };
  if ((env.DOCSTATE_ADMIN_EMAIL === undefined) !== (env.DOCSTATE_ADMIN_PASSWORD === undefined)) {
    throw new StartupError(
      "invalid configuration: set both DOCSTATE_ADMIN_EMAIL and DOCSTATE_ADMIN_PASSWORD, or neither",
    );
  }
  if (env.DATABASE_REPLICA_URL !== undefined && env.DATABASE_URL === undefined) {
    throw new StartupError(
      "invalid configuration: DATABASE_REPLICA_URL needs DATABASE_URL (the embedded database has no replica)",
    );
  }
  if (source === process.env) cached = env;
  return env;
}

/** Test helper: forget the cached environment after changing process.env. */
export function resetEnvCache(): void {
  cached = undefined;
}
