import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const STARTED = /"event":"worker\.started"/;
const OUTPUT_KEPT = 8_000;

export interface WorkerProcess {
  child: ChildProcess;
  /** The last few KB of stdout + stderr, for error messages. */
  output(): string;
  /** Resolves when the process logged {"event":"worker.started"}; rejects if it exits first. */
  started: Promise<void>;
  exited: Promise<number | null>;
}

// Every worker process this bench started and that has not exited: killed on Ctrl-C, on a
// kill of the bench, and when the bench process exits for any reason.
const live = new Set<ChildProcess>();
let guardsInstalled = false;

function killAll(signal: NodeJS.Signals): void {
  for (const child of live) child.kill(signal);
}

function installGuards(): void {
  if (guardsInstalled) return;
  guardsInstalled = true;
  // scripts/bench.ts drops the database on these signals; the workers must not outlive it
  // (nor reconnect to it while it is being dropped).
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => killAll("SIGKILL"));
  process.on("exit", () => killAll("SIGKILL"));
}

/** Starts `node --import tsx scripts/worker.ts` against `databaseUrl` (node itself, so signals reach it). */
export function startWorkerProcess(databaseUrl: string, env: Record<string, string>): WorkerProcess {
  installGuards();
  // BENCH_WORKER_NODE_ARGS: extra node flags for the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "scripts/worker.ts"], {
    cwd: REPO_ROOT,
    // LOG_LEVEL: the started line is read from the worker's log (pino; silent under NODE_ENV=test).
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let output = "";
  let pending = "";
  let onStarted: () => void = () => undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      live.delete(child);
      resolve(code);
    });
  });
  const started = new Promise<void>((resolve, reject) => {
    onStarted = resolve;
    void exited.then((code) =>
      reject(new Error(`worker process ${child.pid} exited with ${code} before it started: ${output.slice(-2_000)}`)),
    );
    child.once("error", reject);
  });
  started.catch(() => undefined); // observed by the caller; never an unhandled rejection
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-OUTPUT_KEPT);
    pending += text;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    if (lines.some((line) => STARTED.test(line))) onStarted();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return { child, output: () => output, started, exited };
}

/** Starts `count` worker processes and waits until every one has logged worker.started. */
export async function startWorkerProcesses(
  count: number,
  databaseUrl: string,
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<WorkerProcess[]> {
  const workers = Array.from({ length: count }, () => startWorkerProcess(databaseUrl, env));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all(workers.map((w) => w.started)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`worker processes did not start within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    workers.forEach((w) => w.child.kill("SIGKILL"));
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return workers;
}

/** SIGTERMs the workers and returns their exit codes (null: killed after `timeoutMs`). */
export async function stopWorkerProcesses(workers: WorkerProcess[], timeoutMs = 60_000): Promise<(number | null)[]> {
  workers.forEach((w) => w.child.kill("SIGTERM"));
  const timer = setTimeout(() => workers.forEach((w) => w.child.kill("SIGKILL")), timeoutMs);
  try {
    return await Promise.all(workers.map((w) => w.exited));
  } finally {
    clearTimeout(timer);
  }
}

/** Last resort on an error path: no worker process survives the section. */
export function killWorkerProcesses(workers: WorkerProcess[]): void {
  workers.forEach((w) => w.child.kill("SIGKILL"));
}
