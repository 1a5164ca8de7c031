import "server-only";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApiApp } from "./standalone-host";

export interface RunningApiServer {
  port: number;
  /**
   * Stops accepting connections, lets requests in flight finish for up to `graceMs`, then
   * closes whatever is left. Idle keep-alive connections are closed at once.
   */
  close(graceMs?: number): Promise<{ drained: boolean }>;
}

/**
 * Serves the route table over node:http with Hono (lib/api/standalone-host.ts). Port 0 picks
 * a free port (tests). `overrideGlobalObjects` (default true) lets @hono/node-server use its
 * lighter Request/Response in place of undici's; tests that share the process with other
 * code pass false.
 */
export async function startApiServer(options: {
  port: number;
  hostname?: string;
  overrideGlobalObjects?: boolean;
}): Promise<RunningApiServer> {
  const app = createApiApp();
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.hostname,
        overrideGlobalObjects: options.overrideGlobalObjects ?? true,
      },
      () => resolve(created as Server),
    ) as Server;
    created.once("error", reject);
  });
  // Longer than the usual load balancer idle timeout (60 s), so the balancer closes first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return {
    port: (server.address() as AddressInfo).port,
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = await Promise.race([
        closed.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
      ]);
      if (!drained) {
        server.closeAllConnections();
        await closed;
      }
      return { drained };
    },
  };
}
