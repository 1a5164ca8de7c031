import { createHmac } from "node:crypto";

/**
 * Signature header value for a webhook body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">` (the scheme of Stripe's webhooks). During a secret rotation's grace period
 * one `v1=` entry per secret follows, current secret first: `t=…,v1=<new>,v1=<old>`. A
 * receiver accepts the request when any `v1` matches its secret, and rejects old
 * timestamps, which stops replays. With one secret the value is exactly as before.
 */
export function signPayload(secrets: string | readonly string[], body: string, timestampSeconds: number): string {
  const list = typeof secrets === "string" ? [secrets] : secrets;
  const macs = list.map(
    (secret) => `v1=${createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex")}`,
  );
  return [`t=${timestampSeconds}`, ...macs].join(",");
}
