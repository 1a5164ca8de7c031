export interface ReportRow {
  name: string;
  /** Operations per second, for throughput rows. */
  rate?: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  /** A single value (ratio, seconds) for rows that are not latency measurements. */
  value?: string;
  target?: string;
  /** undefined: no target. */
  met?: boolean;
  /**
   * What the target compares: a ratio against a baseline of the same run, a correctness
   * check, or (default) an absolute time or rate, which only the full profile enforces.
   */
  kind?: "ratio" | "check" | "absolute";
}

const fmtMs = (ms: number | undefined) =>
  ms === undefined || Number.isNaN(ms) ? "" : ms < 10 ? ms.toFixed(2) : ms.toFixed(1);

const HEADER = ["measurement", "ops/s or value", "p50 ms", "p95 ms", "p99 ms", "target", "result"];

function cellsOf(rows: readonly ReportRow[]): string[][] {
  return rows.map((row) => [
    row.name,
    row.rate !== undefined ? row.rate.toFixed(0) : (row.value ?? ""),
    fmtMs(row.p50Ms),
    fmtMs(row.p95Ms),
    fmtMs(row.p99Ms),
    row.target ?? "",
    row.met === undefined ? "" : row.met ? "PASS" : "MISS",
  ]);
}

/** A plain-text table that reads well in a terminal and pastes into an issue as-is. */
export function printTable(rows: readonly ReportRow[]): void {
  const header = HEADER;
  const body = cellsOf(rows);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const cells of body) console.log(line(cells));
}

export function section(title: string): void {
  console.log(`\n== ${title} ==`);
}

/** The same table as Markdown (docs/benchmarks.md); pipes in cells are escaped. */
export function markdownTable(rows: readonly ReportRow[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  const line = (cells: string[]) => `| ${cells.map(escape).join(" | ")} |`;
  return [
    line(HEADER),
    `|${HEADER.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`,
    ...cellsOf(rows).map(line),
  ].join("\n");
}
