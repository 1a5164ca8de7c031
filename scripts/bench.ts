// npm run bench — engine fire throughput against a raw-SQL baseline, and read latency over
// 1,000,000 documents, on a database of its own that it creates and always drops.
// Then the designer's scale in Chromium (needs `npm run build`; BENCH_ONLY=designer runs only that).
// Env: BENCH_DATABASE_URL | DATABASE_URL (server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_DOCS (1000000), BENCH_RUNS (20), BENCH_VERBOSE=1.
import { runBench } from "./bench/run-bench";
import { benchServerUrl, createBenchDatabase } from "./bench/bench-database";
import { runDesignerBench } from "./bench/designer-bench";

// BENCH_ONLY=designer: only the designer's browser measurement (no database bench).
if (process.env.BENCH_ONLY === "designer") {
  await runDesignerBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

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

let exitCode = 0;
try {
  await runBench(database);
  await runDesignerBench();
} catch (error) {
  exitCode = 1;
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await database.drop();
  console.error(`bench: dropped database ${database.name}`);
}
process.exit(exitCode);
