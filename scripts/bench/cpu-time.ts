import { execFileSync } from "node:child_process";
import fs from "node:fs";

/*
 * CPU time spent during a measured run, read from /proc (Linux): by the local PostgreSQL
 * server's processes, and by the whole machine. Throughput on a shared 2-core machine moves
 * with everything else running; the CPU a run costs per job does not (a run slowed by a busy
 * neighbour takes longer, not more CPU), so two variants measured minutes apart compare on it.
 */

export interface CpuSample {
  /** Seconds of CPU used so far by processes named "postgres"; null when none is visible (a remote server). */
  postgres: number | null;
  /** Seconds of non-idle CPU of the whole machine, all cores together. */
  machine: number | null;
}

export interface CpuSpent {
  postgresSeconds: number | null;
  machineSeconds: number | null;
}

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of one /proc/<pid>/stat line, in ticks; null when it is not a postgres process. */
export function postgresTicksOf(stat: string): number | null {
  // The command name is in parentheses and may contain spaces; the fields after it are fixed.
  const close = stat.lastIndexOf(")");
  const name = stat.slice(stat.indexOf("(") + 1, close);
  if (name !== "postgres") return null;
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // After the name: state (3), …, utime (14) and stime (15) in proc(5)'s numbering.
  return Number(fields[11]) + Number(fields[12]);
}

/** Non-idle ticks of the first line of /proc/stat (user nice system idle iowait irq softirq steal …). */
export function busyTicksOf(procStat: string): number | null {
  const line = procStat.split("\n").find((l) => l.startsWith("cpu "));
  if (!line) return null;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return values.slice(0, 8).reduce((sum, v) => sum + v, 0) - idle;
}

export function sampleCpu(): CpuSample {
  if (process.platform !== "linux") return { postgres: null, machine: null };
  let ticks = 0;
  let found = false;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    const own = postgresTicksOf(stat);
    if (own === null) continue;
    ticks += own;
    found = true;
  }
  let busy: number | null = null;
  try {
    busy = busyTicksOf(fs.readFileSync("/proc/stat", "utf8"));
  } catch {
    busy = null;
  }
  const hz = clockTicks();
  return { postgres: found ? ticks / hz : null, machine: busy === null ? null : busy / hz };
}

/**
 * CPU spent between two samples. A postgres backend that exits between them takes its time
 * with it (its ticks go to no process still listed), so runs should keep their connections
 * open until the second sample.
 */
export function cpuSpent(before: CpuSample, after: CpuSample): CpuSpent {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.max(0, b - a));
  return {
    postgresSeconds: diff(before.postgres, after.postgres),
    machineSeconds: diff(before.machine, after.machine),
  };
}

/** "PostgreSQL 212 µs, machine 301 µs" per unit of work, or what is not measurable. */
export function formatCpuPer(spent: CpuSpent, units: number): string {
  const per = (seconds: number | null) => (seconds === null ? "n/a" : `${Math.round((seconds * 1e6) / units)} µs`);
  return `PostgreSQL ${per(spent.postgresSeconds)}, machine ${per(spent.machineSeconds)}`;
}
