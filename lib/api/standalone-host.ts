import "server-only";
import { Hono } from "hono";
import type { HttpBindings } from "@hono/node-server";
import { getEnv } from "../config/env";
import { answerKindOf, isHttpsRequest, securityHeaders } from "../config/security-headers";
import { apiNotFound } from "./api-not-found";
import { problemResponse } from "./error-response";
import { attachNodeBody } from "./node-request-body";
import { ROUTE_TABLE, type HttpMethod } from "./route-table";

/**
 * The standalone API host: the route table (lib/api/route-table.ts) on Hono, which hands
 * each handler the Web-standard Request it already takes under Next and sends back its
 * Response unchanged. So both hosts run the same apiRoute wrapper: authentication, rate
 * limit, zod parsing, body limits, problem+json, the in-flight limit, logging and metrics.
 * What differs is only the host: no Next request pipeline (the reason it exists), and no
 * cookie sessions (systems call it with bearer tokens; scripts/api-server.ts turns them off).
 */
export function createApiApp(): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  // The security headers Next's proxy.ts puts on every API answer, decided by the same function.
  app.use(async (c, next) => {
    await next();
    const env = getEnv();
    const headers = securityHeaders({
      kind: answerKindOf(c.req.path),
      isHttps: isHttpsRequest(c.req.url, c.req.raw.headers, env.DOCSTATE_PUBLIC_URL),
      hstsMaxAgeSeconds: env.DOCSTATE_HSTS,
      isDevelopment: false,
    });
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
  // Next prefers a static segment over a parameter (/bulk-operations/preview before
  // /bulk-operations/:id); Hono tries routes in the order they were added.
  const routes = [...ROUTE_TABLE].sort((a, b) => (specificity(a.path) < specificity(b.path) ? -1 : 1));
  for (const route of routes) {
    const methods = Object.keys(route.handlers) as HttpMethod[];
    for (const method of methods) {
      const handler = route.handlers[method]!;
      app.on(method, route.path, (c) => {
        // Bodies are read from node:http directly (lib/api/node-request-body.ts); tests that
        // call app.fetch without a node request keep the web stream.
        if (c.env?.incoming) attachNodeBody(c.req.raw, c.env.incoming);
        return handler(c.req.raw, { params: Promise.resolve(c.req.param()) });
      });
    }
    // A known path with another method: 405 with Allow, as Next answers.
    app.all(route.path, () => new Response(null, { status: 405, headers: { allow: methods.join(", ") } }));
  }
  app.notFound((c) => apiNotFound(c.req.raw));
  app.onError((error, c) => problemResponse(error, { instance: new URL(c.req.url).pathname }));
  return app;
}

/** A sort key that puts static segments before parameters at the same depth ("~" after letters in code-unit order). */
function specificity(path: string): string {
  return path.replace(/:[^/]+/g, "~");
}
