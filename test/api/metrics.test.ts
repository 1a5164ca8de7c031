import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as metrics from "../../app/api/metrics/route";
import * as documents from "../../app/api/v1/documents/route";
import * as transitions from "../../app/api/v1/documents/[id]/transitions/route";
import * as workflows from "../../app/api/v1/workflows/route";
import * as publish from "../../app/api/v1/workflows/[key]/publish/route";
import { REVIEW_DEFINITION } from "../helpers/fixtures";
import { openApiHarness, type ApiHarness } from "./api-harness";

interface Family {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string; buckets?: Record<string, string>; count?: string }[];
}

describe("GET /api/metrics (Prometheus text format)", () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness("postgres");
    await api.call(workflows.POST, {
      path: "/api/v1/workflows",
      body: { key: "review", name: "Review", definition: REVIEW_DEFINITION },
    });
    await api.call(publish.POST, {
      path: "/api/v1/workflows/review/publish",
      params: { key: "review" },
      method: "POST",
    });
    const doc = await api.call(documents.POST, { path: "/api/v1/documents", body: { workflow: "review", title: "m" } });
    await api.call(transitions.POST, {
      path: `/api/v1/documents/${doc.body.id}/transitions`,
      params: { id: doc.body.id },
      body: { transition: "submit" },
    });
  });
  afterAll(async () => api?.close());

  it("needs a token", async () => {
    const response = await metrics.GET(new Request("http://localhost/api/metrics"));
    expect(response.status).toBe(401);
  });

  it("exposes documents by state, transitions, queue depth and request durations in parseable text", async () => {
    const response = await metrics.GET(
      new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${api.tokens.viewer}` } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const families = parsePrometheusTextFormat(text) as Family[];
    const byName = new Map(families.map((f) => [f.name, f]));
    const docs = byName.get("docstate_documents")!;
    expect(docs.type).toBe("GAUGE");
    expect(docs.metrics).toEqual(
      expect.arrayContaining([{ labels: { workflow: "review", state: "review" }, value: "1" }]),
    );
    expect(byName.get("docstate_transitions_total")!.metrics).toEqual(
      expect.arrayContaining([{ labels: { workflow: "review", transition: "submit", actor: "api" }, value: "1" }]),
    );
    expect(
      byName
        .get("docstate_jobs")!
        .metrics.map((m) => m.labels!.status)
        .sort(),
    ).toEqual(["cancelled", "exhausted", "pending", "running", "waiting"]);
    const http = byName.get("docstate_http_request_duration_seconds")!;
    expect(http.type).toBe("HISTOGRAM");
    expect(http.metrics.length).toBeGreaterThan(0);
    // The parser keeps histogram buckets but not their labels; check the series line itself.
    expect(text).toMatch(
      /^docstate_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/documents\/:id\/transitions",status="200"\} 1$/m,
    );
    expect(byName.has("docstate_job_lag_seconds")).toBe(true);
  });
});
