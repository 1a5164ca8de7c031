import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

type GaugeSource = () => Promise<void>;

interface MetricsHolder {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  transitions: Counter<"workflow" | "transition" | "actor">;
  actionAttempts: Counter<"result" | "kind">;
  timers: Counter<"result">;
  documents: Gauge<"workflow" | "state">;
  jobs: Gauge<"status">;
  jobLag: Gauge;
  replicaServing: Gauge;
  replicaLag: Gauge<"replica">;
  alerts: Gauge<"rule_id" | "rule" | "workflow" | "status">;
  refreshers: GaugeSource[];
}

// One registry per process, kept on globalThis so Next.js route bundles share it.
const holder = globalThis as typeof globalThis & { __docstateMetrics?: MetricsHolder };

/** The process's Prometheus registry and DocState's metrics. */
export function getMetrics(): MetricsHolder {
  if (holder.__docstateMetrics) return holder.__docstateMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "docstate_process_" });
  const metrics: MetricsHolder = {
    registry,
    httpDuration: new Histogram({
      name: "docstate_http_request_duration_seconds",
      help: "API request durations by route and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    transitions: new Counter({
      name: "docstate_transitions_total",
      help: "Transitions applied by this process, by workflow and transition",
      labelNames: ["workflow", "transition", "actor"],
      registers: [registry],
    }),
    actionAttempts: new Counter({
      name: "docstate_action_attempts_total",
      help: "Automated action attempts run by this process, by result and error kind",
      labelNames: ["result", "kind"],
      registers: [registry],
    }),
    timers: new Counter({
      name: "docstate_timers_total",
      help: "Due state timers handled by this process: fired, refused (recorded), lost (a person or worker changed the document first)",
      labelNames: ["result"],
      registers: [registry],
    }),
    documents: new Gauge({
      name: "docstate_documents",
      help: "Documents by workflow and state (all processes)",
      labelNames: ["workflow", "state"],
      registers: [registry],
    }),
    jobs: new Gauge({
      name: "docstate_jobs",
      help: "Jobs by status (queue depth, all processes)",
      labelNames: ["status"],
      registers: [registry],
    }),
    jobLag: new Gauge({
      name: "docstate_job_lag_seconds",
      help: "How overdue the oldest due pending job is",
      registers: [registry],
    }),
    replicaServing: new Gauge({
      name: "docstate_read_replica_serving",
      help: "1 while lag-tolerant reads go to DATABASE_REPLICA_URL, 0 while they fall back to the primary or no replica is set",
      registers: [registry],
    }),
    replicaLag: new Gauge({
      name: "docstate_read_replica_lag_seconds",
      help: "How far the read replica's replay trails the primary (absent while reads fall back to the primary)",
      labelNames: ["replica"],
      registers: [registry],
    }),
    alerts: new Gauge({
      name: "docstate_alerts",
      help: "Alerts open or acknowledged (1) per enabled alert rule and status (all processes)",
      labelNames: ["rule_id", "rule", "workflow", "status"],
      registers: [registry],
    }),
    refreshers: [],
  };
  holder.__docstateMetrics = metrics;
  return metrics;
}
