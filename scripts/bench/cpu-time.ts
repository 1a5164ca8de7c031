import { execFileSync } from "node:child_process";
import fs from "node:fs";

/*
 * CPU time spent during a measured run, read from /proc (Linux): by the local PostgreSQL
 * server's processes, and by the whole machine. Throughput on a shared 2-core machine moves
 * with everything else running; the CPU a run costs per job does not (a run slowed by a busy
 * neighbour takes longer, not more CPU), so two variants measured minutes apart compare on it.
 */

export interface CpuSample {
  /**
   * Seconds of CPU used so far by each process named "postgres", by pid; null when none is
   * visible (a remote server). By pid, because a backend that exits between two samples takes
   * its whole past with it: summed, an idle connection of an earlier section closing mid-run
   * made the difference negative.
   */
  postgres: ReadonlyMap<number, number> | null;
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
  const hz = clockTicks();
  const byPid = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    const own = postgresTicksOf(stat);
    if (own !== null) byPid.set(Number(entry), own / hz);
  }
  let busy: number | null = null;
  try {
    busy = busyTicksOf(fs.readFileSync("/proc/stat", "utf8"));
  } catch {
    busy = null;
  }
  return { postgres: byPid.size > 0 ? byPid : null, machine: busy === null ? null : busy / hz };
}

/**
 * CPU spent between two samples: for PostgreSQL, what each process still running at the
 * second sample used since the first (all of it for a process started since). A backend that
 * exited in between is left out, with what it used before exiting, so a run should keep its
 * connections open until the second sample (the workers and the raw loops do).
 */
export function cpuSpent(before: CpuSample, after: CpuSample): CpuSpent {
  let postgresSeconds: number | null = null;
  if (before.postgres && after.postgres) {
    postgresSeconds = 0;
    for (const [pid, seconds] of after.postgres)
      postgresSeconds += Math.max(0, seconds - (before.postgres.get(pid) ?? 0));
  }
  const machineSeconds =
    before.machine === null || after.machine === null ? null : Math.max(0, after.machine - before.machine);
  return { postgresSeconds, machineSeconds };
}

/** "PostgreSQL 212 µs, machine 301 µs" per unit of work, or what is not measurable. */
export function formatCpuPer(spent: CpuSpent, units: number): string {
  const per = (seconds: number | null) => (seconds === null ? "n/a" : `${Math.round((seconds * 1e6) / units)} µs`);
  return `PostgreSQL ${per(spent.postgresSeconds)}, machine ${per(spent.machineSeconds)}`;
}
