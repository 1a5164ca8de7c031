import { createHmac } from "node:crypto";

/**
 * Signature header value for a webhook body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`. Receivers recompute it with the shared DOCSTATE_WEBHOOK_SECRET and reject
 * old timestamps, which stops replays (the same scheme as Stripe's).
 */
export function signPayload(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${mac}`;
}
