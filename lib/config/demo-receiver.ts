import type { Env } from "./env";

/** Where the demo receiver is served, under the app's own origin. */
export const DEMO_RECEIVER_PATH = "/api/demo/";

/**
 * The demo receiver (app/api/demo/*) is on exactly when the demo is seeded: on a fresh
 * embedded database, or with DOCSTATE_SEED_DEMO=1. Everywhere else its routes answer 404.
 */
export function isDemoReceiverEnabled(env: Pick<Env, "DOCSTATE_SEED_DEMO" | "isEmbedded">): boolean {
  return env.DOCSTATE_SEED_DEMO ?? env.isEmbedded;
}

/**
 * The URL prefix of the demo receiver on this process's port: the only loopback destination
 * the worker may call without DOCSTATE_WEBHOOK_ALLOWED_HOSTS, and only while the demo is on.
 */
export function demoReceiverPrefix(env: Pick<Env, "PORT">): string {
  return `http://127.0.0.1:${env.PORT}${DEMO_RECEIVER_PATH}`;
}
