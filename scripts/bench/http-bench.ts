import os from "node:os";
import type { Db } from "../../lib/db/client";
import { createApiToken } from "../../lib/services/tokens/create-api-token";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { CYCLE_STEP, CYCLE_WORKFLOW } from "./bench-workflows";
import { runClosedLoop } from "./closed-loop";
import { BENCH_ACTOR, createClientDocuments, engineFire } from "./engine-fires";
import { hasNextBuild, startHost, type HostKind } from "./http-hosts";
import { runHttpLoad, type HttpLoadResult } from "./http-load";
import { formatRatio, pairedRatio, runInterleaved } from "./interleaved";
import { runOverload } from "./overload-load";
import { runScaleOut } from "./http-scale-out";
import type { ReportRow } from "./report";

// Issue 19 item 2: one API process, 8 connections.
const TARGETS = { firesPerSecond: 1_200, p99Ms: 25, ratioToService: 0.5 } as const;
const WORKFLOW = "http-cycle";

export interface HttpBenchConfig {
  clients: number;
  seconds: number;
  warmupSeconds: number;
  /** The port the hosts take turns on (the standalone host, then `next start`). */
  port: number;
  hosts: HostKind[];
  /** Extra environment for the hosts (the measurements of what each part of a request costs). */
  hostEnv?: Record<string, string>;
}

/** Round-robin over documents no other load touches; each answer tells a document's new state. */
export function fireRequests(ids: string[], states: Map<string, string>) {
  let next = 0;
  return {
    next: () => {
      const id = ids[next]!;
      next = (next + 1) % ids.length;
      const step = CYCLE_STEP[states.get(id)!]!;
      return { path: `/api/v1/documents/${id}/transitions`, body: JSON.stringify({ transition: step.transition }) };
    },
    onAnswer: (status: number, body: string) => {
      if (status !== 200) return;
      const { document } = JSON.parse(body) as { document: { id: string; state: string } };
      states.set(document.id, document.state);
    },
  };
}

/**
 * Fires through the API (POST /api/v1/documents/:id/transitions with bearer tokens, one per
 * connection so the rate limit stays on and realistic) against each host, with the host's
 * do-nothing floor (an unknown /api/v1 path: routing and problem+json, no database), list and
 * stats reads and the OpenAPI document under the same load, and the service-level fire of
 * this run as the baseline the ratio is taken against.
 */
