import { createHmac, timingSafeEqual } from "node:crypto";

/** The header DocState signs webhook requests with: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = "x-docstate-signature";

export type WebhookVerification =
  | { ok: true; timestamp: number }
  | {
      ok: false;
      reason: "missing-header" | "malformed-header" | "timestamp-too-old" | "signature-mismatch";
      message: string;
    };

/**
 * Checks a DocState webhook request: the HMAC-SHA256 of `"<t>.<raw body>"` under the shared
 * DOCSTATE_WEBHOOK_SECRET must equal one `v1=` value of the header, and `t` must lie within
 * `toleranceSeconds` (default 300) of now, which stops replays of captured requests. Pass
 * the raw body exactly as received: re-serialised JSON does not verify.
 */
export function verifyWebhook(
  secret: string,
  header: string | null | undefined,
  body: string | Uint8Array,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): WebhookVerification {
  if (!header) return { ok: false, reason: "missing-header", message: `No ${SIGNATURE_HEADER} header.` };
  const parts = header.split(",").map((part) => part.trim().split("="));
  const timestamp = Number(parts.find(([name]) => name === "t")?.[1]);
  const signatures = parts.filter(([name, value]) => name === "v1" && value).map(([, value]) => value!);
  if (!Number.isInteger(timestamp) || signatures.length === 0) {
    return { ok: false, reason: "malformed-header", message: `Expected "t=<seconds>,v1=<hex>", got "${header}".` };
  }
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(now - timestamp) > tolerance) {
    return {
      ok: false,
      reason: "timestamp-too-old",
      message: `Signed ${now - timestamp} s ago; more than the ${tolerance} s tolerated.`,
    };
  }
  const expected = createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest();
  const matches = signatures.some((hex) => {
    const given = Buffer.from(hex, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches
    ? { ok: true, timestamp }
    : { ok: false, reason: "signature-mismatch", message: "The signature does not match the body and secret." };
}
