import {
  MAX_ACTION_OUTPUT_BYTES,
  readActionAnswer,
  type ActionDef,
  type RetryPolicy,
  type WrittenOutput,
} from "../engine";
import { mergeActionOutput } from "../services/jobs/merge-action-output";
import { classifyHttpStatus, classifyThrown, type ActionError } from "./classify-error";
import { postWebhook } from "./webhook/post-webhook";
import type { Resolver } from "../net/ssrf-guard";

/** Most of a webhook's answer kept in history (the designer documents this as storeResponse). */
export const RESPONSE_EXCERPT_CHARS = 500;

export interface ActionInput {
  document: {
    id: string;
    workflow: string;
    title: string;
    state: string;
    version: number;
    externalRef: string | null;
    metadata: unknown;
  };
  state: string;
  attempt: number;
  idempotencyKey: string;
  /** callback mode: the attempt's single-use token, sent in the body for the completion call. */
  callbackToken?: string;
}

export interface ActionDeps {
  allowedHosts: Set<string>;
  /** URL prefixes whose host is allowed even on loopback (the demo receiver's). */
  allowedUrlPrefixes?: readonly string[];
  webhookSecret: string | undefined;
  /** The secrets to sign with (resolveSigningSecrets); when absent, webhookSecret alone. */
  signingSecrets?: readonly string[];
  now: () => number;
  /** DNS resolution for the SSRF guard; the system resolver when absent (tests inject one). */
  resolve?: Resolver;
}

export type ActionOutcome =
  | {
      ok: true;
      details: Record<string, unknown>;
      /** The answer merged into the document's metadata (action.output), to write with onSuccess. */
      output?: { metadata: Record<string, unknown>; written: WrittenOutput };
      /** callback mode: the receiver accepted the work; the outcome comes with the completion call. */
      isAwaitingCallback?: boolean;
    }
  | { ok: false; error: ActionError; details: Record<string, unknown> };

/**
 * Runs one attempt of a state's action and reports the outcome as data; never throws
 * (anything thrown is classified), so the worker always records a result.
 */
export async function executeAction(
  action: ActionDef,
  retry: RetryPolicy | undefined,
  input: ActionInput,
  deps: ActionDeps,
): Promise<ActionOutcome> {
  if (action.type === "noop") return { ok: true, details: { action: "noop" } };
  const started = deps.now();
  try {
    const body = JSON.stringify({
      document: input.document,
      state: input.state,
      attempt: input.attempt,
      idempotencyKey: input.idempotencyKey,
      ...(input.callbackToken ? { callbackToken: input.callbackToken } : {}),
    });
    const response = await postWebhook({
      url: action.url,
      body,
      timeoutMs: action.timeoutMs,
      idempotencyKey: input.idempotencyKey,
      secrets: deps.signingSecrets ?? (deps.webhookSecret ? [deps.webhookSecret] : []),
      nowSeconds: Math.floor(started / 1000),
      allowedHosts: allowedHostsFor(action.url, deps),
      resolve: deps.resolve,
      // The answer is read in full (up to the output cap) only when it is the output.
      ...(action.output && action.mode !== "callback" ? { maxBodyBytes: MAX_ACTION_OUTPUT_BYTES } : {}),
    });
    const details = {
      action: "webhook",
      url: action.url,
      status: response.status,
      durationMs: response.durationMs,
      ...(action.storeResponse === false ? {} : { response: response.excerpt.slice(0, RESPONSE_EXCERPT_CHARS) }),
    };
    if (response.status >= 200 && response.status < 300) {
      if (action.mode === "callback") return { ok: true, details, isAwaitingCallback: true };
      if (!action.output) return { ok: true, details };
      // An answer that cannot be the output fails for good: asking again gets the same answer.
      const answer = readActionAnswer({
        contentType: response.contentType,
        body: response.body,
        truncated: response.isTruncated,
      });
      const merged = answer.ok ? mergeActionOutput(input.document.metadata, action.output, answer.value) : answer;
      if (!merged.ok)
        return { ok: false, error: { kind: "output", message: merged.message, retryable: false }, details };
      return { ok: true, details, output: { metadata: merged.metadata, written: merged.written } };
    }
    return {
      ok: false,
      error: classifyHttpStatus(response.status, response.excerpt, response.retryAfter, retry, deps.now()),
      details,
    };
  } catch (error) {
    const classified = classifyThrown(error, action.timeoutMs);
    return {
      ok: false,
      error: classified,
      details: { action: "webhook", url: action.url, durationMs: deps.now() - started },
    };
  }
}

/**
 * The hosts the SSRF guard lets through for this URL: the configured ones, plus the URL's own
 * host when its normalised form starts with an allowed prefix (so "/api/demo/../x" does not pass).
 */
function allowedHostsFor(url: string, deps: ActionDeps): Set<string> {
  const prefixes = deps.allowedUrlPrefixes ?? [];
  if (prefixes.length === 0) return deps.allowedHosts;
  const parsed = new URL(url);
  if (!prefixes.some((prefix) => parsed.href.startsWith(prefix))) return deps.allowedHosts;
  return new Set([...deps.allowedHosts, parsed.hostname]);
}