export async function runHttpBench(
  db: Db,
  databaseUrl: string,
  config: HttpBenchConfig,
  log: (message: string) => void,
): Promise<{ rows: ReportRow[]; details: Record<string, unknown> }> {
  await createWorkflow(db, BENCH_ACTOR, { key: WORKFLOW, name: WORKFLOW, definition: CYCLE_WORKFLOW });
  await publishWorkflow(db, BENCH_ACTOR, { key: WORKFLOW });
  const tokens = await Promise.all(
    Array.from(
      { length: config.clients },
      async (_, i) => (await createApiToken(db, BENCH_ACTOR, { name: `http-bench-${i}`, role: "operator" })).token,
    ),
  );
  const load = { clients: config.clients, warmupMs: config.warmupSeconds * 1000, durationMs: config.seconds * 1000 };
  const serviceDocs = await createClientDocuments(db, WORKFLOW, config.clients, 25);
  const cpuBefore = process.cpuUsage();
  const service = await runClosedLoop({ ...load, operation: engineFire(db, serviceDocs) });
  const serviceCpu = process.cpuUsage(cpuBefore);
  // Warm-up fires included: an estimate of the Node CPU one fire costs without HTTP.
  const serviceCpuMs =
    (serviceCpu.user + serviceCpu.system) / 1000 / (service.operations * (1 + config.warmupSeconds / config.seconds));
  log(
    `service-level fire: ${service.perSecond.toFixed(0)}/s, p99 ${service.p99Ms.toFixed(1)} ms, ~${serviceCpuMs.toFixed(2)} ms CPU per fire`,
  );

  const rows: ReportRow[] = [
    {
      name: `service-level fire (fireTransition in-process, ${config.clients} clients)`,
      rate: service.perSecond,
      p50Ms: service.p50Ms,
      p99Ms: service.p99Ms,
    },
    { name: "service-level fire: Node CPU per fire (ms, bench process)", value: serviceCpuMs.toFixed(2) },
  ];
  const details: Record<string, unknown> = { service, loadAverageAtStart: os.loadavg() };
  const hosts = config.hosts.filter((kind) => kind !== "next" || hasNextBuild());
  if (hosts.length < config.hosts.length) log("next start skipped: no production build (run `npm run build` first)");
  for (const kind of hosts) {
    // Enough documents that a slow answer never meets the next fire of its document.
    const owned = await createClientDocuments(db, WORKFLOW, config.clients, 200);
    const ids = owned.flatMap((o) => o.ids);
    const states = new Map(owned.flatMap((o) => o.ids.map((id, i) => [id, o.states[i]!] as const)));
    // The in-flight limit at 4x the bench's connections: the 10x overload below must exceed it.
    const overloadLimit = config.clients * 4;
    const host = await startHost(kind, {
      databaseUrl,
      port: config.port,
      env: { DOCSTATE_API_MAX_IN_FLIGHT: String(overloadLimit), ...config.hostEnv },
    });
    try {
      let tokenIndex = 0;
      const bearer = () => ({
        authorization: `Bearer ${tokens[tokenIndex++ % tokens.length]}`,
        "content-type": "application/json",
      });
      // Each load also reports the host's CPU per request: unlike requests per second it hardly
      // moves with the machine's load, so it says what a host costs even on a busy machine.
      const measure = async (
        extra: Partial<Parameters<typeof runHttpLoad>[0]> & { path: string },
        seconds = config.seconds,
      ): Promise<HttpLoadResult & { cpuMsPerRequest?: number }> => {
        const cpuBefore = host.cpuSeconds();
        const result = await runHttpLoad({
          url: `${host.url}${extra.path}`,
          connections: config.clients,
          seconds,
          ...extra,
        });
        const cpuAfter = host.cpuSeconds();
        const answered = Object.values(result.statuses).reduce((a, b) => a + b, 0);
        return cpuBefore === undefined || cpuAfter === undefined || answered === 0
          ? result
          : { ...result, cpuMsPerRequest: ((cpuAfter - cpuBefore) * 1000) / answered };
      };
      const fires = async (seconds = config.seconds) => {
        // A load stops with requests in flight whose answers it never reads: let the host finish
        // them, then start from the truth.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const rows = await db.prisma.document.findMany({
          where: { id: { in: ids } },
          select: { id: true, state: true },
        });
        for (const row of rows) states.set(row.id, row.state);
        const requests = fireRequests(ids, states);
        return measure(
          {
            path: "/",
            method: "POST",
            headers: { "content-type": "application/json" },
            next: () => ({ ...requests.next(), headers: { authorization: bearer().authorization } }),
            onAnswer: requests.onAnswer,
          },
          seconds,
        );
      };
      // Warm up: JIT, connection pools, prepared statements, the token cache.
      await measure({ path: "/api/v1/__floor", okStatus: 404 }, config.warmupSeconds);
      await fires();
      const floor = await measure({ path: "/api/v1/__floor", okStatus: 404 });
      const fired = await fires();
      // The ratio: API and in-process fires in alternating slices (interleaved.ts), so a change
      // of the shared machine's load meets both alike (measured one after the other, it moved
      // 0.3-1.5); judged on the median of the rounds' ratios.
      const slice = Math.max(1, config.seconds / 2);
      const slices = await runInterleaved<{ perSecond: number; operations: number; seconds: number }>(
        [
          {
            name: "service",
            slice: () =>
              runClosedLoop({ ...load, warmupMs: 0, durationMs: slice * 1000, operation: engineFire(db, serviceDocs) }),
          },
          {
            name: "api",
            slice: async () => {
              const viaApi = await fires(slice);
              return { perSecond: viaApi.ok / viaApi.seconds, operations: viaApi.ok, seconds: viaApi.seconds };
            },
          },
        ],
        3,
      );
      const rate = (name: string) => {
        const runs = slices.get(name)!;
        return runs.reduce((n, r) => n + r.operations, 0) / runs.reduce((n, r) => n + r.seconds, 0);
      };
      const interleaved = { api: rate("api"), service: rate("service") };
      const ratio = pairedRatio(
        slices.get("api")!.map((r) => r.perSecond),
        slices.get("service")!.map((r) => r.perSecond),
      );
      // Reads take turns over the tokens too, so the per-token rate limit is not what is measured.
      const read = (path: string) =>
        measure({ path, method: "GET", next: () => ({ path, headers: { authorization: bearer().authorization } }) });
      const list = await read("/api/v1/documents?limit=20");
      const stats = await read("/api/v1/stats");
      const openapi = await measure({ path: "/api/v1/openapi.json" });
      // Ten times the connections: the host must shed (503 OVERLOADED, or 429) rather than queue,
      // so the fires it accepts keep a bounded latency.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const truth = await db.prisma.document.findMany({
        where: { id: { in: ids } },
        select: { id: true, state: true },
      });
      for (const row of truth) states.set(row.id, row.state);
      const overloadFires = fireRequests(ids, states);
      const overload = await runOverload({
        connections: config.clients * 10,
        seconds: config.seconds,
        request: () => {
          const { path, body } = overloadFires.next();
          return {
            url: `${host.url}${path}`,
            init: { method: "POST", body, headers: { ...bearer() } },
          };
        },
        onAnswer: overloadFires.onAnswer,
      });
      log(
        `${kind} at ${config.clients * 10} connections (limit ${overloadLimit} in flight): ${overload.acceptedPerSecond.toFixed(0)} fires/s accepted, ` +
          `p99 ${overload.acceptedP99Ms.toFixed(1)} ms; ${overload.shed} shed (p99 ${overload.shedP99Ms.toFixed(1)} ms); ${overload.other} other`,
      );
      const label = kind === "standalone" ? "standalone API host (npm run api)" : "Next (next start)";
      const cpu = (r: { cpuMsPerRequest?: number }) =>
        r.cpuMsPerRequest === undefined ? "" : ` (${r.cpuMsPerRequest.toFixed(2)} ms CPU each)`;
      log(
        `${label}: floor ${floor.perSecond.toFixed(0)}/s${cpu(floor)}; fires ${fired.perSecond.toFixed(0)}/s${cpu(fired)} p99 ${fired.p99Ms} ms, ` +
          `${fired.errors} errors ${JSON.stringify(fired.statuses)}; list ${list.perSecond.toFixed(0)}/s ` +
          `${JSON.stringify(list.statuses)}; stats ${stats.perSecond.toFixed(0)}/s ${JSON.stringify(stats.statuses)}; ` +
          `openapi.json ${openapi.perSecond.toFixed(0)}/s; load ${os.loadavg()[0]!.toFixed(2)}`,
      );
      const row = (name: string, r: HttpLoadResult): ReportRow => ({
        name: `${label}: ${name}`,
        rate: r.perSecond,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
      });
      rows.push(
        row("do-nothing floor (unknown path, 404 problem)", floor),
        {
          ...row(`fire POST /documents/:id/transitions, ${config.clients} connections`, fired),
          ...(kind === "standalone"
            ? {
                target: `>= ${TARGETS.firesPerSecond}/s, p99 < ${TARGETS.p99Ms} ms`,
                met: fired.perSecond >= TARGETS.firesPerSecond && fired.p99Ms < TARGETS.p99Ms,
              }
            : {}),
        },
        {
          name: `${label}: fire errors`,
          value: String(fired.errors),
          target: "0",
          met: fired.errors === 0,
          kind: "check",
        },
        {
          name: `${label}: API fire / service-level fire (alternating slices: ${interleaved.api.toFixed(0)}/s vs ${interleaved.service.toFixed(0)}/s)`,
          value: formatRatio(ratio),
          ...(kind === "standalone"
            ? {
                target: `>= ${TARGETS.ratioToService}`,
                met: ratio.median >= TARGETS.ratioToService,
                kind: "ratio" as const,
              }
            : {}),
        },
        {
          name: `${label}: host CPU per fire / per do-nothing request (ms)`,
          value: `${fired.cpuMsPerRequest?.toFixed(2) ?? "n/a"} / ${floor.cpuMsPerRequest?.toFixed(2) ?? "n/a"}`,
        },
        {
          name: `${label}: 10x overload (${config.clients * 10} connections, ${overloadLimit} in flight): accepted fires`,
          rate: overload.acceptedPerSecond,
          p50Ms: overload.acceptedP50Ms,
          p99Ms: overload.acceptedP99Ms,
        },
        {
          name: `${label}: 10x overload: shed (429/503) / failed otherwise`,
          value: `${overload.shed} / ${overload.other}`,
          target: "0 failed otherwise",
          met: overload.other === 0,
          kind: "check",
        },
        row("GET /api/v1/documents (first page)", list),
        row("GET /api/v1/stats", stats),
        row("GET /api/v1/openapi.json", openapi),
      );
      details[kind] = { floor, fired, list, stats, openapi, overload, ratio, interleaved, loadAverage: os.loadavg() };
    } finally {
      await host.stop();
    }
  }
  if (config.hosts.includes("standalone")) {
    const scaleOut = await runScaleOut(
      db,
      databaseUrl,
      { ...config, workflow: WORKFLOW, tokens, servicePerSecond: service.perSecond, fireRequests },
      log,
    );
    rows.push(...scaleOut.rows);
    details.scaleOut = scaleOut.details;
  }
  return { rows, details };
}
