// npm run bench [-- --only <fires|reads|worker|timers|replay|http|designer>[,...]] [-- --quick]
// Engine fire throughput against a raw-SQL baseline, read latency over 1,000,000 documents,
// worker throughput, due timers fired by 3 workers (BENCH_TIMERS, default 100,000) and the
// what-if replay of a draft, on a database of its own that it creates and always drops; then the
// designer's scale in Chromium (needs `npm run build`). Exits 1 when any target is missed.
// Every run is appended to bench/results.jsonl and shown in docs/benchmarks.md.
// Env: BENCH_PROFILE=quick (ratios only, a few minutes), BENCH_ONLY (same as --only),
// BENCH_DATABASE_URL | DATABASE_URL (server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_DOCS (1000000), BENCH_RUNS (20), BENCH_VERBOSE=1,
// BENCH_HTTP_PORT (3115: the http section starts its hosts there, one after the other).
import { BenchUsageError, parseBenchOptions } from "./bench/bench-options";
import { benchServerUrl, createBenchDatabase } from "./bench/bench-database";
import { runDesignerBench } from "./bench/designer-bench";
import { printTable, section, type ReportRow } from "./bench/report";
import { appendBenchRecord, currentCommit, writeLatestRun } from "./bench/results-log";
import { runBench } from "./bench/run-bench";
import { judgeRows, missedTargets } from "./bench/verdict";

const RESULTS_FILE = "bench/results.jsonl";
const DOCS_FILE = "docs/benchmarks.md";

let options;
try {
  options = parseBenchOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  console.error(`bench: ${error.message}`);
  process.exit(2);
}
console.log(`bench: profile ${options.profile}, sections ${options.sections.join(", ")}`);

const rows: ReportRow[] = [];
let machine: Record<string, unknown> | null = null;
let details: Record<string, unknown> = {};
let failure: unknown = null;

if (options.sections.some((s) => s !== "designer")) {
  const database = await createBenchDatabase(benchServerUrl()).catch((error: unknown) => {
    console.error(
      `bench: cannot create a database on the server: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
  // Ctrl-C or a kill must not leave a multi-GB database behind.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, dropping database ${database.name} ...`);
      database.drop().then(
        () => process.exit(130),
        (error: unknown) => {
          console.error(`bench: could not drop ${database.name}: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
  try {
    const result = await runBench(database, options);
    rows.push(...result.rows);
    machine = result.machine as unknown as Record<string, unknown>;
    details = result.details;
  } catch (error) {
    failure = error;
  } finally {
    await database.drop();
    console.error(`bench: dropped database ${database.name}`);
  }
}
if (failure === null && options.sections.includes("designer")) {
  try {
    rows.push(...(await runDesignerBench()));
  } catch (error) {
    failure = error;
  }
}
if (failure !== null) {
  console.error(`bench failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`);
  process.exit(1);
}

const judged = judgeRows(rows, options.profile);
const missed = missedTargets(judged);
section("results");
printTable(judged);
const { commit, dirty } = currentCommit();
const record = { at: new Date().toISOString(), commit, dirty, options, machine, rows: judged, missed, details };
await appendBenchRecord(RESULTS_FILE, record);
await writeLatestRun(DOCS_FILE, record);
console.log(`\nbench: appended to ${RESULTS_FILE}; ${DOCS_FILE} shows this run`);
if (missed.length > 0) {
  console.error(`bench: ${missed.length} target(s) missed:\n${missed.map((m) => `  MISS ${m}`).join("\n")}`);
  process.exit(1);
}
console.log("bench: every target met");
process.exit(0);
