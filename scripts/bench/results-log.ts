import { execFileSync } from "node:child_process";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as prettier from "prettier";
import type { BenchOptions } from "./bench-options";
import { markdownTable, type ReportRow } from "./report";

/** One run as bench/results.jsonl keeps it: when, where, what was asked and what was measured. */
export interface BenchRecord {
  at: string;
  commit: string;
  /** True when the working tree had uncommitted changes: the numbers are not the commit's. */
  dirty: boolean;
  options: BenchOptions;
  machine: Record<string, unknown> | null;
  rows: ReportRow[];
  missed: string[];
  /** Each section's raw numbers, for comparisons the table does not show. */
  details: Record<string, unknown>;
}

export function currentCommit(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    return { commit, dirty: dirty.length > 0 };
  } catch {
    return { commit: "unknown", dirty: false };
  }
}

/** Appends the run as one JSON line, so runs can be compared over time with any JSON tool. */
export async function appendBenchRecord(file: string, record: BenchRecord): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(record)}\n`);
}

const BEGIN = "<!-- bench:latest:begin -->";
const END = "<!-- bench:latest:end -->";

/**
 * The Markdown that stands between the markers of docs/benchmarks.md: the run's table with
 * when, where and how it was made. Pure.
 */
export function latestRunMarkdown(record: BenchRecord): string {
  const machine = record.machine as { cpu?: string; cores?: number; loadAverage?: number; postgres?: string } | null;
  const where = machine
    ? `${machine.cpu ?? "?"} (${machine.cores ?? "?"} cores), ${machine.postgres ?? "?"}, load average ${machine.loadAverage ?? "?"} at the start`
    : "machine not recorded";
  const verdict =
    record.missed.length === 0 ? "every target met" : `missed: ${record.missed.map((m) => `“${m}”`).join("; ")}`;
  return [
    `Run of ${record.at.slice(0, 16).replace("T", " ")} UTC on commit \`${record.commit}\`${record.dirty ? " (with uncommitted changes)" : ""},`,
    `profile \`${record.options.profile}\`, sections ${record.options.sections.map((s) => `\`${s}\``).join(", ")}; ${where}; ${verdict}.`,
    "",
    markdownTable(record.rows),
  ].join("\n");
}

/** Replaces the block between the markers (which must exist once each, in order). Pure. */
export function replaceLatestBlock(document: string, block: string): string {
  const begin = document.indexOf(BEGIN);
  const end = document.indexOf(END);
  if (begin < 0 || end < begin || document.indexOf(BEGIN, begin + 1) >= 0)
    throw new Error(`the document needs exactly one ${BEGIN} ... ${END} block`);
  return `${document.slice(0, begin + BEGIN.length)}\n${block}\n${document.slice(end)}`;
}

/** Rewrites the file's latest-run block, formatted as the repository's Prettier would. */
export async function writeLatestRun(file: string, record: BenchRecord): Promise<void> {
  const document = replaceLatestBlock(await readFile(file, "utf8"), latestRunMarkdown(record));
  const options = (await prettier.resolveConfig(file)) ?? {};
  await writeFile(file, await prettier.format(document, { ...options, filepath: file }));
}
