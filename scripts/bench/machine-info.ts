import os from "node:os";
import type pg from "pg";

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1-minute load average when the bench started: other work on the machine skews every number. */
  loadAverage: number;
  postgres: string;
  settings: Record<string, string>;
}

// The server settings that move these numbers the most.
const SETTINGS = [
  "shared_buffers",
  "work_mem",
  "effective_cache_size",
  "max_parallel_workers_per_gather",
  "synchronous_commit",
  "max_connections",
];

export async function machineInfo(pool: pg.Pool): Promise<MachineInfo> {
  const cpus = os.cpus();
  const version = await pool.query<{ version: string }>("SELECT version()");
  const settings = await pool.query<{ name: string; setting: string }>(
    "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1) ORDER BY name",
    [SETTINGS],
  );
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
    postgres: version.rows[0]?.version.split(",")[0] ?? "unknown",
    settings: Object.fromEntries(settings.rows.map((r) => [r.name, r.setting])),
  };
}

export function printMachineInfo(info: MachineInfo): void {
  console.log(`CPU        ${info.cpu} (${info.cores} cores)`);
  console.log(`Memory     ${info.memoryGiB} GiB`);
  console.log(`OS / Node  ${info.os} / ${info.node}`);
  console.log(
    `Load avg   ${info.loadAverage} (1 min, before the bench${info.loadAverage > info.cores / 2 ? "; the machine is busy, expect noisy numbers" : ""})`,
  );
  console.log(`PostgreSQL ${info.postgres}`);
  console.log(
    `Settings   ${Object.entries(info.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
  );
}
