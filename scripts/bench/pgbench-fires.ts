import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import type { ClientDocuments } from "./engine-fires";

/**
 * The database's own pace for a transition: pgbench (prepared, the same clients) running one
 * statement per fire that does what the engine's apply statement must do at the least (lock
 * the document, update it only at the version read, bump its seq, append the history event,
 * which fires the same triggers: hash chain, state counters). No Node, no
 * decision, no read-back: the ceiling the engine's fire is compared with.
 */
export const PGBENCH_FIRE_SCRIPT = `\\set slot random(0, :slots - 1)
WITH target AS (
  SELECT d."id", d."state", d."version" FROM "Document" AS d
   WHERE d."id" = (SELECT "id" FROM "bench_pgbench_document" WHERE "client" = :client_id AND "slot" = :slot)
   FOR UPDATE
), doc AS (
  UPDATE "Document" AS d
     SET "state" = CASE t."state" WHEN 'draft' THEN 'review' ELSE 'draft' END, "version" = d."version" + 1,
         "lastSeq" = d."lastSeq" + 1, "stateEnteredAt" = now(), "updatedAt" = now()
    FROM target AS t
   WHERE d."id" = t."id" AND d."version" = t."version"
  RETURNING d."id", d."state", d."version", d."lastSeq", t."state" AS "fromState"
)
INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey",
                            "actorType", "actorName", "documentVersion", "at")
SELECT "id", "lastSeq", 'TRANSITION', "fromState", "state", CASE "state" WHEN 'review' THEN 'submit' ELSE 'back' END,
       'API', 'pgbench', "version", now()
  FROM doc;
`;

/** pgbench from PATH, else PostgreSQL 15's Debian location; null when neither exists. */
export function findPgbench(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "pgbench");
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  const debian = "/usr/lib/postgresql/15/bin/pgbench";
  return fs.existsSync(debian) ? debian : null;
}

/** Registers each client's documents (client 0..n-1, slot 0..k-1) for the pgbench script. */
export async function preparePgbenchDocuments(pool: pg.Pool, owned: ClientDocuments[]): Promise<void> {
  await pool.query(
    `CREATE TABLE "bench_pgbench_document" ("client" int, "slot" int, "id" uuid NOT NULL, PRIMARY KEY ("client", "slot"))`,
  );
  await pool.query(
    `INSERT INTO "bench_pgbench_document" SELECT c, s, id::uuid
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS cl(ids, c1),
            jsonb_array_elements_text(cl.ids) WITH ORDINALITY AS d(id, s1),
            LATERAL (SELECT c1::int - 1 AS c, s1::int - 1 AS s) AS i`,
    [JSON.stringify(owned.map((o) => o.ids))],
  );
}

export interface PgbenchResult {
  transactions: number;
  failed: number;
  perSecond: number;
  latencyAverageMs: number;
}

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pgbench failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

const number = (text: string, pattern: RegExp) => {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : Number.NaN;
};

/**
 * Runs the pgbench fire script with `clients` connections (`-M prepared -j 2`), an unmeasured
 * warm-up first, on the database `url` points at. Throws when pgbench fails or reports failures.
 */
export async function runPgbenchFires(
  bin: string,
  url: string,
  options: { clients: number; slots: number; warmupSeconds: number; seconds: number },
): Promise<PgbenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-pgbench-"));
  const script = path.join(dir, "fire.sql");
  fs.writeFileSync(script, PGBENCH_FIRE_SCRIPT);
  const args = (seconds: number) => [
    "-n",
    "-M",
    "prepared",
    "-c",
    String(options.clients),
    "-j",
    String(Math.min(2, options.clients)),
    "-T",
    String(seconds),
    "-D",
    `slots=${options.slots}`,
    "-f",
    script,
    url,
  ];
  try {
    if (options.warmupSeconds > 0) await run(bin, args(options.warmupSeconds));
    const out = await run(bin, args(options.seconds));
    const transactions = number(out, /number of transactions actually processed: (\d+)/);
    const failed = number(out, /number of failed transactions: (\d+)/);
    const result = {
      transactions,
      failed: Number.isNaN(failed) ? 0 : failed,
      perSecond: number(out, /tps = ([\d.]+) \(without initial connection time\)/),
      latencyAverageMs: number(out, /latency average = ([\d.]+) ms/),
    };
    if (!Number.isFinite(result.perSecond)) throw new Error(`pgbench output not understood:\n${out}`);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
