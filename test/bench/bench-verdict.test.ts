import { describe, expect, it } from "vitest";
import { BenchUsageError, parseBenchOptions } from "../../scripts/bench/bench-options";
import type { ReportRow } from "../../scripts/bench/report";
import { latestRunMarkdown, replaceLatestBlock, type BenchRecord } from "../../scripts/bench/results-log";
import { judgeRows, missedTargets } from "../../scripts/bench/verdict";

describe("bench options", () => {
  it("runs every section in full, the ratio sections when quick, and what --only or BENCH_ONLY names", () => {
    expect(parseBenchOptions([], {})).toEqual({
      sections: [
        "fires",
        "reads",
        "worker",
        "output",
        "timers",
        "replay",
        "migration",
        "analytics",
        "http",
        "designer",
      ],
      profile: "full",
    });
    expect(parseBenchOptions([], { BENCH_PROFILE: "quick" })).toEqual({
      sections: ["fires", "worker", "output", "migration"],
      profile: "quick",
    });
    expect(parseBenchOptions(["--quick", "--only", "worker"], {}).sections).toEqual(["worker"]);
    expect(parseBenchOptions(["--only=reads,fires"], {}).sections).toEqual(["fires", "reads"]);
    expect(parseBenchOptions(["--only", "designer", "--only", "fires"], {}).sections).toEqual(["fires", "designer"]);
    expect(parseBenchOptions([], { BENCH_ONLY: "designer" }).sections).toEqual(["designer"]);
  });

  it("refuses unknown sections, profiles and arguments, naming the valid ones", () => {
    expect(() => parseBenchOptions(["--only", "fire"], {})).toThrow(/unknown section "fire"; sections: fires, reads/);
    expect(() => parseBenchOptions(["--only"], {})).toThrow(BenchUsageError);
    expect(() => parseBenchOptions([], { BENCH_PROFILE: "fast" })).toThrow(/"full" or "quick"/);
    expect(() => parseBenchOptions(["--fast"], {})).toThrow(/unknown argument "--fast"/);
  });
});

const rows: ReportRow[] = [
  { name: "engine / raw SQL", value: "0.40", target: ">= 0.5", met: false, kind: "ratio" },
  { name: "list p95", p95Ms: 80, target: "p95 < 50 ms", met: false },
  { name: "exactly once", value: "ok", target: "once", met: true, kind: "check" },
  { name: "raw SQL fire", rate: 2000 },
];

describe("bench verdict", () => {
  it("fails a full run on any missed target, a quick run only on ratios and checks", () => {
    expect(missedTargets(judgeRows(rows, "full"))).toEqual([
      "engine / raw SQL (target >= 0.5)",
      "list p95 (target p95 < 50 ms)",
    ]);
    const quick = judgeRows(rows, "quick");
    expect(missedTargets(quick)).toEqual(["engine / raw SQL (target >= 0.5)"]);
    expect(quick[1]).toMatchObject({ met: undefined, target: "p95 < 50 ms (full profile only)" });
    expect(missedTargets(judgeRows(rows.slice(2), "full"))).toEqual([]);
  });

  it("writes the run's table between the markers of docs/benchmarks.md and nowhere else", () => {
    const record: BenchRecord = {
      at: "2026-12-06T07:00:00.000Z",
      commit: "abc123",
      dirty: false,
      options: { sections: ["fires"], profile: "quick" },
      machine: { cpu: "Test CPU", cores: 2, loadAverage: 0.3, postgres: "PostgreSQL 15.19" },
      rows: judgeRows(rows, "quick"),
      missed: ["engine / raw SQL (target >= 0.5)"],
      details: {},
    };
    const doc = "# Benchmarks\n\nintro\n<!-- bench:latest:begin -->\nold table\n<!-- bench:latest:end -->\n\nhow to\n";
    const updated = replaceLatestBlock(doc, latestRunMarkdown(record));
    expect(updated.startsWith("# Benchmarks\n\nintro\n<!-- bench:latest:begin -->\nRun of 2026-12-06 07:00 UTC")).toBe(
      true,
    );
    expect(updated.endsWith("<!-- bench:latest:end -->\n\nhow to\n")).toBe(true);
    expect(updated).not.toContain("old table");
    expect(updated).toContain("| engine / raw SQL | 0.40 |  |  |  | >= 0.5 | MISS |");
    expect(updated).toContain("load average 0.3");
    expect(() => replaceLatestBlock("no markers", "x")).toThrow(/exactly one/);
  });
});
