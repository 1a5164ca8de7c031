import { describe, expect, it } from "vitest";
import { signPayload } from "../worker/webhook/sign-payload";
import { verifyWebhook } from "./verify-webhook";

// Signed by the worker's own signer, so a change to how DocState signs fails here.
const SECRET = "whsec-test";
const BODY = JSON.stringify({ document: { id: "d1" }, state: "extract", attempt: 1, idempotencyKey: "k1" });
const NOW = 1_800_000_000;

describe("verifyWebhook checks requests exactly as the worker signs them", () => {
  it("accepts the worker's signature of the raw body, as a string or bytes", () => {
    const header = signPayload(SECRET, BODY, NOW);
    expect(verifyWebhook(SECRET, header, BODY, { nowSeconds: NOW })).toEqual({ ok: true, timestamp: NOW });
    expect(verifyWebhook(SECRET, header, Buffer.from(BODY), { nowSeconds: NOW + 10 }).ok).toBe(true);
  });

  it("refuses a timestamp older (or further ahead) than the tolerance", () => {
    const header = signPayload(SECRET, BODY, NOW - 301);
    expect(verifyWebhook(SECRET, header, BODY, { nowSeconds: NOW })).toMatchObject({ reason: "timestamp-too-old" });
    expect(verifyWebhook(SECRET, header, BODY, { nowSeconds: NOW, toleranceSeconds: 600 }).ok).toBe(true);
    const future = signPayload(SECRET, BODY, NOW + 301);
    expect(verifyWebhook(SECRET, future, BODY, { nowSeconds: NOW })).toMatchObject({ reason: "timestamp-too-old" });
  });

  it("refuses a wrong secret and a body changed by one byte", () => {
    const header = signPayload(SECRET, BODY, NOW);
    expect(verifyWebhook("other-secret", header, BODY, { nowSeconds: NOW })).toMatchObject({
      ok: false,
      reason: "signature-mismatch",
    });
    const changed = BODY.replace('"attempt":1', '"attempt":2');
    expect(changed.length).toBe(BODY.length);
    expect(verifyWebhook(SECRET, header, changed, { nowSeconds: NOW })).toMatchObject({ reason: "signature-mismatch" });
    expect(verifyWebhook(SECRET, header, `${BODY} `, { nowSeconds: NOW })).toMatchObject({
      reason: "signature-mismatch",
    });
  });

  it("refuses a missing or malformed header, and a timestamp swapped into a valid signature", () => {
    expect(verifyWebhook(SECRET, undefined, BODY)).toMatchObject({ ok: false, reason: "missing-header" });
    expect(verifyWebhook(SECRET, "", BODY)).toMatchObject({ ok: false, reason: "missing-header" });
    expect(verifyWebhook(SECRET, "sha256=abc", BODY)).toMatchObject({ reason: "malformed-header" });
    expect(verifyWebhook(SECRET, `t=${NOW}`, BODY, { nowSeconds: NOW })).toMatchObject({ reason: "malformed-header" });
    const mac = signPayload(SECRET, BODY, NOW).split("v1=")[1];
    expect(verifyWebhook(SECRET, `t=${NOW + 1},v1=${mac}`, BODY, { nowSeconds: NOW })).toMatchObject({
      reason: "signature-mismatch",
    });
    expect(verifyWebhook(SECRET, `t=${NOW},v1=zz`, BODY, { nowSeconds: NOW })).toMatchObject({
      reason: "signature-mismatch",
    });
  });

  it("accepts any one matching v1 value (a sender listing several signatures)", () => {
    const mac = signPayload(SECRET, BODY, NOW).split("v1=")[1];
    expect(verifyWebhook(SECRET, `t=${NOW},v1=${"0".repeat(64)},v1=${mac}`, BODY, { nowSeconds: NOW }).ok).toBe(true);
  });
});
