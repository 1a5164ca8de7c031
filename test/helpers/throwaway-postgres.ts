import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * PostgreSQL clusters of a test's own: initdb in a temporary directory as the postgres OS user
 * (initdb and postgres refuse root), on free ports. For what the machine's shared cluster must
 * not be used for: replication (it allows no replication connections) and restarts (other
 * engineers and CI use it).
 */
export const PG_BIN = "/usr/lib/postgresql/15/bin";
export const hasPostgresBinaries = fs.existsSync(`${PG_BIN}/initdb`) && fs.existsSync(`${PG_BIN}/pg_basebackup`);

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the postgres OS user when the test runs as root. */
export function pgBin(tool: string, args: string[]): string {
  const [cmd, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", `${PG_BIN}/${tool}`, ...args]]
    : [`${PG_BIN}/${tool}`, args];
  return execFileSync(cmd as string, argv as string[], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value (not undefined); errors count as "not yet". */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One short-lived connection for a statement or two. */
export async function onServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ThrowawayCluster {
  dir: string;
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  start(): void;
  /** `fast` ends sessions and rolls their transactions back; `immediate` is a crash. */
  stop(mode?: "fast" | "immediate"): void;
}

export interface ThrowawayPair {
  root: string;
  primary: ThrowawayCluster;
  /** A hot standby streaming from the primary (pg_basebackup -R), when asked for. */
  standby?: ThrowawayCluster;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  /** Stops both clusters and removes their directories. */
  remove(): void;
}

function cluster(root: string, dir: string, port: number): ThrowawayCluster {
  return {
    dir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () =>
      void pgBin("pg_ctl", [
        "-D",
        dir,
        "-l",
        path.join(dir, "server.log"),
        "-o",
        `-p ${port} -k ${root}`,
        "-w",
        "-t",
        "30",
        "start",
      ]),
    stop: (mode = "immediate") => {
      try {
        pgBin("pg_ctl", ["-D", dir, "-m", mode, "-w", "stop"]);
      } catch {
        // not running
      }
    },
  };
}

/** A fresh primary (fsync off: throwaway), with a streaming standby when `standby` is set. */
export async function startThrowawayPostgres(options: { standby: boolean }): Promise<ThrowawayPair> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-pg-"));
  fs.chmodSync(root, 0o777);
  if (asRoot) execFileSync("chown", ["postgres", root]);
  const primary = cluster(root, path.join(root, "primary"), await freePort());
  let standby: ThrowawayCluster | undefined;
  const remove = () => {
    standby?.stop();
    primary.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    pgBin("initdb", ["-D", primary.dir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    fs.appendFileSync(
      path.join(primary.dir, "postgresql.conf"),
      "\nlisten_addresses = '127.0.0.1'\nfsync = off\nshared_buffers = 16MB\nmax_wal_senders = 4\nwal_level = replica\n",
    );
    primary.start();
    if (options.standby) {
      standby = cluster(root, path.join(root, "standby"), await freePort());
      pgBin("pg_basebackup", [
        "-h",
        "127.0.0.1",
        "-p",
        String(primary.port),
        "-U",
        "postgres",
        "-D",
        standby.dir,
        "-R",
        "-X",
        "stream",
      ]);
      standby.start();
    }
  } catch (error) {
    remove();
    throw error;
  }
  const caughtUp = async () => {
    if (!standby) return;
    const lsn = await onServer(
      primary.url,
      async (c) => (await c.query("SELECT pg_current_wal_lsn()::text AS l")).rows[0].l,
    );
    await waitFor("the standby to catch up", () =>
      onServer(standby!.url, async (c) => {
        const { rows } = await c.query("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok", [lsn]);
        return rows[0].ok ? true : undefined;
      }),
    );
  };
  return { root, primary, standby, caughtUp, remove };
}
