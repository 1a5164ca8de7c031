import { performance } from "node:perf_hooks";
import { Agent } from "undici";
import { percentile } from "./closed-loop";

export interface OverloadResult {
  accepted: number;
  shed: number;
  other: number;
  acceptedPerSecond: number;
  /** Latency of the requests the host accepted (2xx), which shedding is meant to protect. */
  acceptedP50Ms: number;
  acceptedP99Ms: number;
  shedP99Ms: number;
}

/**
 * `connections` closed loops of requests (far more than the host serves), timing each answer
 * by its status: autocannon reports one histogram for all answers, where fast 503s would hide
 * the latency of the accepted requests that shedding is meant to protect.
 */
export async function runOverload(options: {
  connections: number;
  seconds: number;
  request: () => { url: string; init: RequestInit };
  onAnswer?: (status: number, body: string) => void;
}): Promise<OverloadResult> {
  const dispatcher = new Agent({ connections: options.connections, pipelining: 1 });
  const accepted: number[] = [];
  const shed: number[] = [];
  let other = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const { url, init } = options.request();
        const began = performance.now();
        try {
          const response = await fetch(url, { ...init, dispatcher } as RequestInit);
          const body = await response.text();
          const ms = performance.now() - began;
          if (response.status >= 200 && response.status < 300) accepted.push(ms);
          else if (response.status === 503 || response.status === 429) shed.push(ms);
          else other += 1;
          options.onAnswer?.(response.status, body);
        } catch {
          other += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await dispatcher.close();
  accepted.sort((a, b) => a - b);
  shed.sort((a, b) => a - b);
  return {
    accepted: accepted.length,
    shed: shed.length,
    other,
    acceptedPerSecond: accepted.length / seconds,
    acceptedP50Ms: percentile(accepted, 50),
    acceptedP99Ms: percentile(accepted, 99),
    shedP99Ms: percentile(shed, 99),
  };
}
