import { describe, expect, it } from "vitest";
import { busyTicksOf, cpuSpent, formatCpuPer, postgresTicksOf, sampleCpu } from "../../scripts/bench/cpu-time";

describe("the bench's CPU meter", () => {
  it("reads utime + stime of postgres processes only, whatever the command name holds", () => {
    const stat = (name: string, utime: number, stime: number) =>
      `4242 (${name}) S 1 4242 4242 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 12345 1000 10 0`;
    expect(postgresTicksOf(stat("postgres", 250, 40))).toBe(290);
    expect(postgresTicksOf(stat("node", 250, 40))).toBeNull();
    // A name with spaces and parentheses does not shift the fields.
    expect(postgresTicksOf(stat("post gres) x", 250, 40))).toBeNull();
  });

  it("counts the machine's non-idle time: everything but idle and iowait, guests not twice", () => {
    const procStat = "cpu  100 5 30 1000 20 1 2 3 7 0\ncpu0 50 2 15 500 10 0 1 1 3 0\nintr 1";
    expect(busyTicksOf(procStat)).toBe(100 + 5 + 30 + 1 + 2 + 3);
    expect(busyTicksOf("intr 1")).toBeNull();
  });

  it("counts PostgreSQL per process: one that exits in between does not take the others' time away", () => {
    const before = {
      postgres: new Map([
        [1, 10],
        [2, 500],
        [3, 4],
      ]),
      machine: 20,
    };
    // 1 used 2 s, 2 (an idle connection of an earlier section) exited, 3 used 0.5 s, 4 started and used 1 s.
    const after = {
      postgres: new Map([
        [1, 12],
        [3, 4.5],
        [4, 1],
      ]),
      machine: 24,
    };
    const spent = cpuSpent(before, after);
    expect(spent).toEqual({ postgresSeconds: 3.5, machineSeconds: 4 });
    expect(formatCpuPer(spent, 10_000)).toBe("PostgreSQL 350 µs, machine 400 µs");
  });

  it("reports what it cannot measure as n/a", () => {
    expect(formatCpuPer(cpuSpent({ postgres: null, machine: 1 }, { postgres: null, machine: 2 }), 10)).toBe(
      "PostgreSQL n/a, machine 100000 µs",
    );
  });

  it("sees this machine's PostgreSQL (the tests' server runs locally) and its clock moves forward", () => {
    const before = sampleCpu();
    let x = 0;
    for (let i = 0; i < 5e6; i += 1) x += i;
    const after = sampleCpu();
    expect(x).toBeGreaterThan(0);
    expect(before.postgres).not.toBeNull();
    expect(after.machine! - before.machine!).toBeGreaterThanOrEqual(0);
  });
});
