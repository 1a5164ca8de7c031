import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

export type HostKind = "standalone" | "next";

export interface RunningHost {
  kind: HostKind;
  url: string;
  /** CPU seconds (user + system) the host's processes have used so far; undefined off Linux. */
  cpuSeconds(): number | undefined;
  /** The exit code once the process ended, null while it runs (a crash under a fault shows here). */
  exitCode(): number | null;
  /** The last few KB of its stderr, and of its log (stdout) when started with `keepLog`. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * CPU seconds of a process and all its descendants, from /proc (Linux). CPU time per request
 * is what a host costs, and unlike requests per second it hardly moves with the machine's load.
 */
export function processTreeCpuSeconds(rootPid: number): number | undefined {
  if (!fs.existsSync("/proc/self/stat")) return undefined;
  const ticksPerSecond = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces and parentheses: fields start after the last ")".
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while we looked.
    }
  }
  let ticks = 0;
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === pid) pending.push(child);
  }
  return ticks / ticksPerSecond;
}

function nodeArgs(): string[] {
  return (process.env.BENCH_HOST_NODE_ARGS ?? "").split(" ").filter(Boolean);
}

/** Whether `next start` can run: a production build exists. */
export function hasNextBuild(): boolean {
  return fs.existsSync(path.resolve(".next/BUILD_ID"));
}

/**
 * Starts one API host on `port` against `databaseUrl` as production runs it: the standalone
 * API process (`npm run api`) or the app (`next start`, needs `npm run build`). Resolves once
 * GET /api/health answers 200; its output is discarded (the logs would cost the bench, not
 * the host: the host still writes every request log line).
 */
export async function startHost(
  kind: HostKind,
  options: { databaseUrl: string; port: number; env?: Record<string, string>; keepLog?: boolean },
): Promise<RunningHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-http-bench-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port),
    DOCSTATE_DATA_DIR: dataDir,
    DOCSTATE_INLINE_WORKER: "0",
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    ...options.env,
  };
  const stdout = options.keepLog ? "pipe" : "ignore";
  const bin = (name: string) => path.resolve("node_modules/.bin", name);
  const child: ChildProcess =
    kind === "next"
      ? spawn(bin("next"), ["start", "-p", String(options.port)], { env, stdio: ["ignore", stdout, "pipe"] })
      : // BENCH_HOST_NODE_ARGS: node flags for the standalone host, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
        spawn(
          process.execPath,
          [...nodeArgs(), "--conditions=react-server", "--import", "tsx", "scripts/api-server.ts"],
          {
            env,
            stdio: ["ignore", stdout, "pipe"],
          },
        );
  let stderr = "";
  const keep = (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  };
  child.stderr?.on("data", keep);
  child.stdout?.on("data", keep);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const healthy = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy)
      return {
        kind,
        url,
        stop,
        cpuSeconds: () => processTreeCpuSeconds(child.pid!),
        exitCode: () => child.exitCode,
        output: () => stderr,
      };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the ${kind} host did not become healthy on port ${options.port}: ${stderr.trim().slice(-800)}`);
}
