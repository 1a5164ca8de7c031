import { describe, expect, it } from "vitest";
import { maskDefinitionSecrets, maskDetailsSecrets, maskUrl } from "./mask-secrets";

const SECRET_URL = "https://bot:s3cr3t@hooks.example.org:8443/T0/B1/XyZsecret?token=abc#frag";

describe("maskUrl", () => {
  it("keeps scheme, host and port, hides userinfo, path, query and fragment", () => {
    expect(maskUrl(SECRET_URL)).toBe("https://hooks.example.org:8443/…");
    expect(maskUrl("http://example.org")).toBe("http://example.org/…");
    expect(maskUrl("not a url")).toBe("…");
  });
});

describe("maskDefinitionSecrets", () => {
  const definition = {
    states: [
      { key: "a", kind: "initial" },
      {
        key: "b",
        kind: "normal",
        action: { type: "webhook", url: SECRET_URL, headers: { Authorization: "Bearer t" } },
      },
      { key: "c", kind: "terminal", action: { type: "noop" } },
    ],
    transitions: [],
  };

  it("masks every webhook action for viewers and operators, never mutating the input", () => {
    const before = JSON.stringify(definition);
    for (const role of ["viewer", "operator"] as const) {
      const masked = maskDefinitionSecrets(definition, role);
      expect(JSON.stringify(masked)).not.toMatch(/s3cr3t|XyZsecret|token=abc|Bearer/);
      expect(masked.states[1]).toEqual({
        key: "b",
        kind: "normal",
        action: { type: "webhook", url: "https://hooks.example.org:8443/…", headers: { Authorization: "…" } },
      });
      expect(masked.states[2]).toEqual(definition.states[2]);
    }
    expect(JSON.stringify(definition)).toBe(before);
  });

  it("shows admins everything and passes unreadable JSON through", () => {
    expect(maskDefinitionSecrets(definition, "admin")).toBe(definition);
    expect(maskDefinitionSecrets(null, "viewer")).toBeNull();
    expect(maskDefinitionSecrets({ states: "x" }, "viewer")).toEqual({ states: "x" });
  });
});

describe("maskDetailsSecrets", () => {
  it("replaces credential-named fields whole", () => {
    expect(
      maskDetailsSecrets({ url: "https://a.example/x", signingSecret: "whsec_1", idempotencyKey: "k" }, "operator"),
    ).toEqual({
      url: "https://a.example/…",
      signingSecret: "…",
      idempotencyKey: "k",
    });
  });

  it("masks the url of action details for non-admins only", () => {
    const details = { action: "webhook", url: SECRET_URL, status: 503 };
    expect(maskDetailsSecrets(details, "viewer")).toEqual({
      action: "webhook",
      url: "https://hooks.example.org:8443/…",
      status: 503,
    });
    expect(maskDetailsSecrets(details, "admin")).toBe(details);
    expect(maskDetailsSecrets(null, "viewer")).toBeNull();
  });
});
