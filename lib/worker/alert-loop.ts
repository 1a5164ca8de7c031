import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Db } from "../db/client";
import type { RetryPolicy } from "../engine";
import { evaluateAlertRules, type EvaluationResult } from "../services/alerts/evaluate-alert-rules";
import {
  ALERT_RETRY_POLICY,
  deliverAlertNotifications,
  type DeliveryDeps,
  type DeliveryOutcome,
} from "./alert-delivery";
import { parseAllowedHosts } from "../net/ssrf-guard";

export interface AlertLoopOptions {
  db: Pick<Db, "prisma" | "kind" | "pool">;
  /** How often each rule is evaluated (across all processes). */
  intervalMs?: number;
  /** How often due webhook deliveries are looked for. */
  deliveryPollMs?: number;
  timeoutMs?: number;
  now?: () => number;
  random?: () => number;
  allowedHosts?: string;
  webhookSecret?: string;
  retryPolicy?: RetryPolicy;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export interface AlertLoop {
  readonly owner: string;
  start(): void;
  /** Stops both timers and waits for the pass in progress. */
  stop(): Promise<void>;
  /** One evaluation pass, then one delivery pass (tests). */
  runOnce(): Promise<{ evaluated: EvaluationResult[]; delivered: { id: string; outcome: DeliveryOutcome }[] }>;
}

/**
 * The worker's alert loop: two independent timers, one evaluating due rules, one delivering
 * queued webhooks, so a slow receiver never delays evaluation. Safe with any number of
 * processes: rules and notifications are claimed with SKIP LOCKED (see lib/db/sql/claim-alert-*).
 */
export function createAlertLoop(options: AlertLoopOptions): AlertLoop {
  const intervalMs = options.intervalMs ?? 15_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((event, fields) => console.log(JSON.stringify({ level: "info", event, ...fields })));
  const deps: DeliveryDeps = {
    db: options.db,
    owner: `${os.hostname()}:${process.pid}:alerts:${randomUUID().slice(0, 8)}`,
    now,
    random: options.random ?? Math.random,
    allowedHosts: parseAllowedHosts(options.allowedHosts),
    webhookSecret: options.webhookSecret,
    retryPolicy: options.retryPolicy ?? ALERT_RETRY_POLICY,
    timeoutMs: options.timeoutMs ?? 5_000,
    log,
  };
  const evaluate = () => evaluateAlertRules(options.db, { now: new Date(now()), intervalMs, log });
  const deliver = () => deliverAlertNotifications(deps);
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let isStopping = false;

  // Runs `pass` every `everyMs`, never overlapping itself; errors are logged, never thrown.
  const every = (name: string, everyMs: number, pass: () => Promise<unknown>) => {
    const tick = async () => {
      if (isStopping) return;
      const running = pass().catch((error: unknown) =>
        log(`alerts.${name}_error`, { error: error instanceof Error ? error.message : String(error) }),
      );
      inFlight.add(running);
      await running;
      inFlight.delete(running);
      if (!isStopping) timers.push(setTimeout(() => void tick(), everyMs).unref());
    };
    timers.push(setTimeout(() => void tick(), Math.min(everyMs, 1_000)).unref());
  };

  return {
    owner: deps.owner,
    start() {
      every("evaluate", Math.min(intervalMs, 5_000), evaluate);
      every("deliver", options.deliveryPollMs ?? 1_000, deliver);
    },
    async stop() {
      isStopping = true;
      timers.forEach(clearTimeout);
      await Promise.allSettled([...inFlight]);
    },
    async runOnce() {
      const evaluated = await evaluate();
      const delivered = await deliver();
      return { evaluated, delivered };
    },
  };
}
