import {
  claimAlertNotifications,
  finishAlertNotification,
  type ClaimedNotification,
} from "../db/sql/claim-alert-notifications";
import type { Db } from "../db/client";
import { executorFor } from "../db/sql/sql-executor";
import { isRetryableStatus, planRetry } from "../engine/retry-policy";
import type { RetryPolicy } from "../engine";
import { postWebhook } from "./webhook/post-webhook";
import { resolveSigningSecrets } from "../services/webhooks/signing-secrets";
import { BlockedDestinationError } from "../net/ssrf-guard";

/** Alert webhooks: 8 tries over about 20 minutes (5 s doubling, capped at 5 min, full jitter). */
export const ALERT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  strategy: "exponential",
  initialDelayMs: 5_000,
  backoffRate: 2,
  maxDelayMs: 300_000,
  jitter: "full",
};

export interface DeliveryDeps {
  db: Pick<Db, "prisma" | "pool">;
  owner: string;
  now: () => number;
  random: () => number;
  allowedHosts: Set<string>;
  webhookSecret: string | undefined;
  retryPolicy: RetryPolicy;
  timeoutMs: number;
  log: (event: string, fields: Record<string, unknown>) => void;
}

export type DeliveryOutcome = "sent" | "retry_scheduled" | "failed" | "lost_lease";

/**
 * Claims due alert notifications and posts them all at once; one slow or failing receiver
 * delays nobody else. A failure is retried with the engine's backoff math; a refused
 * destination or a 4xx answer (other than 408/429) fails at once, as for actions.
 */
export async function deliverAlertNotifications(
  deps: DeliveryDeps,
  limit = 20,
): Promise<{ id: string; outcome: DeliveryOutcome }[]> {
  const now = deps.now();
  const claimed = await claimAlertNotifications(executorFor(deps.db), {
    now: new Date(now),
    limit,
    owner: deps.owner,
    leaseUntil: new Date(now + deps.timeoutMs * 2 + 5_000),
  });
  const settled = await Promise.allSettled(claimed.map((n) => deliverOne(deps, n)));
  return settled.map((s, i) => ({ id: claimed[i]!.id, outcome: s.status === "fulfilled" ? s.value : "lost_lease" }));
}

async function deliverOne(deps: DeliveryDeps, notification: ClaimedNotification): Promise<DeliveryOutcome> {
  let error: string;
  let isRetryable = true;
  try {
    const response = await postWebhook({
      url: notification.url,
      body: JSON.stringify(notification.payload),
      timeoutMs: deps.timeoutMs,
      idempotencyKey: notification.id,
      secrets: await resolveSigningSecrets(deps.db, {
        workflowKey: null,
        configuredSecret: deps.webhookSecret,
        now: new Date(deps.now()),
      }),
      nowSeconds: Math.floor(deps.now() / 1000),
      allowedHosts: deps.allowedHosts,
    });
    if (response.status >= 200 && response.status < 300) {
      const isMine = await finishAlertNotification(executorFor(deps.db), {
        id: notification.id,
        owner: deps.owner,
        status: "SENT",
        runAt: null,
        lastError: null,
        now: new Date(deps.now()),
      });
      deps.log("alerts.notification_sent", {
        id: notification.id,
        kind: notification.kind,
        attempt: notification.attempt,
        status: response.status,
      });
      return isMine ? "sent" : "lost_lease";
    }
    error = `HTTP ${response.status}${response.excerpt ? `: ${response.excerpt.slice(0, 200)}` : ""}`;
    isRetryable = isRetryableStatus(deps.retryPolicy, response.status);
  } catch (thrown) {
    error =
      thrown instanceof Error
        ? `${thrown.name === "Error" ? "" : `${thrown.name}: `}${thrown.message}`
        : String(thrown);
    isRetryable = !(thrown instanceof BlockedDestinationError);
  }
  const at = deps.now();
  const plan = isRetryable
    ? planRetry(deps.retryPolicy, notification.attempt, at, deps.random)
    : ({ retry: false } as const);
  const isMine = await finishAlertNotification(executorFor(deps.db), {
    id: notification.id,
    owner: deps.owner,
    status: plan.retry ? "PENDING" : "FAILED",
    runAt: plan.retry ? new Date(plan.runAtMs) : null,
    lastError: error.slice(0, 1000),
    now: new Date(at),
  });
  deps.log(plan.retry ? "alerts.notification_retry" : "alerts.notification_failed", {
    id: notification.id,
    kind: notification.kind,
    attempt: notification.attempt,
    error,
    ...(plan.retry ? { delayMs: plan.delayMs } : {}),
  });
  if (!isMine) return "lost_lease";
  return plan.retry ? "retry_scheduled" : "failed";
}
