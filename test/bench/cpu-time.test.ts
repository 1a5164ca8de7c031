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

  it("reports CPU per unit of work, and what it cannot measure as n/a", () => {
    const spent = cpuSpent({ postgres: 10, machine: 20 }, { postgres: 12.5, machine: 24 });
    expect(spent).toEqual({ postgresSeconds: 2.5, machineSeconds: 4 });
    expect(formatCpuPer(spent, 10_000)).toBe("PostgreSQL 250 µs, machine 400 µs");
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
