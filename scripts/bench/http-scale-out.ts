import os from "node:os";
import type { Db } from "../../lib/db/client";
import { createClientDocuments } from "./engine-fires";
import { startHost, type RunningHost } from "./http-hosts";
import { runHttpLoad, type HttpLoadResult } from "./http-load";
import { startWorkerProcesses, stopWorkerProcesses, killWorkerProcesses } from "./worker-processes";
import type { ReportRow } from "./report";

export interface ScaleOutConfig {
  workflow: string;
  clients: number;
  seconds: number;
  warmupSeconds: number;
  /** Instance i listens on port + i. */
  port: number;
  tokens: string[];
  /** Fires through one instance in-process (the section's ratio baseline), for the ratio column. */
  servicePerSecond: number;
  /** Builds the request stream of a set of documents (http-bench's fireRequests). */
  fireRequests: (
    ids: string[],
    states: Map<string, string>,
  ) => { next(): { path: string; body: string }; onAnswer(status: number, body: string): void };
}

interface Leg {
  instances: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  cpuMsPerFire?: number;
  perHost: HttpLoadResult[];
}

/**
 * Issue 19 item 2, scale-out: fires through 1 and then 2 standalone API processes on the one
 * PostgreSQL, with 3 worker processes running beside them as production runs them. With two
 * instances one autocannon drives each with half the connections (the total stays the
 * section's), each on documents of its own, and the rates are summed; p99 is the worse one.
 */
export async function runScaleOut(
  db: Db,
  databaseUrl: string,
  config: ScaleOutConfig,
  log: (message: string) => void,
): Promise<{ rows: ReportRow[]; details: Record<string, unknown> }> {
  const workers = await startWorkerProcesses(3, databaseUrl, {});
  const legs: Leg[] = [];
  try {
    for (const instances of [1, 2]) {
      const connections = Math.max(1, Math.floor(config.clients / instances));
      const hosts: RunningHost[] = [];
      try {
        for (let i = 0; i < instances; i += 1) {
          hosts.push(await startHost("standalone", { databaseUrl, port: config.port + i }));
        }
        const streams = await Promise.all(
          hosts.map(async () => {
            const owned = await createClientDocuments(db, config.workflow, connections, 200);
            const ids = owned.flatMap((o) => o.ids);
            const states = new Map(owned.flatMap((o) => o.ids.map((id, i) => [id, o.states[i]!] as const)));
            return { ids, states };
          }),
        );
        let tokenIndex = 0;
        const load = async (seconds: number) => {
          // Unanswered requests of the previous load may still land (seconds on a busy machine,
          // and a fire decided on a stale state is a 422): start from the truth once it holds still.
          const versions = async () =>
            JSON.stringify(
              await db.prisma.document.findMany({
                where: { id: { in: streams.flatMap((s) => s.ids) } },
                select: { id: true, version: true },
                orderBy: { id: "asc" },
              }),
            );
          for (let before = await versions(), still = false; !still;) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            const now = await versions();
            still = now === before;
            before = now;
          }
          for (const { ids, states } of streams) {
            const rows = await db.prisma.document.findMany({
              where: { id: { in: ids } },
              select: { id: true, state: true },
            });
            for (const row of rows) states.set(row.id, row.state);
          }
          const cpuBefore = hosts.map((h) => h.cpuSeconds() ?? 0);
          const results = await Promise.all(
            hosts.map((host, i) => {
              const requests = config.fireRequests(streams[i]!.ids, streams[i]!.states);
              return runHttpLoad({
                url: `${host.url}/`,
                connections,
                seconds,
                method: "POST",
                headers: { "content-type": "application/json" },
                next: () => ({
                  ...requests.next(),
                  headers: { authorization: `Bearer ${config.tokens[tokenIndex++ % config.tokens.length]}` },
                }),
                onAnswer: requests.onAnswer,
              });
            }),
          );
          const cpu = hosts.reduce((sum, h, i) => sum + ((h.cpuSeconds() ?? 0) - cpuBefore[i]!), 0);
          const answered = results.reduce((n, r) => n + Object.values(r.statuses).reduce((a, b) => a + b, 0), 0);
          return { results, cpuMsPerFire: answered > 0 && cpu > 0 ? (cpu * 1000) / answered : undefined };
        };
        await load(config.warmupSeconds);
        const { results, cpuMsPerFire } = await load(config.seconds);
        const leg: Leg = {
          instances,
          perSecond: results.reduce((n, r) => n + r.perSecond, 0),
          p50Ms: Math.max(...results.map((r) => r.p50Ms)),
          p99Ms: Math.max(...results.map((r) => r.p99Ms)),
          errors: results.reduce((n, r) => n + r.errors, 0),
          cpuMsPerFire,
          perHost: results,
        };
        legs.push(leg);
        log(
          `${instances} API instance(s) + 3 workers: ${leg.perSecond.toFixed(0)} fires/s, p99 ${leg.p99Ms} ms, ` +
            `${leg.errors} errors, ${cpuMsPerFire?.toFixed(2) ?? "n/a"} ms host CPU per fire; load ${os.loadavg()[0]!.toFixed(2)}`,
        );
      } finally {
        await Promise.all(hosts.map((h) => h.stop()));
      }
    }
    await stopWorkerProcesses(workers);
  } catch (error) {
    killWorkerProcesses(workers);
    throw error;
  }
  const rows: ReportRow[] = [];
  for (const leg of legs) {
    rows.push(
      {
        name: `scale-out: ${leg.instances} standalone API instance${leg.instances > 1 ? "s" : ""} + 3 workers, fires (${config.clients} connections in all)`,
        rate: leg.perSecond,
        p50Ms: leg.p50Ms,
        p99Ms: leg.p99Ms,
      },
      {
        name: `scale-out: ${leg.instances} instance${leg.instances > 1 ? "s" : ""}: fire errors / host CPU per fire (ms) / ÷ service-level fire`,
        value: `${leg.errors} / ${leg.cpuMsPerFire?.toFixed(2) ?? "n/a"} / ${(leg.perSecond / config.servicePerSecond).toFixed(2)}`,
        target: "0 errors",
        met: leg.errors === 0,
        kind: "check",
      },
    );
  }
  const [one, two] = legs;
  if (one && two) {
    rows.push({
      name: "scale-out: 2 instances ÷ 1 instance (fires/s)",
      value: (two.perSecond / one.perSecond).toFixed(2),
    });
  }
  return { rows, details: { legs, loadAverage: os.loadavg() } };
}
