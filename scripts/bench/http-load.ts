import autocannon from "autocannon";

export interface HttpLoadResult {
  /** Answers with the expected status class (2xx unless `okStatus` says otherwise). */
  ok: number;
  /** Answers with another status, plus socket errors and timeouts. */
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  seconds: number;
  statuses: Record<string, number>;
}

export interface HttpLoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Per-request path, body and headers, for loads where each request differs (fires, tokens). */
  next?: () => { path: string; body?: string; headers?: Record<string, string> };
  /** Called with each answer of a `next` request (the bench keeps its documents' states from it). */
  onAnswer?: (status: number, body: string) => void;
  /** The status every answer should have; others count as errors (default: any 2xx). */
  okStatus?: number;
}

/**
 * One closed-loop load with autocannon (used programmatically): `connections` keep one
 * request each in flight for `seconds`. Latency percentiles are autocannon's (ms).
 */
export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const statuses: Record<string, number> = {};
  const requests = options.next
    ? [
        {
          method: options.method ?? "POST",
          setupRequest: (request: autocannon.Request) => {
            const { path, body, headers } = options.next!();
            return { ...request, path, body, headers: { ...request.headers, ...headers } };
          },
          onResponse: (status: number, body: string) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
            options.onAnswer?.(status, body);
          },
        },
      ]
    : undefined;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: options.method ?? "GET",
    headers: options.headers,
    requests,
    timeout: 10,
  });
  if (!options.next) {
    for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count.count ?? 0;
  }
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  const ok =
    options.okStatus === undefined
      ? Object.entries(statuses).reduce((n, [code, count]) => (code.startsWith("2") ? n + count : n), 0)
      : (statuses[String(options.okStatus)] ?? 0);
  return {
    ok,
    errors: total - ok + result.errors + result.timeouts,
    perSecond: ok / (result.duration || options.seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    seconds: result.duration,
    statuses,
  };
}
